/**
 * Cgroups section: `@root KIND MOUNTPOINT` lines (KIND unified | systemd |
 * memory | pids | cpu | blkio) and `FILE:VALUE` lines from `grep -H` on the counter files below
 * those mount points. A file belongs to the hierarchy whose mount point holds it: the probe lists
 * every hierarchy first, then the files (older probes printed each hierarchy's files after its
 * own line; both read the same). Entries of the different hierarchies are merged by their path
 * relative to the mount point.
 */
import { excerpt, sanitize } from './sanitize.js';
import { lines, type Parsed, type ParseIssue } from './types.js';
import { readValue, type CgroupCpu, type CgroupPressure, type Data } from './cgroup-values.js';

export type { CgroupCpu, CgroupPressure };
import { issue } from './issues.js';
import { unmangle } from './mountinfo.js';

export type CgroupKind = 'unified' | 'systemd' | 'memory' | 'pids' | 'cpu' | 'blkio';
export type CgroupVersion = 'v1' | 'v2' | 'hybrid' | 'unknown';

export interface CgroupEntry {
  /** Relative to the hierarchy's mount point: "/" for the root, "/system.slice/sshd.service" below it. */
  path: string;
  pids: number[];
  /** v2 memory.current, v1 memory.usage_in_bytes. */
  memoryBytes: number | null;
  /**
   * Inactive file cache (v2 memory.stat inactive_file, v1 total_inactive_file): what `docker stats`
   * takes off the usage. null when not read (older snapshot, no memory controller).
   */
  memoryInactiveFileBytes: number | null;
  /** pids.current. */
  tasks: number | null;
  /** `oom_kill N` of v2 memory.events or v1 memory.oom_control. */
  oomKills: number | null;
  /** CPU counters and limits; null when the hierarchy was not read (older snapshot, no cpu controller). */
  cpu: CgroupCpu | null;
  /** v2 memory.max, v1 memory.limit_in_bytes; null = no limit. */
  memoryLimitBytes: number | null;
  /** pids.max; null = no limit. */
  pidsLimit: number | null;
  /** Bytes read and written since the cgroup was made (v2 io.stat, v1 blkio.throttle.io_service_bytes_recursive), all devices; null = not read. */
  io: { readBytes: number; writeBytes: number } | null;
  /** PSI "some avg10" (% of the last 10 s some task stalled) of cpu, memory and io; 0 = no stall (idle lines are dropped on the host); null = no v2 hierarchy or no PSI in this kernel. */
  pressure: CgroupPressure | null;
  /**
   * Where the host listed it: the kernel's directory order (what systemd-cgls shows), counted over
   * the hierarchy that gives the structure; a parent takes its first listed descendant's place.
   * Absent for a cgroup only other hierarchies listed (v1: no process in it nor below it).
   */
  order?: number;
}

export interface CgroupsInfo {
  version: CgroupVersion;
  roots: { kind: CgroupKind; mountpoint: string }[];
  /** Host /proc/uptime when the counters were read: the clock for rates between two readings. */
  uptimeSeconds: number | null;
  /** The kernel keeps pressure (PSI) figures: a v2 cgroup without a "some" line was idle (the probe drops idle lines). */
  psi: boolean;
  /** Sorted by path; every ancestor present. */
  groups: CgroupEntry[];
}

const KINDS: readonly string[] = ['unified', 'systemd', 'memory', 'pids', 'cpu', 'blkio'];
// Greedy prefix: the file name is the last "/NAME:" on the line; values never contain one.
const FILE_LINE =
  /^(.*)\/(cgroup\.procs|memory\.current|memory\.events|memory\.stat|memory\.usage_in_bytes|memory\.oom_control|pids\.current|cpu\.stat|cpu\.max|memory\.max|pids\.max|memory\.limit_in_bytes|cpuacct\.usage|cpu\.cfs_quota_us|cpu\.cfs_period_us|io\.stat|cpu\.pressure|memory\.pressure|io\.pressure|blkio\.throttle\.io_service_bytes_recursive):(.*)$/;

