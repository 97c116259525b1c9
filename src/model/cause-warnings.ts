/**
 * Warnings that name the cause behind a misleading symptom: a limit nearly reached (inotify,
 * conntrack, pids, open files, disk space and inodes, a cgroup's memory and pids), OOM kills,
 * CPU throttling and pressure. Codes and figures; views/present/warnings.ts words them.
 */
import type { CgroupNode, CgroupRef, HostModel, InotifyUser, MountGroup, Warning } from './types.js';
import { eachNode } from './walk.js';

/** "Near" a limit: this share of it or more (a limit reached is an error). */
export const NEAR = 0.9;
/** A cgroup throttled in this % of its CPU periods or more. */
export const THROTTLED_PERCENT = 25;
/** PSI "some avg10" at this % or more. */
export const PRESSURE_PERCENT = 10;

type Input = Pick<HostModel, 'kernel' | 'cgroups' | 'mountGroups' | 'memory'>;

/** usage against its limit: 'error' at the limit, 'warn' near it, null below. */
function level(used: number, max: number | null): 'error' | 'warn' | null {
  if (max === null || max <= 0) return null;
  if (used >= max) return 'error';
  return used >= NEAR * max ? 'warn' : null;
}

export function causeWarnings(m: Input): Warning[] {
  return [...kernelWarnings(m), ...inotifyWarnings(m.kernel.inotify, m.kernel.limits), ...diskWarnings(m), ...cgroupWarnings(m.cgroups), ...pressureWarnings(m)];
}

function kernelWarnings(m: Input): Warning[] {
  const k = m.kernel.limits;
  if (!k) return [];
  const out: Warning[] = [];
  const add = (code: 'conntrack' | 'pid-max' | 'file-max', used: number | null, max: number | null) => {
    const severity = used === null ? null : level(used, max);
    if (severity) out.push({ code, used: used!, max: max!, severity, tab: 'overview' });
  };
  add('conntrack', k.conntrackCount, k.conntrackMax);
  add('pid-max', k.tasks, k.pidMax);
  add('file-max', k.openFiles, k.fileMax);
  return out;
}

function inotifyWarnings(users: InotifyUser[] | null, k: Input['kernel']['limits']): Warning[] {
  if (!users || !k) return [];
  const out: Warning[] = [];
  for (const u of users) {
    for (const [code, used, max] of [['inotify-instances', u.instances, k.inotifyMaxInstances], ['inotify-watches', u.watches, k.inotifyMaxWatches]] as const) {
      const severity = level(used, max);
      if (!severity) continue;
      const count = (h: InotifyUser['holders'][number]) => (code === 'inotify-instances' ? h.instances : h.watches);
      const holders = [...u.holders].sort((a, b) => count(b) - count(a) || a.pid - b.pid).slice(0, 3).map((h) => ({ pid: h.pid, comm: h.comm, count: count(h) }));
      out.push({ code, uid: u.uid, used, max: max!, holders, severity, tab: 'services', ...(holders[0] ? { about: { kind: 'process' as const, name: String(holders[0].pid) } } : {}) });
    }
  }
  return out;
}

/** Always full by design: read-only images. */
const IMAGE_FS = new Set(['squashfs', 'iso9660', 'erofs', 'cramfs', 'udf']);

/**
 * Space and inodes >= 90% per filesystem (mount group) that can be written. An overlay shows the
 * figures of the filesystem under it: it is named only when no other group has the same figures.
 */
function diskWarnings(m: Input): Warning[] {
  const groups = m.mountGroups.filter((g) => !g.pseudo && !IMAGE_FS.has(g.fstype) && g.members.some((x) => !x.readOnly));
  const inodes = new Map(m.kernel.inodes.map((e) => [e.target, e]));
  const out: Warning[] = [];
  const seen = new Set<string>();
  const ordered = [...groups.filter((g) => g.fstype !== 'overlay'), ...groups.filter((g) => g.fstype === 'overlay')];
  for (const g of ordered) {
    const target = g.members.find((x) => !x.readOnly)!.target;
    const space = spaceUsage(g);
    if (space) {
      const key = `s:${g.sizeBytes}:${g.usedBytes}:${g.availBytes}`;
      const severity = level(space.used, space.max);
      if (severity && !seen.has(key)) out.push({ code: 'disk-space', target, source: g.source, used: space.used, max: space.max, severity, tab: 'mounts', about: { kind: 'mount', name: target } });
      seen.add(key);
    }
    const i = g.targets.map((t) => inodes.get(t)).find((e) => e && e.inodes);
    if (i && i.inodes && i.used !== null) {
      const key = `i:${i.inodes}:${i.used}:${i.free}`;
      // Like df's IUse%: used of used + free (what unprivileged users can get).
      const max = i.free !== null ? i.used + i.free : i.inodes;
      const severity = level(i.used, max);
      if (severity && !seen.has(key)) out.push({ code: 'disk-inodes', target, source: g.source, used: i.used, max, severity, tab: 'mounts', about: { kind: 'mount', name: target } });
      seen.add(key);
    }
  }
  return out;
}

