import { sectionById } from '../probe/sections.js';
import type { HostModel, Process, Warning } from './types.js';

const GiB = 1024 ** 3;

/** What is wrong on this host, most severe first: the Overview's "is anything wrong". */
export function buildWarnings(m: Omit<HostModel, 'warnings'>): Warning[] {
  const out: Warning[] = [];
  const failed = (m.units ?? []).filter((u) => u.active === 'failed');
  if (failed.length > 0) {
    const names = failed.slice(0, 4).map((u) => u.name).join(', ');
    out.push({ severity: 'error', tab: 'services', text: `${failed.length} failed unit${failed.length > 1 ? 's' : ''}: ${names}${failed.length > 4 ? ', ...' : ''}`, about: { kind: 'unit', name: failed[0].name } });
  }
  const mem = m.memory;
  if (mem?.oomKills) out.push({ severity: 'error', tab: 'memory', text: `${mem.oomKills} OOM kill${mem.oomKills > 1 ? 's' : ''} since boot` });
  if (mem && mem.totalBytes > 0 && mem.availableBytes / mem.totalBytes < 0.1) {
    out.push({ severity: 'warn', tab: 'memory', text: `memory low: ${(mem.availableBytes / GiB).toFixed(1)} GiB available of ${(mem.totalBytes / GiB).toFixed(1)} GiB` });
  }
  if (mem?.psi && mem.psi.some.avg10 >= 10) {
    out.push({ severity: 'warn', tab: 'memory', text: `memory pressure: tasks stalled ${mem.psi.some.avg10.toFixed(1)}% of the last 10 s` });
  }
  for (const e of m.engines) {
    const about = { kind: 'engine' as const, name: e.name };
    if (e.status === 'down' || e.status === 'error') out.push({ severity: 'warn', tab: 'engines', text: `${e.name}: ${e.message ?? e.status}`, about });
    if (e.status === 'permission-denied') out.push({ severity: 'info', tab: 'engines', text: `${e.name}: permission denied — run with --sudo`, about });
    if (e.status === 'socket-activated') out.push({ severity: 'info', tab: 'engines', text: `${e.name}: socket-activated, not running (cosi does not start it)`, about });
  }
  if (m.kube.missing.length > 0 && runsKubernetes(m.processes)) {
    out.push({ severity: 'warn', tab: 'overview', text: `kube-proxy IPVS prerequisites missing: ${m.kube.missing.join(', ')}` });
  }
  const usr = m.mounts.find((x) => x.target === '/usr');
  if (usr?.readOnly) out.push({ severity: 'info', tab: 'mounts', text: `/usr is read-only (${usr.source})`, about: { kind: 'mount', name: '/usr' } });
  for (const [id, s] of Object.entries(m.sections)) {
    if (s.state === 'error' || s.state === 'truncated' || s.state === 'missing') out.push({ severity: 'warn', tab: sectionById(id)?.tab ?? 'overview', text: s.message ?? `${id}: ${s.state}` });
  }
  const rank = { error: 0, warn: 1, info: 2 };
  return out.map((w, i) => ({ w, i })).sort((a, b) => rank[a.w.severity] - rank[b.w.severity] || a.i - b.i).map((x) => x.w);
}

/** kube-proxy's IPVS prerequisites matter only on a node: kubelet or kube-proxy (or k3s, which embeds both) runs. */
const KUBE_PROCESS = /^(kubelet|kube-proxy|hyperkube|k3s|k3s-server|k3s-agent)$/;

export function runsKubernetes(procs: Process[]): boolean {
  return procs.some((p) => KUBE_PROCESS.test(p.comm) || KUBE_PROCESS.test((p.args.split(/\s+/)[0] ?? '').split('/').pop() ?? ''));
}
