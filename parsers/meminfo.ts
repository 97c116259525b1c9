import { excerpt, sanitize } from './sanitize.js';
import { lines, type Parsed, type ParseIssue } from './types.js';
import { issue } from './issues.js';

/** `/proc/meminfo` fields: kB fields in BYTES, unit-less fields (HugePages_*) as counts. */
export type MeminfoFields = Record<string, number>;

/** The figures `free` shows, in bytes. */
export interface MemoryFigures {
  totalBytes: number;
  freeBytes: number;
  availableBytes: number;
  /** True when the kernel gave no usable MemAvailable and it was estimated (see memoryFromMeminfo). */
  availableEstimated: boolean;
  /** total - available, as procps-ng 4 `free`. */
  usedBytes: number;
  buffersBytes: number;
  /** Cached + SReclaimable, as `free`'s "cache". */
  cacheBytes: number;
  /** Shmem (tmpfs, shared anonymous memory). */
  sharedBytes: number;
  swapTotalBytes: number;
  swapFreeBytes: number;
}

const KEY = /^[A-Za-z0-9_()]{1,64}$/;
const NUMBER = /^\d{1,16}$/;

export function parseMeminfo(text: string): Parsed<MeminfoFields> {
  const value: MeminfoFields = Object.create(null) as MeminfoFields;
  const issues: ParseIssue[] = [];
  lines(text).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    const colon = raw.indexOf(':');
    const key = colon > 0 ? raw.slice(0, colon) : '';
    if (!KEY.test(key)) {
      issues.push(issue('meminfo-not-field', { text: excerpt(raw) }, line));
      return;
    }
    const rest = raw.slice(colon + 1).trim().split(/\s+/);
    const [num, unit] = rest;
    if (!NUMBER.test(num ?? '') || rest.length > 2) {
      issues.push(issue('meminfo-bad-value', { key: sanitize(key), value: excerpt(raw.slice(colon + 1).trim()) }, line));
      return;
    }
    if (unit === undefined) value[key] = Number(num);
    else if (unit === 'kB') value[key] = Number(num) * 1024;
    else issues.push(issue('meminfo-unknown-unit', { key: sanitize(key), unit: excerpt(unit) }, line));
  });
  return { value, issues };
}

/**
 * What procps-ng 4 `free -b` prints, from parsed meminfo (library/meminfo.c):
 * - MemAvailable missing or 0 (kernel < 3.14) -> MemFree (estimated);
 * - MemAvailable > MemTotal (lxc-style distorted values) -> MemFree (estimated);
 * - used = total - available, or total - free when that would be negative;
 * - cache = Cached + SReclaimable; shared = Shmem.
 */
/** "used" as procps-ng 4 `free` prints it: total - available, falling back to total - free, never negative. */
export function usedBytes(total: number, available: number, free: number): number {
  const used = total - available;
  return used >= 0 ? used : Math.max(0, total - free);
}

export function memoryFromMeminfo(fields: MeminfoFields): { value: MemoryFigures; issues: ParseIssue[] } {
  const issues: ParseIssue[] = [];
  const get = (k: string) => fields[k] ?? 0;
  const has = (k: string) => Object.prototype.hasOwnProperty.call(fields, k);
  if (!has('MemTotal')) issues.push(issue('meminfo-no-total', {}));
  if (!has('MemFree')) issues.push(issue('meminfo-no-free', {}));
  const total = get('MemTotal');
  const free = get('MemFree');
  let available = get('MemAvailable');
  let estimated = false;
  if (available === 0) {
    available = free;
    estimated = true;
    issues.push(issue(has('MemAvailable') ? 'meminfo-available-zero' : 'meminfo-no-available', {}));
  } else if (available > total) {
    available = free;
    estimated = true;
    issues.push(issue('meminfo-available-over-total', {}));
  }
  const used = usedBytes(total, available, free);
  return {
    value: {
      totalBytes: total,
      freeBytes: free,
      availableBytes: available,
      availableEstimated: estimated,
      usedBytes: used,
      buffersBytes: get('Buffers'),
      cacheBytes: get('Cached') + get('SReclaimable'),
      sharedBytes: get('Shmem'),
      swapTotalBytes: get('SwapTotal'),
      swapFreeBytes: get('SwapFree'),
    },
    issues,
  };
}
