import { usedBytes, type MemoryFigures } from './meminfo.js';
import { sanitize } from './sanitize.js';
import { lines, type Parsed, type ParseIssue } from './types.js';

export type { MemoryFigures } from './meminfo.js';

/** The unit of plain numbers in the output: the flag `free` was run with (default: KiB, like plain `free`). */
export type FreeUnit = 'b' | 'k' | 'm' | 'g';

const UNIT_BYTES: Record<FreeUnit, number> = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };
const SUFFIX_POWER: Record<string, number> = { B: 0, K: 1, M: 2, G: 3, T: 4, P: 5, E: 6 };
const VALUE = /^(\d{1,20}(?:\.\d{1,6})?)([BKMGTPE]?)(i?)$/;

/**
 * Parses `free` output into the same figures memoryFromMeminfo gives, for
 * hosts where /proc/meminfo is not readable:
 * - procps-ng (`free`, `-b`, `-m`, `-h` with `2.0Gi`/`45Mi`/`0B`/`0.0Ki`, `-w`),
 * - old procps and old busybox (`buffers cached` columns, `-/+ buffers/cache:` line),
 * - busybox (`buff/cache`, prints available 0 when the kernel has no MemAvailable),
 * with or without column alignment. Plain numbers are in `unit`; suffixed
 * (human) numbers carry their own binary unit. `free -h` values are rounded by
 * `free` itself, so the figures are as exact as the text.
 *
 * The meaning of `used` differs between free versions (total-free,
 * total-free-buff/cache, total-available); like the rest of cosi, used here is
 * total - available, procps-ng 4's definition. Without an available column (or
 * busybox's 0) available is MemFree, as procps-ng 4 does, and availableEstimated
 * is set. A combined buff/cache column is counted as cache (buffers 0).
 */
export function parseFree(text: string, unit: FreeUnit = 'k'): Parsed<MemoryFigures> {
  const issues: ParseIssue[] = [];
  const scale = UNIT_BYTES[unit];
  let header: string[] | null = null;
  let mem: Record<string, number> | null = null;
  let swap: Record<string, number> | null = null;
  let plusMinus = false;

  lines(text).forEach((raw, i) => {
    const line = i + 1;
    const t = raw.trim();
    if (t === '') return;
    const tokens = t.split(/\s+/);
    if (tokens[0] === 'total') {
      header = tokens;
      return;
    }
    if (tokens[0] === '-/+') {
      plusMinus = true;
      return;
    }
    const label = tokens[0];
    if (label === 'Low:' || label === 'High:' || label === 'Total:' || label === 'Comm:') return;
    if (label !== 'Mem:' && label !== 'Swap:') {
      issues.push({ line, message: `not a line of free output: ${clip(raw)}` });
      return;
    }
    const values: number[] = [];
    for (const tok of tokens.slice(1)) {
      const v = toBytes(tok, scale);
      if (v === undefined) {
        issues.push({ line, message: `${label} value not readable: ${clip(tok)}` });
        return;
      }
      values.push(v);
    }
    if (label === 'Mem:') {
      const cols = header ?? guessHeader(values.length, text);
      if (!header) issues.push({ line, message: 'no header line: columns assumed' });
      mem = zip(cols, values);
    } else {
      swap = zip(['total', 'used', 'free'], values);
    }
  });

  const m: Record<string, number> = mem ?? {};
  if (!mem) issues.push({ message: 'no "Mem:" line: memory figures are unknown' });
  const total = m.total ?? 0;
  const free = m.free ?? 0;
  if (mem && (m.total === undefined || m.free === undefined)) issues.push({ message: 'the "Mem:" line has no total or free column' });
  let available = m.available ?? 0;
  let estimated = false;
  if (mem && (available === 0 || available > total)) {
    available = free;
    estimated = true;
    issues.push({
      message:
        m.available === undefined
          ? `free printed no "available" column${plusMinus ? ' (old layout)' : ''}: available memory estimated as free, as procps-ng free does`
          : 'free printed an unusable "available" figure: available memory estimated as free, as procps-ng free does',
    });
  }
  const used = usedBytes(total, available, free);
  const buffers = m.buffers ?? 0;
  const cache = m.cache ?? m.cached ?? m['buff/cache'] ?? 0;
  const s: Record<string, number> = swap ?? {};
  return {
    value: {
      totalBytes: total,
      freeBytes: free,
      availableBytes: available,
      availableEstimated: estimated,
      usedBytes: used,
      buffersBytes: buffers,
      cacheBytes: cache,
      sharedBytes: m.shared ?? 0,
      swapTotalBytes: s.total ?? 0,
      swapFreeBytes: s.free ?? 0,
    },
    issues,
  };
}

function toBytes(tok: string, scale: number): number | undefined {
  const m = VALUE.exec(tok);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (m[2] === '') {
    if (m[3] !== '') return undefined;
    return Math.round(n * scale);
  }
  return Math.round(n * 1024 ** SUFFIX_POWER[m[2]]);
}

function guessHeader(n: number, text: string): string[] {
  if (text.includes('-/+')) return ['total', 'used', 'free', 'shared', 'buffers', 'cached'];
  if (n >= 7) return ['total', 'used', 'free', 'shared', 'buffers', 'cache', 'available'];
  return ['total', 'used', 'free', 'shared', 'buff/cache', 'available'];
}

function zip(cols: string[], values: number[]): Record<string, number> {
  const out = Object.create(null) as Record<string, number>;
  cols.forEach((c, i) => {
    if (i < values.length) out[c] = values[i];
  });
  return out;
}

function clip(s: string): string {
  const t = sanitize(s);
  return t.length > 80 ? `${t.slice(0, 80)}…` : t;
}
