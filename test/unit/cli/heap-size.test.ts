import { expect, it } from 'vitest';
import { heapFor } from '../../../src/tui/heap-size.js';
import type { RawSnapshot } from '../../../src/snapshot/types.js';

// src/tui/heap-size.ts: `cosi connect` starts without V8's optimize-for-size; its first complete
// tick turns it on for a big host only. A snapshot drops it once its model is built.
const raw = (bytes: number[], pending?: string[]): RawSnapshot => ({
  format: 'cosi-snapshot',
  version: 1,
  target: { kind: 'ssh', label: 'root@h' },
  takenAt: '2026-12-02T00:00:00Z',
  durationMs: 1,
  sections: Object.fromEntries(bytes.map((b, i) => [`s${i}`, { text: '', rc: 0, truncated: false, bytes: b, ms: null }])),
  engines: [],
  ...(pending ? { pending } : {}),
});

it('the first complete tick decides: size for a big live host, speed for a small one or a snapshot', () => {
  expect(heapFor(raw([1_000_000, 1_500_000]), false)).toBe('size');
  expect(heapFor(raw([100_000, 20_000]), false)).toBe('speed');
  expect(heapFor(raw([5_000_000]), true)).toBe('speed');
});

it('a first tick with sections still pending decides nothing', () => {
  expect(heapFor(raw([5_000_000], ['mounts']), false)).toBeNull();
  expect(heapFor(raw([100], []), false)).toBe('speed');
});
