import type { CpuStat, CpuTimes } from '../../parsers/stat.js';
import type { HostCpu } from './types.js';

const sum = (t: CpuTimes) => t.user + t.nice + t.system + t.idle + t.iowait + t.irq + t.softirq + t.steal;

/** Shares of one interval, in %; null when the counters did not move forward (same reading, reboot). */
function shares(prev: CpuTimes, cur: CpuTimes): { busy: number; iowait: number; steal: number } | null {
  const total = sum(cur) - sum(prev);
  const idle = cur.idle - prev.idle;
  const iowait = cur.iowait - prev.iowait;
  const steal = cur.steal - prev.steal;
  if (!(total > 0) || idle < 0 || iowait < 0 || steal < 0) return null;
  const pct = (n: number) => round1((100 * n) / total);
  // iowait (idle with I/O pending) and steal (the hypervisor's) are not this host's work: shown on their own.
  return { busy: pct(Math.max(0, total - idle - iowait - steal)), iowait: pct(iowait), steal: pct(steal) };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Host CPU between two readings of /proc/stat (the counters are cumulative since boot:
 * one reading alone says nothing about now). Cores are matched by number, so a core
 * that went offline in between is left out.
 */
export function hostCpuRates(prev: CpuStat | null, cur: CpuStat | null): HostCpu | null {
  if (!prev?.total || !cur?.total) return null;
  const total = shares(prev.total, cur.total);
  if (!total) return null;
  const before = new Map(prev.cores.map((c) => [c.id, c.times]));
  const perCore: HostCpu['perCore'] = [];
  for (const c of cur.cores) {
    const p = before.get(c.id);
    const s = p ? shares(p, c.times) : null;
    if (s) perCore.push({ id: c.id, busyPercent: s.busy, iowaitPercent: s.iowait, stealPercent: s.steal });
  }
  return { busyPercent: total.busy, iowaitPercent: total.iowait, stealPercent: total.steal, perCore };
}
