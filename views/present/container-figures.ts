import type { Container } from '../../src/model/types.js';
import { bytes, plural } from './format.js';

/** A % of one core as docker stats prints it, shorter: "0.5%", "48%", "200%". */
function pct(n: number): string {
  return n < 10 ? `${Number(n.toFixed(1))}%` : `${Math.round(n)}%`;
}

/** Docker's status words after what went wrong, which stays in sight when the column is cut: "OOM-killed · 3 restarts · Exited (0) 2 minutes ago". */
export function statusCell(c: Container): string {
  return [
    c.oomKilled ? 'OOM-killed' : c.oomKills ? plural(c.oomKills, 'OOM kill') : '',
    // Runtime engines word the restarts in their status already.
    c.restarts && !c.status.includes('restart') ? plural(c.restarts, 'restart') : '',
    c.throttledPercent ? `throttled ${pct(c.throttledPercent)}` : '',
    c.status,
  ].filter(Boolean).join(' · ');
}

/** CPU in % of one core as docker stats counts it, with the limit in the same unit: "48%/50%"; "-/50%" before a second reading. */
export function cpuCell(c: Container): string {
  const limit = c.limits.cpuCores === null ? '' : `/${pct(c.limits.cpuCores * 100)}`;
  if (c.cpuPercent === null) return c.state === 'running' && limit ? `-${limit}` : '';
  return `${pct(c.cpuPercent)}${limit}`;
}

/** The detail line on CPU: the rate, the limit and how often the quota throttled it. */
export function cpuLine(c: Container): { label: string; value: string } {
  const limit = c.limits.cpuCores === null ? 'no limit' : `limit ${Number(c.limits.cpuCores.toFixed(2))} cores (${pct(c.limits.cpuCores * 100)})`;
  const throttled = c.throttledPercent === null ? '' : `throttled in ${pct(c.throttledPercent)} of periods`;
  const rate = c.cpuPercent === null ? (c.state === 'running' ? '- (the rate comes with the next reading)' : '- (not running)') : `${pct(c.cpuPercent)} of one core (as docker stats)`;
  return { label: 'cpu', value: [rate, limit, throttled].filter(Boolean).join(' · ') };
}

/** Memory as `docker stats` counts it, with the limit beside it: "328Ki/64Mi"; "" when not running. */
export function memoryCell(c: Container): string {
  if (c.memoryBytes === null) return '';
  return c.limits.memoryBytes === null ? bytes(c.memoryBytes) : `${bytes(c.memoryBytes)}/${bytes(c.limits.memoryBytes)}`;
}

/** The detail lines on memory: docker's figure and limit, then the raw usage and the cache it leaves out. */
export function memoryLines(c: Container): { label: string; value: string }[] {
  if (c.memoryBytes === null) return [{ label: 'memory', value: '- (not running)' }];
  const limit = c.limits.memoryBytes === null ? 'no limit' : `limit ${bytes(c.limits.memoryBytes)} (${Math.round((100 * c.memoryBytes) / c.limits.memoryBytes)}% used)`;
  const ooms = c.oomKills ? ` · ${plural(c.oomKills, 'OOM kill')} in its cgroup` : '';
  if (c.memoryCacheBytes === null || c.memoryUsageBytes === null) {
    return [{ label: 'memory', value: `${bytes(c.memoryBytes)} · ${limit} · usage with page cache (no inactive file figure read)${ooms}` }];
  }
  return [
    { label: 'memory', value: `${bytes(c.memoryBytes)} · ${limit} · as docker stats counts: usage less inactive file cache${ooms}` },
    { label: '', value: `usage ${bytes(c.memoryUsageBytes)} (its cgroup, page cache included) · inactive file cache ${bytes(c.memoryCacheBytes)}` },
  ];
}
