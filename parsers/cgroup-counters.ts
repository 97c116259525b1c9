/**
 * The counters of the cgroups on screen (src/probe/counters.ts): "@uptime SECONDS", "@r MOUNT"
 * per hierarchy read, then grep's "FILE PATH:LINE" of each counter file. Values are read as the
 * cgroups section's (cgroup-values.ts); a file's cgroup is its directory below the deepest mount
 * point that holds it, sanitized as the cgroups section's paths are, so it names the same row.
 */
import { excerpt, sanitize } from './sanitize.js';
import { lines, type Parsed, type ParseIssue } from './types.js';
import { readValue, type CgroupCpu, type Data } from './cgroup-values.js';
import { issue } from './issues.js';

/** What one reading said about one cgroup; null where its file was not read. */
export interface CgroupCounters {
  memoryBytes: number | null;
  tasks: number | null;
  cpu: CgroupCpu | null;
}

export interface CgroupCountersInfo {
  /** Host /proc/uptime at the reading. */
  uptimeSeconds: number | null;
  /** By path ("/" for the root). */
  groups: Map<string, CgroupCounters>;
}

// Greedy prefix: the file name is the last "/NAME:" on the line; values never contain one.
const FILE_LINE = /^(\/.*)\/(memory\.current|memory\.usage_in_bytes|pids\.current|cpu\.stat|cpuacct\.usage):(.*)$/;

export function parseCgroupCounters(text: string): Parsed<CgroupCountersInfo> {
  const issues: ParseIssue[] = [];
  const data = new Map<string, Data>();
  const mounts: string[] = [];
  let uptimeSeconds: number | null = null;
  const all = lines(text);
  for (let n = 0; n < all.length; n++) {
    const line = all[n]!;
    if (line === '') continue;
    if (line.startsWith('@uptime ')) {
      const u = /^@uptime (\d{1,12}(?:\.\d{1,3})?)$/.exec(line);
      if (u) uptimeSeconds = Number(u[1]);
      else issues.push(issue('cgroup-bad-uptime', { text: excerpt(line) }, n + 1));
      continue;
    }
    if (line.startsWith('@r /')) {
      mounts.push(line.slice(3).replace(/\/+$/, ''));
      continue;
    }
    const m = FILE_LINE.exec(line);
    let mount: string | null = null;
    if (m) for (const mp of mounts) if ((m[1] === mp || m[1]!.startsWith(`${mp}/`)) && (mount === null || mp.length > mount.length)) mount = mp;
    if (!m || mount === null) {
      issues.push(issue('cgroup-not-counter', { text: excerpt(line) }, n + 1));
      continue;
    }
    const [, dir, file, value] = m as unknown as [string, string, string, string];
    const path = sanitize(dir.slice(mount.length)) || '/';
    let d = data.get(path);
    if (!d) data.set(path, (d = { pids: new Set(), memory: null, inactive: null, oom: null, tasks: null, memoryLimit: null, pidsLimit: null, cpu: null, io: null, pressure: {} }));
    if (!readValue(d, file, value)) issues.push(issue('cgroup-bad-value', { file, value: excerpt(value) }, n + 1));
  }
  const groups = new Map<string, CgroupCounters>();
  for (const [path, d] of data) groups.set(path, { memoryBytes: d.memory, tasks: d.tasks, cpu: d.cpu });
  return { value: { uptimeSeconds, groups }, issues };
}
