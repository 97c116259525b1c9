import type { CgroupNode, HostModel, Warning } from '../../src/model/types.js';
import type { SectionId } from '../../src/probe/sections.js';
import { duration, plural } from './format.js';
import { unitsNote } from './units-note.js';
import { warningText } from './warnings.js';

export interface Fact {
  label: string;
  value: string;
}

export function identityFacts(model: HostModel): Fact[] {
  const id = model.identity;
  const os = id.osPrettyName || [id.osName, id.osVersion].filter(Boolean).join(' ') || 'unknown OS';
  const load = id.load ? id.load.map((l) => l.toFixed(2)).join(' ') : '-';
  return [
    { label: 'Host', value: `${id.hostname || '?'} · ${os}${id.osId ? ` (${id.osId})` : ''}` },
    { label: 'Kernel', value: `${id.kernelName} ${id.kernelRelease} ${id.arch}${id.cpus ? ` · ${plural(id.cpus, 'CPU')}` : ''}` },
    { label: 'Uptime', value: `${duration(id.uptimeSeconds)} · load ${load}${pending(model, 'cgroups') ? '' : ` · cgroup ${model.cgroupVersion}`} · init ${id.initComm ?? '?'}` },
    ...cpuFacts(model),
  ];
}

/** The CPU line, when the probe read /proc/stat: shares of the last interval and the 1-min load against the cores. */
function cpuFacts(model: HostModel): Fact[] {
  if (model.sections.stat?.state !== 'ok') return [];
  const { cpu, identity: id } = model;
  const pct = (x: number) => `${x.toFixed(1)}%`;
  const shares = cpu
    ? `${pct(cpu.busyPercent)} busy · iowait ${pct(cpu.iowaitPercent)} · steal ${pct(cpu.stealPercent)}`
    : 'busy % after the next reading';
  const load = id.load && id.cpus ? ` · load ${id.load[0].toFixed(2)}/${plural(id.cpus, 'core')}` : '';
  return [{ label: 'CPU', value: shares + load }];
}

/** The section is not read yet (a live connection's quick first tick): its fact says so. */
function pending(model: HostModel, id: SectionId): boolean {
  return model.sections[id]?.state === 'pending';
}

const NOT_YET = 'not read yet';

export function countFacts(model: HostModel): Fact[] {
  const out: Fact[] = [];
  if (pending(model, 'systemd')) out.push({ label: 'Units', value: NOT_YET });
  else if (model.units) {
    out.push({ label: 'Units', value: unitsNote(model.units) });
  } else if (model.unitsUnreadable !== undefined) {
    out.push({ label: 'Units', value: 'systemd units not readable from this shell' });
  } else {
    out.push({ label: 'Units', value: 'no systemd (services are containers / raw cgroups)' });
  }
  const engines = model.engines.map((e) => {
    if (e.status !== 'up') return `${e.name} ${e.status}`;
    const running = e.containers.filter((c) => c.state === 'running').length;
    return `${e.name} ${running}/${e.containers.length} running`;
  });
  out.push({ label: 'Containers', value: pending(model, 'engines') ? NOT_YET : engines.length ? engines.join(' · ') : 'no engine socket found' });
  const pseudo = model.mounts.filter((m) => m.pseudo).length;
  out.push({ label: 'Mounts', value: `${model.mounts.length} mounts (${pseudo} pseudo) in ${plural(model.mountGroups.filter((g) => !g.pseudo).length, 'device group')}` });
  out.push({ label: 'Processes', value: pending(model, 'processes') ? NOT_YET : String(model.processes.length) });
  return out;
}

const SEVERITY_ORDER = { error: 0, warn: 1, info: 2 };

/** Warnings, most severe first, stable within a severity. */
export function sortedWarnings(model: HostModel, filter: string): Warning[] {
  const f = filter.trim().toLowerCase();
  return model.warnings
    .map((w, i) => [w, i] as const)
    .filter(([w]) => f === '' || warningText(w, model).toLowerCase().includes(f))
    .sort((a, b) => SEVERITY_ORDER[a[0].severity] - SEVERITY_ORDER[b[0].severity] || a[1] - b[1])
    .map(([w]) => w);
}

/** Where Enter on a warning goes: the row key in its tab, and the rows to open on the way. */
export function warningTarget(model: HostModel, w: Warning): { key: string; open: string[] } | null {
  const a = w.about;
  if (!a) return null;
  if (a.kind === 'engine') return { key: `eng:${a.name}`, open: [] };
  if (a.kind === 'cgroup') return cgroupTarget(a.name);
  if (a.kind === 'process') {
    const p = model.processes.find((x) => String(x.pid) === a.name);
    if (!p?.cgroup) return null;
    const t = cgroupTarget(p.cgroup);
    return { key: `pid:${p.cgroup}:${p.pid}`, open: [...t.open, t.key] };
  }
  if (a.kind === 'mount') {
    const g = model.mountGroups.find((x) => x.members.some((m) => m.target === a.name));
    const m = g?.members.find((x) => x.target === a.name);
    return g && m ? { key: `grp:${g.key}>${m.id}`, open: [`grp:${g.key}`] } : null;
  }
  // a unit: its cgroup when it has one (the path's ancestors open), else the failed list under system.slice
  const trail = model.cgroups ? unitTrail(model.cgroups, a.name) : null;
  return trail ? { key: trail[trail.length - 1], open: trail.slice(0, -1) } : { key: `unit:${a.name}`, open: [] };
}

/** The cgroup's row in Services, its ancestors open. */
function cgroupTarget(path: string): { key: string; open: string[] } {
  const open = ['cg:/'];
  for (let i = path.indexOf('/', 1); i > 0; i = path.indexOf('/', i + 1)) open.push(`cg:${path.slice(0, i)}`);
  return { key: `cg:${path}`, open: path === '/' ? [] : open };
}

/** Row keys from the root to the unit's cgroup, or null. */
function unitTrail(n: CgroupNode, unit: string): string[] | null {
  if (n.unit === unit) return [`cg:${n.path}`];
  for (const c of n.children) {
    const t = unitTrail(c, unit);
    if (t) return [`cg:${n.path}`, ...t];
  }
  return null;
}
