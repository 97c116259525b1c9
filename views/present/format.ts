/** Pure formatting helpers shared by the presenters. */

/** Bytes like `free -h` / `df -h` (binary units, one decimal under 10). */
export function bytes(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '-';
  const units = ['B', 'K', 'M', 'G', 'T', 'P'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  if (i === 0) return `${v}B`;
  return `${v < 10 ? v.toFixed(1) : Math.round(v).toString()}${units[i]}`;
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

/** Pads or cuts to exactly `width` columns (cut strings end with an ellipsis). */
export function fit(s: string, width: number, align: 'left' | 'right' = 'left'): string {
  if (width <= 0) return '';
  const chars = Array.from(s);
  if (chars.length > width) return width === 1 ? '…' : chars.slice(0, width - 1).join('') + '…';
  const pad = ' '.repeat(width - chars.length);
  return align === 'left' ? s + pad : pad + s;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
