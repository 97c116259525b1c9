import { excerpt } from './sanitize.js';
import { lines, parsed, toInt, type ParseIssue, type Parsed } from './types.js';
import { issue } from './issues.js';

/**
 * Cumulative CPU time of one `cpu`/`cpuN` line of /proc/stat, in clock ticks.
 * Columns a kernel does not print (2.4: only the first four; < 2.6.11: no steal) are 0.
 * guest/guest_nice are left out: the kernel already counts them in user/nice.
 */
export interface CpuTimes {
  user: number;
  nice: number;
  system: number;
  idle: number;
  iowait: number;
  irq: number;
  softirq: number;
  steal: number;
}

export interface CpuStat {
  /** The aggregate `cpu` line; null when the text had none. */
  total: CpuTimes | null;
  /** `cpuN` lines in the order printed (offline cores are absent). */
  cores: { id: number; times: CpuTimes }[];
}

const FIELDS = ['user', 'nice', 'system', 'idle', 'iowait', 'irq', 'softirq', 'steal'] as const;

/** Parses the `cpu` lines of /proc/stat; other lines (intr, ctxt, btime, ...) are skipped. */
export function parseStat(text: string): Parsed<CpuStat> {
  const issues: ParseIssue[] = [];
  const out: CpuStat = { total: null, cores: [] };
  lines(text).forEach((l, i) => {
    const m = /^cpu(\d*) +(.*)$/.exec(l);
    if (!m) return;
    const cols = m[2].trim().split(/ +/).map(toInt);
    if (cols.length < 4 || cols.some((c) => c === undefined)) {
      issues.push(issue('stat-bad-line', { text: excerpt(l) }, i + 1));
      return;
    }
    const times = Object.fromEntries(FIELDS.map((f, k) => [f, cols[k] ?? 0])) as unknown as CpuTimes;
    if (m[1] === '') out.total = times;
    else {
      const id = toInt(m[1]);
      if (id === undefined) issues.push(issue('stat-bad-cpu', { text: excerpt(l) }, i + 1));
      else out.cores.push({ id, times });
    }
  });
  return parsed(out, issues);
}
