import stringWidth from 'string-width';
import { NARROW } from './narrow.js';
/** Pure formatting helpers shared by the presenters. */

/**
 * Bytes as `free -h` prints them, so the figures can be checked against it: binary units
 * labelled as such (Ki, Mi, Gi), one decimal under 10, whole units cut (not rounded) above:
 * 23.5 GiB is "23Gi" in both.
 */
export function bytes(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '-';
  const units = ['B', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  if (i === 0) return `${v}B`;
  return `${v < 10 ? v.toFixed(1) : Math.floor(v).toString()}${units[i]}`;
}

/** Use% like df: used / (used + available), rounded up. */
export function usePercent(used: number | null, avail: number | null, size: number | null): string {
  if (used === null) return '-';
  const whole = avail !== null ? used + avail : size;
  if (whole === null || whole <= 0) return '-';
  return `${Math.ceil((used / whole) * 100)}%`;
}

export function percent(part: number | null, whole: number | null): string {
  if (part === null || whole === null || whole <= 0) return '-';
  return `${Math.round((part / whole) * 100)}%`;
}

/** Durations: "42s", "9m", "3h12m", "12d4h". */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '-';
  const s = Math.floor(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h${String(m % 60).padStart(2, '0')}m`;
  const d = Math.floor(h / 24);
  return `${d}d${h % 24}h`;
}

/**
 * Pads or cuts to exactly `width` terminal columns (cut strings end with an
 * ellipsis). Wide characters (CJK, fullwidth) count two columns, so host
 * strings can never push a row past the terminal's edge.
 */
export function fit(s: string, width: number, align: 'left' | 'right' = 'left'): string {
  if (width <= 0) return '';
  // one test of the string (a row's cells are fitted by the thousand when a sort shows new rows)
  const narrow = NARROW.test(s);
  const w = narrow ? s.length : stringWidth(s);
  if (w > width) return width === 1 ? '…' : (narrow ? s.slice(0, width - 1) : cutColumns(s, width - 1)) + '…';
  const pad = ' '.repeat(width - w);
  return align === 'left' ? s + pad : pad + s;
}

/** Terminal columns of `s` (wide characters count two). */
export function columns(s: string): number {
  return NARROW.test(s) ? s.length : stringWidth(s);
}

/** The longest prefix of `s` (not NARROW: narrow.ts) that fits in `width` columns, padded to exactly `width`. */
function cutColumns(s: string, width: number): string {
  let out = '';
  let used = 0;
  for (const ch of s) {
    const cw = stringWidth(ch);
    if (used + cw > width) break;
    out += ch;
    used += cw;
  }
  return out + ' '.repeat(width - used);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