export function parseCgroups(text: string): Parsed<CgroupsInfo> {
  const issues: ParseIssue[] = [];
  const roots: { kind: CgroupKind; mountpoint: string }[] = [];
  const data = new Map<CgroupKind, Map<string, Data>>();
  let current: Root | null = null;
  const declared: Root[] = [];
  let skipping = false;
  let uptimeSeconds: number | null = null;
  let psi = false;
  // Every ancestor of a path becomes an entry. Their path characters are counted (a budget), so a
  // hostile path 100,000 levels deep is refused instead of costing 100,000 paths of 200 KB each.
  let cost = 0;
  const known = new Map<CgroupKind, Set<string>>();
  const reachable = (path: string, kind: CgroupKind): boolean => {
    let seen = known.get(kind);
    if (!seen) known.set(kind, (seen = new Set(['/'])));
    const chain: string[] = [];
    let add = 0;
    for (let p = path; ; p = parentOf(p)) {
      add += p.length;
      if (cost + add > MAX_PATH_WORK) return false;
      if (seen.has(p)) break;
      chain.push(p);
    }
    cost += add;
    for (const p of chain) seen.add(p);
    return true;
  };

  const all = lines(text);
  for (let n = 0; n < all.length; n++) {
    const line = all[n]!;
    if (line.trim() === '') continue;
    if (line.startsWith('@uptime ')) {
      const u = /^@uptime (\d{1,12}(?:\.\d{1,3})?)$/.exec(line);
      if (u) uptimeSeconds = Number(u[1]);
      else issues.push(issue('cgroup-bad-uptime', { text: excerpt(line) }, n + 1));
      continue;
    }
    if (line === '@psi') {
      psi = true;
      continue;
    }
    if (line.startsWith('@root ')) {
      const m = /^@root (\S+) (.+)$/.exec(line);
      if (!m || !KINDS.includes(m[1]!)) {
        issues.push(issue('cgroup-unknown-hierarchy', { text: excerpt(line) }, n + 1));
        current = null;
        skipping = true;
        continue;
      }
      const kind = m[1] as CgroupKind;
      const mp = unmangle(m[2]!).replace(/\/+$/, '');
      roots.push({ kind, mountpoint: sanitize(mp === '' ? '/' : mp) });
      current = { kind, mp };
      declared.push(current);
      skipping = false;
      if (!data.has(kind)) data.set(kind, new Map());
      continue;
    }
    if (skipping) continue;
    if (current === null) {
      issues.push(issue('cgroup-file-before-root', { text: excerpt(line) }, n + 1));
      skipping = true;
      continue;
    }
    const m = FILE_LINE.exec(line);
    if (!m) {
      issues.push(issue('cgroup-not-counter', { text: excerpt(line) }, n + 1));
      continue;
    }
    const [, dir, file, value] = m as unknown as [string, string, string, string];
    if (!under(dir, current.mp)) {
      // The probe lists every hierarchy first, then the files of all of them: the path says which.
      const owner = rootOf(dir, declared);
      if (!owner) {
        issues.push(issue('cgroup-file-outside', { mount: sanitize(current.mp), text: excerpt(line) }, n + 1));
        continue;
      }
      current = owner;
    }
    const path = dir.length === current.mp.length ? '/' : dir.slice(current.mp.length);
    const hier = data.get(current.kind)!;
    let d = hier.get(path);
    if (!d) {
      if (!reachable(path, current.kind)) {
        issues.push(issue('cgroup-too-deep', { skipped: all.length - n - 1 }, n + 1));
        break;
      }
      d = { pids: new Set(), memory: null, inactive: null, oom: null, tasks: null, memoryLimit: null, pidsLimit: null, cpu: null, io: null, pressure: {} };
      hier.set(path, d);
    }
    if (!readValue(d, file, value)) {
      issues.push(issue('cgroup-bad-value', { file: sanitize(file), value: excerpt(value) }, n + 1));
    }
  }

  const kinds = new Set(roots.map((r) => r.kind));
  const hasV1 = kinds.has('systemd') || kinds.has('memory') || kinds.has('pids');
  const version: CgroupVersion = kinds.has('unified') ? (hasV1 ? 'hybrid' : 'v2') : hasV1 ? 'v1' : 'unknown';
  const groups = merge(data, version, psi);
  return { value: { version, roots, uptimeSeconds, psi, groups }, issues };
}

/**
 * One entry per path. Structure and pids come from one hierarchy (like
 * systemd-cgls): unified on v2, else the systemd hierarchy, else memory.
 * Memory and OOM kills from v1 memory when mounted, else unified; tasks from
 * v1 pids, else unified.
 */
