import { sectionById, type SectionId } from '../probe/sections.js';
import type { HostModel, Process, Warning } from './types.js';
import { causeWarnings } from './cause-warnings.js';

/** What is wrong on this host, most severe first: the Overview's "is anything wrong". Codes and figures; views word them. */
export function buildWarnings(m: Omit<HostModel, 'warnings'>): Warning[] {
  const out: Warning[] = [];
  const failed = (m.units ?? []).filter((u) => u.active === 'failed');
  if (failed.length > 0) {
    out.push({ code: 'failed-units', units: failed.map((u) => u.name), severity: 'error', tab: 'services', about: { kind: 'unit', name: failed[0].name } });
  }
  const mem = m.memory;
  if (mem?.oomKills) out.push({ code: 'oom-kills', count: mem.oomKills, severity: 'error', tab: 'memory' });
  if (mem && mem.totalBytes > 0 && mem.availableBytes / mem.totalBytes < 0.1) {
    out.push({ code: 'memory-low', availableBytes: mem.availableBytes, totalBytes: mem.totalBytes, severity: 'warn', tab: 'memory' });
  }
  if (mem?.psi && mem.psi.some.avg10 >= 10) out.push({ code: 'memory-pressure', avg10: mem.psi.some.avg10, severity: 'warn', tab: 'memory' });
  for (const e of m.engines) {
    const severity = e.status === 'down' || e.status === 'error' ? 'warn' : e.status === 'permission-denied' || e.status === 'socket-activated' ? 'info' : null;
    if (severity) out.push({ code: 'engine', engine: e.name, status: e.status, failure: e.failure, severity, tab: 'engines', about: { kind: 'engine', name: e.name } });
  }
  if (m.kube.missing.length > 0 && runsKubernetes(m.processes)) {
    out.push({ code: 'kube-missing', missing: m.kube.missing, severity: 'warn', tab: 'overview' });
  }
  const usr = m.mounts.find((x) => x.target === '/usr');
  if (usr?.readOnly) out.push({ code: 'usr-read-only', source: usr.source, severity: 'info', tab: 'mounts', about: { kind: 'mount', name: '/usr' } });
  out.push(...causeWarnings(m));
  for (const [id, s] of Object.entries(m.sections)) {
    const spec = sectionById(id);
    // An optional section missing from a snapshot is one an older cosi did not read (/proc/stat): nothing to say.
    if (s.state === 'missing' && spec?.role === 'optional') continue;
    // Not read yet (a connection's first tick): it follows on the next tick, nothing went wrong.
    if (s.state === 'pending') continue;
    if (spec && (s.state === 'error' || s.state === 'truncated' || s.state === 'missing')) {
      out.push({ code: 'section', section: id as SectionId, severity: 'warn', tab: spec.tab });
    }
  }
  const rank = { error: 0, warn: 1, info: 2 };
  return out.map((w, i) => ({ w, i })).sort((a, b) => rank[a.w.severity] - rank[b.w.severity] || a.i - b.i).map((x) => x.w);
}

/** kube-proxy's IPVS prerequisites matter only on a node: kubelet or kube-proxy (or k3s, which embeds both) runs. */
const KUBE_PROCESS = /^(kubelet|kube-proxy|hyperkube|k3s|k3s-server|k3s-agent)$/;

export function runsKubernetes(procs: Process[]): boolean {
  return procs.some((p) => KUBE_PROCESS.test(p.comm) || KUBE_PROCESS.test((p.args.split(/\s+/)[0] ?? '').split('/').pop() ?? ''));
}

/** A warning's stable id in `--json`: its code and what it is about (a cgroup path, a mount, a uid, a resource). */
export function warningId(w: Warning): string {
  const parts: string[] = [w.code];
  if (w.code === 'pressure') parts.push(w.resource);
  if (w.code === 'inotify-instances' || w.code === 'inotify-watches') parts.push(`uid=${w.uid}`);
  else if (w.code === 'section') parts.push(w.section);
  else if ('cgroup' in w && w.cgroup) parts.push(w.cgroup);
  else if (w.about) parts.push(w.about.name);
  return parts.join(':');
}