/** df's Use%: used of used + available (root's reserve is not available to others). */
function spaceUsage(g: MountGroup): { used: number; max: number } | null {
  if (!g.sizeBytes || g.usedBytes === null || g.availBytes === null) return null;
  const max = g.usedBytes + g.availBytes;
  return max > 0 ? { used: g.usedBytes, max } : null;
}

function ref(n: CgroupNode): CgroupRef {
  return { cgroup: n.path, container: n.container?.name ?? null };
}

/**
 * Per cgroup: memory (less its inactive file cache, as docker stats counts) and tasks near their
 * limits, throttling; OOM kills only on the deepest cgroup that has them (v2 counts a child's in
 * its parents too).
 */
function cgroupWarnings(root: CgroupNode | null): Warning[] {
  if (!root) return [];
  const out: Warning[] = [];
  const about = (n: CgroupNode) => ({ tab: 'services' as const, about: { kind: 'cgroup' as const, name: n.path } });
  eachNode(root, (n) => {
    if (n.path === '/') return;
    if (n.memoryBytes !== null) {
      const used = Math.max(0, n.memoryBytes - (n.memoryCacheBytes ?? 0));
      const severity = level(used, n.limits.memoryBytes);
      if (severity) out.push({ code: 'cgroup-memory', ...ref(n), used, max: n.limits.memoryBytes!, severity, ...about(n) });
    }
    if (n.tasks !== null) {
      const severity = level(n.tasks, n.limits.pids);
      if (severity) out.push({ code: 'cgroup-pids', ...ref(n), used: n.tasks, max: n.limits.pids!, severity, ...about(n) });
    }
    if (n.oomKills && !n.children.some((c) => c.oomKills)) out.push({ code: 'cgroup-oom', ...ref(n), count: n.oomKills, severity: 'error', ...about(n) });
    const t = n.cpu?.throttledPercent ?? null;
    if (t !== null && t >= THROTTLED_PERCENT) out.push({ code: 'cgroup-throttled', ...ref(n), throttledPercent: t, severity: 'warn', ...about(n) });
  });
  return out;
}

const RESOURCES = ['cpu', 'memory', 'io'] as const;

/**
 * Host CPU and I/O pressure (memory's is the older `memory-pressure`), then per resource the
 * deepest cgroups at the threshold: a parent's pressure includes its children's.
 */
function pressureWarnings(m: Input): Warning[] {
  const out: Warning[] = [];
  const { cpu, io } = m.kernel.pressure;
  for (const [resource, p] of [['cpu', cpu], ['io', io]] as const) {
    if (p && p.some.avg10 >= PRESSURE_PERCENT) out.push({ code: 'pressure', resource, avg10: p.some.avg10, cgroup: null, container: null, severity: 'warn', tab: 'overview' });
  }
  if (!m.cgroups) return out;
  const high = (n: CgroupNode, r: (typeof RESOURCES)[number]) => n.path !== '/' && n.pressure !== null && n.pressure[r] >= PRESSURE_PERCENT;
  for (const resource of RESOURCES) {
    eachNode(m.cgroups, (n) => {
      if (high(n, resource) && !n.children.some((c) => high(c, resource))) {
        out.push({ code: 'pressure', resource, avg10: n.pressure![resource], ...ref(n), severity: 'warn', tab: 'services', about: { kind: 'cgroup', name: n.path } });
      }
    });
  }
  return out;
}

/** inotify use per user from the holders, most watches first. */
export function inotifyUsers(holders: { uid: number; pid: number; comm: string; instances: number; watches: number }[] | null): InotifyUser[] | null {
  if (!holders) return null;
  const by = new Map<number, InotifyUser>();
  for (const h of holders) {
    const u = by.get(h.uid) ?? { uid: h.uid, instances: 0, watches: 0, holders: [] };
    u.instances += h.instances;
    u.watches += h.watches;
    u.holders.push(h);
    by.set(h.uid, u);
  }
  for (const u of by.values()) u.holders.sort((a, b) => b.watches - a.watches || a.pid - b.pid);
  return [...by.values()].sort((a, b) => b.watches - a.watches || a.uid - b.uid);
}
