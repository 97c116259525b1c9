import type { CgroupCpu, CgroupsInfo } from '../../parsers/cgroups.js';
import type { CgroupIoRate, CgroupRate } from './types.js';

const round2 = (x: number) => Math.round(x * 100) / 100;
const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Per cgroup CPU between two readings of the cgroups section, by path: cores used (usage
 * time over the host's uptime between the readings), % of its CPU limit when it has one,
 * and the share of enforcement periods that were throttled. Empty with one reading, or when
 * the clock did not move (the same reading twice). A counter that went back (a cgroup
 * removed and created again under the same name) gives no rate for that cgroup.
 */
export function cgroupCpuRates(prev: CgroupsInfo | null, cur: CgroupsInfo | null): Map<string, CgroupRate> {
  const out = new Map<string, CgroupRate>();
  const seconds = between(prev, cur);
  if (!prev || !cur || seconds === null) return out;
  const before = new Map(prev.groups.map((g) => [g.path, g.cpu]));
  for (const g of cur.groups) {
    const r = cpuRate(before.get(g.path) ?? null, g.cpu, seconds);
    if (r) out.set(g.path, r);
  }
  return out;
}

/**
 * One cgroup's CPU between two readings `seconds` apart (b's limit); null without both usages or
 * when the counter went back (the cgroup removed and made again under the same name).
 */
export function cpuRate(a: CgroupCpu | null, b: CgroupCpu | null, seconds: number): CgroupRate | null {
  if (!a || !b || a.usageUsec === null || b.usageUsec === null || b.usageUsec < a.usageUsec || !(seconds > 0)) return null;
  const cores = (b.usageUsec - a.usageUsec) / 1e6 / seconds;
  const periods = a.periods !== null && b.periods !== null ? b.periods - a.periods : 0;
  const throttled = a.throttled !== null && b.throttled !== null ? b.throttled - a.throttled : 0;
  return {
    cores: round2(cores),
    percentOfLimit: b.limitCores ? round1((100 * cores) / b.limitCores) : null,
    throttledPercent: periods > 0 && throttled >= 0 ? round1((100 * throttled) / periods) : null,
  };
}

/** Seconds of host uptime between two readings; null without two readings or when the clock did not move. */
function between(prev: CgroupsInfo | null, cur: CgroupsInfo | null): number | null {
  if (!prev || !cur || prev.uptimeSeconds === null || cur.uptimeSeconds === null) return null;
  const seconds = cur.uptimeSeconds - prev.uptimeSeconds;
  return seconds > 0 ? seconds : null;
}

/**
 * Per cgroup bytes read and written per second between two readings (io.stat, or v1 blkio), by
 * path. A counter that went back (the cgroup made again) gives no rate for that cgroup.
 */
export function cgroupIoRates(prev: CgroupsInfo | null, cur: CgroupsInfo | null): Map<string, CgroupIoRate> {
  const out = new Map<string, CgroupIoRate>();
  const seconds = between(prev, cur);
  if (!prev || !cur || seconds === null) return out;
  const before = new Map(prev.groups.map((g) => [g.path, g.io]));
  for (const g of cur.groups) {
    const a = before.get(g.path);
    const b = g.io;
    if (!a || !b || b.readBytes < a.readBytes || b.writeBytes < a.writeBytes) continue;
    out.set(g.path, { readBytesPerSec: Math.round((b.readBytes - a.readBytes) / seconds), writeBytesPerSec: Math.round((b.writeBytes - a.writeBytes) / seconds) });
  }
  return out;
}
