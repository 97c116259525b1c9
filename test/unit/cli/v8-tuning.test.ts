import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { SMALL_HOST_INTERRUPT_BUDGET, tuningFor } from '../../../src/tui/v8-tuning.js';
import type { RawSnapshot } from '../../../src/snapshot/types.js';

// src/tui/v8-tuning.ts: `cosi connect` starts without V8's optimize-for-size; its first complete
// tick turns it on for a big host only. A snapshot drops it once its model is built. A small host
// (live or a snapshot) optimizes only code that runs a lot; a big one keeps V8's default.
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
  expect(tuningFor(raw([1_000_000, 1_500_000]), false)).toEqual({ heap: 'size', compile: 'default' });
  expect(tuningFor(raw([100_000, 20_000]), false)).toEqual({ heap: 'speed', compile: 'hot-only' });
  expect(tuningFor(raw([5_000_000]), true)).toEqual({ heap: 'speed', compile: 'default' });
  expect(tuningFor(raw([100_000]), true)).toEqual({ heap: 'speed', compile: 'hot-only' });
});

it('a first tick with sections still pending decides nothing', () => {
  expect(tuningFor(raw([5_000_000], ['mounts']), false)).toBeNull();
  expect(tuningFor(raw([100], []), false)).toEqual({ heap: 'speed', compile: 'hot-only' });
});

it('this Node has the flags it sets, with a default budget below the small host`s (V8 ignores an unknown flag without a word)', () => {
  const options = spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8' }).stdout;
  expect(options).toMatch(/^\s*--optimize-for-size\b/m);
  const budget = /^\s*--interrupt-budget \(.*\n\s*type: int\s+default: --interrupt-budget=(\d+)/m.exec(options);
  expect(budget, 'V8 has --interrupt-budget').not.toBeNull();
  expect(Number(budget![1])).toBeLessThan(SMALL_HOST_INTERRUPT_BUDGET / 8);
});
