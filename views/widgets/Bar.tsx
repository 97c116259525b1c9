import { Text } from 'ink';

export interface Segment {
  value: number;
  color: string;
  char?: string;
}

/** Splits `width` cells between segments proportionally (largest remainder, so it always adds up). */
export function segmentWidths(segments: Segment[], total: number, width: number): number[] {
  if (total <= 0) return segments.map(() => 0);
  const exact = segments.map((s) => (Math.max(0, s.value) / total) * width);
  const out = exact.map(Math.floor);
  let left = Math.min(width, Math.round(exact.reduce((a, b) => a + b, 0))) - out.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left <= 0) break;
    out[i]++;
    left--;
  }
  return out;
}

/** A horizontal stacked bar; the rest of the width is drawn as free space. */
export function Bar({ segments, total, width }: { segments: Segment[]; total: number; width: number }) {
  const ws = segmentWidths(segments, total, width);
  const used = ws.reduce((a, b) => a + b, 0);
  return (
    <Text>
      {segments.map((s, i) => (
        <Text key={i} color={s.color}>
          {(s.char ?? '█').repeat(ws[i])}
        </Text>
      ))}
      <Text dimColor>{'·'.repeat(Math.max(0, width - used))}</Text>
    </Text>
  );
}
