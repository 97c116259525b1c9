import type { ProcCpu } from '../../parsers/proc-cpu.js';

/** Clock ticks per second of /proc/PID/stat (USER_HZ: 100 on every architecture cosi's hosts run). */
const HZ = 100;

/**
 * Per process CPU between two readings, by pid: the change of utime+stime over the host uptime
 * between them, in % of one core (top's %CPU, not ps's lifetime average). A pid whose start time
 * changed (reused) or whose counter went back gives no figure.
 */
export function procCpuRates(prev: ProcCpu | null, cur: ProcCpu | null): Map<number, number> {
  const out = new Map<number, number>();
  if (!prev || !cur || prev.uptimeSeconds === null || cur.uptimeSeconds === null) return out;
  const seconds = cur.uptimeSeconds - prev.uptimeSeconds;
  if (!(seconds > 0)) return out;
  for (const [pid, b] of cur.procs) {
    const a = prev.procs.get(pid);
    if (!a || a.start !== b.start || b.ticks < a.ticks) continue;
    out.set(pid, Math.round((1000 * (b.ticks - a.ticks)) / HZ / seconds) / 10);
  }
  return out;
}
