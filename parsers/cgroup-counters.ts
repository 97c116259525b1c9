/**
 * The counters of the cgroups on screen (src/probe/counters.ts): "@uptime SECONDS", then per
 * cgroup and hierarchy "@g PATH" and "FILE:LINE" lines of its counter files. Values are read as
 * the cgroups section's (cgroup-values.ts); the paths are sanitized as that section's are, so they
 * name the same rows.
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

const FILES = new Set(['memory.current', 'memory.usage_in_bytes', 'pids.current', 'cpu.stat', 'cpuacct.usage']);

export function parseCgroupCounters(text: string): Parsed<CgroupCountersInfo> {
  const issues: ParseIssue[] = [];
  const data = new Map<string, Data>();
  let uptimeSeconds: number | null = null;
  let cur: Data | null = null;
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
    if (line.startsWith('@g ')) {
      const path = sanitize(line.slice(3)) || '/';
      cur = data.get(path) ?? null;
      if (!cur) data.set(path, (cur = { pids: new Set(), memory: null, inactive: null, oom: null, tasks: null, memoryLimit: null, pidsLimit: null, cpu: null, io: null, pressure: {} }));
      continue;
    }
    const i = line.indexOf(':');
    const file = i < 0 ? '' : line.slice(0, i);
    if (!cur || !FILES.has(file)) {
      issues.push(issue('cgroup-not-counter', { text: excerpt(line) }, n + 1));
      continue;
    }
    if (!readValue(cur, file, line.slice(i + 1))) issues.push(issue('cgroup-bad-value', { file, value: excerpt(line.slice(i + 1)) }, n + 1));
  }
  const groups = new Map<string, CgroupCounters>();
  for (const [path, d] of data) groups.set(path, { memoryBytes: d.memory, tasks: d.tasks, cpu: d.cpu });
  return { value: { uptimeSeconds, groups }, issues };
}
