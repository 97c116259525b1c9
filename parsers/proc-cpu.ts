/**
 * The proc-cpu section: "@uptime SECONDS" then one "PID TICKS START" line per process (utime+stime
 * and the start time of /proc/PID/stat, in clock ticks).
 */
import { excerpt } from './sanitize.js';
import { issue, type ParseIssue } from './issues.js';
import { lines, type Parsed } from './types.js';

export interface ProcCpu {
  /** Host /proc/uptime when the counters were read. */
  uptimeSeconds: number | null;
  /** pid -> CPU ticks used (user + system) and start time (ticks after boot: a reused pid differs). */
  procs: Map<number, { ticks: number; start: number }>;
}

export function parseProcCpu(text: string): Parsed<ProcCpu> {
  const issues: ParseIssue[] = [];
  const procs = new Map<number, { ticks: number; start: number }>();
  let uptimeSeconds: number | null = null;
  const all = lines(text);
  for (let n = 0; n < all.length; n++) {
    const line = all[n]!;
    if (line.trim() === '') continue;
    const u = /^@uptime (\d{1,12}(?:\.\d{1,3})?)$/.exec(line);
    if (u) {
      uptimeSeconds = Number(u[1]);
      continue;
    }
    const m = /^(\d{1,10}) (\d{1,18}) (\d{1,18})$/.exec(line);
    if (!m) {
      issues.push(issue('proc-cpu-bad-line', { text: excerpt(line) }, n + 1));
      continue;
    }
    procs.set(Number(m[1]), { ticks: Number(m[2]), start: Number(m[3]) });
  }
  return { value: { uptimeSeconds, procs }, issues };
}
