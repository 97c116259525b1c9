/**
 * The counters of the cgroups on screen (cgroup-counters section) merged into a held-back cgroup
 * tree (issue #13). Pure. CPU rates come from consecutive readings of the same cgroup: the last
 * reading before this one, whether the counters' or the tree's, when it is at most MAX_GAP_S older;
 * otherwise the tree's own rate stands (a row that just came on screen, after a pause).
 */
import type { CgroupCountersInfo } from '../../parsers/cgroup-counters.js';
import type { CgroupEntry, CgroupsInfo } from '../../parsers/cgroups.js';
import { cpuRate } from './cgroup-cpu.js';
import type { CgroupRate } from './types.js';

/** A rate over a longer gap would be an average over minutes shown as the current one. */
export const MAX_GAP_S = 60;

export interface OnScreen {
  rows: CgroupEntry[];
  cpu: Map<string, CgroupRate>;
  /** Rows whose figures this reading made newer than the tree's (0 when the tree is as new). */
  live: number;
}

/**
 * `tree`: the cgroups section's reading (its rows `rows`, its rates `cpu`; `treeBefore` the uptime
 * of the tree reading those rates started from). `cur`: the counters read this tick, if any;
 * `prev`: the last counters reading before this tick's.
 */
export function mergeOnScreen(tree: CgroupsInfo | null, treeBefore: number | null, rows: CgroupEntry[], cpu: Map<string, CgroupRate>, cur: CgroupCountersInfo | null, prev: CgroupCountersInfo | null): OnScreen {
  const same = { rows, cpu, live: 0 };
  const t = tree?.uptimeSeconds ?? null;
  if (t === null) return same;
  const now = cur?.uptimeSeconds ?? null;
  if (now !== null && now > t) return fresher(rows, cpu, t, cur!, prev);
  // The tree was read after the last counters: their rows' rates run from those counters to it.
  const p = prev?.uptimeSeconds ?? null;
  if (!prev || p === null || p >= t || t - p > MAX_GAP_S || (treeBefore !== null && p <= treeBefore)) return same;
  const out = new Map(cpu);
  const at = new Map(rows.map((e) => [e.path, e]));
  for (const [path, c] of prev.groups) {
    const r = cpuRate(c.cpu, at.get(path)?.cpu ?? null, t - p);
    if (r) out.set(path, r);
  }
  return { rows, cpu: out, live: 0 };
}

function fresher(rows: CgroupEntry[], cpu: Map<string, CgroupRate>, t: number, cur: CgroupCountersInfo, prev: CgroupCountersInfo | null): OnScreen {
  const now = cur.uptimeSeconds!;
  const p = prev?.uptimeSeconds ?? null;
  const usePrev = prev !== null && p !== null && p > t && p < now;
  const out = new Map(cpu);
  let live = 0;
  const merged = rows.map((e) => {
    const c = cur.groups.get(e.path);
    if (!c) return e;
    live++;
    const counters = c.cpu ? { ...c.cpu, limitCores: e.cpu?.limitCores ?? null } : e.cpu;
    const before = usePrev ? prev.groups.get(e.path) : undefined;
    const [from, at] = before ? [before.cpu, p!] : [e.cpu, t];
    const r = now - at <= MAX_GAP_S ? cpuRate(from, counters, now - at) : null;
    if (r) out.set(e.path, r);
    else if (before || now - at <= MAX_GAP_S) out.delete(e.path);
    return { ...e, memoryBytes: c.memoryBytes ?? e.memoryBytes, tasks: c.tasks ?? e.tasks, cpu: counters };
  });
  return { rows: merged, cpu: out, live };
}
