/** Values of one cgroup counter file line, as the cgroups parser reads them (parsers/cgroups.ts). */
import { toInt } from './types.js';

export interface CgroupPressure {
  cpu: number;
  memory: number;
  io: number;
}

/** Cumulative CPU counters of one cgroup (v2 cpu.stat, v1 cpuacct.usage + cpu.stat) and its quota. */
export interface CgroupCpu {
  /** v2 usage_usec, v1 cpuacct.usage / 1000. */
  usageUsec: number | null;
  /** Enforcement periods and how many of them were throttled (only counted under a quota). */
  periods: number | null;
  throttled: number | null;
  /** v2 throttled_usec, v1 throttled_time / 1000. */
  throttledUsec: number | null;
  /** quota / period (v2 cpu.max, v1 cfs_quota_us / cfs_period_us); null = no limit. */
  limitCores: number | null;
}

/** What one hierarchy's files said about one cgroup. */
export interface Data {
  pids: Set<number>;
  memory: number | null;
  /** memory.stat inactive_file; v1's hierarchical total_inactive_file wins over the local figure. */
  inactive: number | null;
  inactiveTotal?: boolean;
  oom: number | null;
  tasks: number | null;
  memoryLimit: number | null;
  pidsLimit: number | null;
  cpu: CgroupCpu | null;
  io: { readBytes: number; writeBytes: number } | null;
  pressure: Partial<CgroupPressure>;
  /** v1 cpu.cfs_quota_us / cfs_period_us until both are read. */
  quotaUs?: number | null;
  periodUs?: number;
}

const cpuOf = (d: Data): CgroupCpu => (d.cpu ??= { usageUsec: null, periods: null, throttled: null, throttledUsec: null, limitCores: null });

/** A limit file's value: "max" (v2) or a v1 "no limit" of 2^63 rounded to pages is null. */
function limit(value: string): number | null | undefined {
  if (value === 'max' || /^\d{19,}$/.test(value)) return null;
  return toInt(value);
}

export function readValue(d: Data, file: string, value: string): boolean {
  switch (file) {
    case 'memory.max':
    case 'memory.limit_in_bytes':
    case 'pids.max': {
      const v = limit(value);
      if (v === undefined) return false;
      if (file === 'pids.max') d.pidsLimit = v;
      else d.memoryLimit = v;
      return true;
    }
    case 'cpuacct.usage': {
      const v = toInt(value);
      if (v === undefined) return false;
      cpuOf(d).usageUsec = Math.floor(v / 1000);
      return true;
    }
    case 'cpu.max': {
      // "QUOTA PERIOD" in µs, QUOTA "max" = no limit
      const m = /^(max|\d{1,18}) (\d{1,18})$/.exec(value);
      if (!m) return false;
      cpuOf(d).limitCores = m[1] === 'max' || Number(m[2]) === 0 ? null : Number(m[1]) / Number(m[2]);
      return true;
    }
    case 'cpu.cfs_quota_us':
    case 'cpu.cfs_period_us': {
      const v = value === '-1' ? null : toInt(value);
      if (v === undefined || (v === null && file === 'cpu.cfs_period_us')) return false;
      if (file === 'cpu.cfs_quota_us') d.quotaUs = v;
      else d.periodUs = v!;
      if (d.quotaUs !== undefined && d.periodUs !== undefined) cpuOf(d).limitCores = d.quotaUs === null || d.periodUs === 0 ? null : d.quotaUs / d.periodUs;
      return true;
    }
    case 'cpu.stat': {
      const m = /^(\w+) (\d{1,18})$/.exec(value);
      if (!m) return false;
      const n = Number(m[2]);
      const c = cpuOf(d);
      if (m[1] === 'usage_usec') c.usageUsec = n;
      else if (m[1] === 'nr_periods') {
        c.periods = n;
        // Never under a quota: nothing throttled (the counters on screen stop reading there, counters-script.ts).
        if (n === 0) (c.throttled ??= 0), (c.throttledUsec ??= 0);
      }
      else if (m[1] === 'nr_throttled') c.throttled = n;
      else if (m[1] === 'throttled_usec') c.throttledUsec = n;
      else if (m[1] === 'throttled_time') c.throttledUsec = Math.floor(n / 1000);
      return true;
    }
    case 'io.stat': {
      // "MAJ:MIN rbytes=N wbytes=N rios=N wios=N dbytes=N dios=N", one line per device
      const r = /(?:^| )rbytes=(\d{1,18})(?: |$)/.exec(value);
      const w = /(?:^| )wbytes=(\d{1,18})(?: |$)/.exec(value);
      if (!/^\d{1,10}:\d{1,10} /.test(value) || !r || !w) return false;
      const io = (d.io ??= { readBytes: 0, writeBytes: 0 });
      io.readBytes += Number(r[1]);
      io.writeBytes += Number(w[1]);
      return true;
    }
    case 'blkio.throttle.io_service_bytes_recursive': {
      // "MAJ:MIN Read N" / "MAJ:MIN Write N" (the probe drops Sync, Async, Discard and Total lines)
      const m = /^\d{1,10}:\d{1,10} (Read|Write|Sync|Async|Discard|Total) (\d{1,18})$/.exec(value) ?? /^(Total) (\d{1,18})$/.exec(value);
      if (!m) return false;
      const io = (d.io ??= { readBytes: 0, writeBytes: 0 });
      if (m[1] === 'Read') io.readBytes += Number(m[2]);
      else if (m[1] === 'Write') io.writeBytes += Number(m[2]);
      return true;
    }
    case 'cpu.pressure':
    case 'memory.pressure':
    case 'io.pressure': {
      // "some avg10=1.23 avg60=... total=N" (full lines and idle ones are dropped by the probe)
      const m = /^(some|full) avg10=(\d{1,3}\.\d{1,2}) avg60=\d{1,3}\.\d{1,2} avg300=\d{1,3}\.\d{1,2} total=\d{1,20}$/.exec(value);
      if (!m) return false;
      if (m[1] === 'some') d.pressure[file.slice(0, file.indexOf('.')) as keyof CgroupPressure] = Number(m[2]);
      return true;
    }
    case 'cgroup.procs': {
      const pid = toInt(value);
      if (pid === undefined) return false;
      d.pids.add(pid);
      return true;
    }
    case 'memory.current':
    case 'memory.usage_in_bytes': {
      const v = toInt(value);
      if (v === undefined) return false;
      d.memory = v;
      return true;
    }
    case 'memory.stat': {
      // Only the inactive file lines are asked for; other keys are ignored.
      const m = /^(\w+) (\d{1,18})$/.exec(value);
      if (!m) return false;
      if (m[1] === 'total_inactive_file') {
        d.inactive = Number(m[2]);
        d.inactiveTotal = true;
      } else if (m[1] === 'inactive_file' && !d.inactiveTotal) d.inactive = Number(m[2]);
      return true;
    }
    case 'pids.current': {
      const v = toInt(value);
      if (v === undefined) return false;
      d.tasks = v;
      return true;
    }
    default: {
      // memory.events / memory.oom_control: "key N" lines; only oom_kill matters here.
      const m = /^(\w+) (\d{1,18})$/.exec(value);
      if (!m) return false;
      if (m[1] === 'oom_kill') d.oom = Number(m[2]);
      return true;
    }
  }
}

