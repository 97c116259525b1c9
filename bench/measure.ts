/** One benchmark figure as `npm run bench --json` prints it. */
export interface Measurement {
  name: string;
  value: number | null;
  unit: string;
  /** What the value is compared with (same unit), or null when it stands alone. */
  baseline: number | null;
  /** value / baseline, or null without a baseline. */
  ratio: number | null;
  /** "ratio <= 2", "value < 200", or null when there is no target. */
  target: string | null;
  /** Whether the target holds; null without a target or when it could not be measured. */
  holds: boolean | null;
  /** What the baseline is, and anything a reader needs (e.g. why it was skipped). */
  note?: string;
}

export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function ms(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

type Target = { kind: 'ratio' | 'value'; op: '<=' | '<'; limit: number };

/** Builds a measurement, computing ratio and whether the target holds. */
export function measurement(name: string, value: number | null, unit: string, baseline: number | null, target: Target | null, note?: string): Measurement {
  const ratio = value !== null && baseline !== null && baseline > 0 ? round(value / baseline, 2) : null;
  let holds: boolean | null = null;
  if (target) {
    const x = target.kind === 'ratio' ? ratio : value;
    if (x !== null) holds = target.op === '<=' ? x <= target.limit : x < target.limit;
  }
  const digits = unit === 'ms' ? (value !== null && value < 10 ? 3 : 1) : unit === 's/s' ? 4 : 1;
  return {
    name,
    value: value === null ? null : round(value, digits),
    unit,
    baseline: baseline === null ? null : round(baseline, digits),
    ratio,
    target: target ? `${target.kind} ${target.op} ${target.limit}` : null,
    holds,
    ...(note ? { note } : {}),
  };
}

export function skipped(name: string, unit: string, why: string, target: Target | null = null): Measurement {
  return { ...measurement(name, null, unit, null, target), note: why };
}

/** The table for people. */
export function table(ms: Measurement[]): string {
  const head = ['measurement', 'value', 'baseline', 'ratio', 'target', 'holds'];
  const rows = ms.map((m) => [
    m.name,
    m.value === null ? '-' : `${m.value} ${m.unit}`,
    m.baseline === null ? '-' : `${m.baseline} ${m.unit}`,
    m.ratio === null ? '-' : `${m.ratio}x`,
    m.target ?? '-',
    m.holds === null ? '-' : m.holds ? 'yes' : 'NO',
  ]);
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  ');
  const notes = ms.filter((m) => m.note).map((m) => `  ${m.name}: ${m.note}`);
  return [line(head), w.map((n) => '-'.repeat(n)).join('  '), ...rows.map(line), ...(notes.length ? ['', 'notes:', ...notes] : [])].join('\n');
}