function merge(data: Map<CgroupKind, Map<string, Data>>, version: CgroupVersion, psi: boolean): CgroupEntry[] {
  if (version === 'unknown') return [];
  const first = (...ks: CgroupKind[]): Map<string, Data> | undefined => {
    for (const k of ks) {
      const h = data.get(k);
      if (h) return h;
    }
    return undefined;
  };
  const structure = version === 'v2' ? data.get('unified') : first('systemd', 'memory', 'unified');
  const memory = version === 'v2' ? data.get('unified') : first('memory', 'unified');
  const tasks = version === 'v2' ? data.get('unified') : first('pids', 'unified');
  const cpu = version === 'v2' ? data.get('unified') : first('cpu', 'unified');
  const io = version === 'v2' ? data.get('unified') : first('blkio', 'unified');

  const out = new Map<string, CgroupEntry>();
  // Iterative: every ancestor of a path gets its entry, and a path may be thousands of levels deep.
  const entry = (path: string): CgroupEntry => {
    const found = out.get(path);
    if (found) return found;
    const e = blank(path);
    out.set(path, e);
    for (let p = path; p !== '/'; ) {
      p = parentOf(p);
      if (out.has(p)) break;
      out.set(p, blank(p));
    }
    return e;
  };
  entry('/');
  // Map order is the order the host printed the paths in: grep -r and find walk each directory in readdir order.
  let rank = 0;
  for (const [path, d] of structure ?? []) {
    const e = entry(path);
    e.pids = [...d.pids].sort((a, b) => a - b);
    for (let p = path, x: CgroupEntry | undefined = e; x && x.order === undefined; p = parentOf(p), x = out.get(p)) {
      x.order = rank;
      if (p === '/') break;
    }
    rank++;
  }
  for (const [path, d] of memory ?? []) {
    const e = entry(path);
    e.memoryBytes = d.memory;
    e.memoryInactiveFileBytes = d.inactive;
    e.oomKills = d.oom;
    e.memoryLimitBytes = d.memoryLimit;
  }
  for (const [path, d] of tasks ?? []) {
    const e = entry(path);
    e.tasks = d.tasks;
    e.pidsLimit = d.pidsLimit;
  }
  for (const [path, d] of cpu ?? []) if (d.cpu) entry(path).cpu = d.cpu;
  for (const [path, d] of io ?? []) if (d.io) entry(path).io = d.io;
  // Pressure lives in the v2 hierarchy only. With "@psi" a cgroup without a line was idle (0): on a
  // hybrid host the v2 tree is read for its pressure lines alone, so every cgroup starts at 0.
  const v2 = data.get('unified');
  if (v2 && psi) for (const e of out.values()) e.pressure = { cpu: 0, memory: 0, io: 0 };
  for (const [path, d] of v2 ?? []) {
    const p = d.pressure;
    if (p.cpu !== undefined || p.memory !== undefined || p.io !== undefined) entry(path).pressure = { cpu: p.cpu ?? 0, memory: p.memory ?? 0, io: p.io ?? 0 };
  }
  return [...out.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

interface Root {
  kind: CgroupKind;
  mp: string;
}

const under = (dir: string, mp: string): boolean => dir === mp || dir.startsWith(`${mp}/`);

/** The listed hierarchy a file's directory lies in (the deepest mount point, should two hold it). */
function rootOf(dir: string, roots: readonly Root[]): Root | null {
  let best: Root | null = null;
  for (const r of roots) if (under(dir, r.mp) && (!best || r.mp.length > best.mp.length)) best = r;
  return best;
}

const blank = (path: string): CgroupEntry => ({ path: sanitize(path), pids: [], memoryBytes: null, memoryInactiveFileBytes: null, tasks: null, oomKills: null, cpu: null, memoryLimitBytes: null, pidsLimit: null, io: null, pressure: null });

/**
 * Characters of cgroup paths (ancestors included) one section may create. A real host's 300,000
 * cgroups need about 60 million; a hostile 100,000-level path would need 10 billion.
 */
const MAX_PATH_WORK = 256 * 1024 * 1024;

/** The parent of a cgroup path ('/' for a top-level one). */
export function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}
