import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildModel, type ParseCache } from '../../../src/model/build.js';
import { createRefresher, realClock } from '../../../src/schedule/refresh.js';
import { parseSnapshot } from '../../../src/snapshot/file.js';
import type { RawSnapshot } from '../../../src/snapshot/types.js';
import { createAppStore } from '../../../src/store/store.js';
import { renderState } from '../../../views/render-frame.js';
import { clockText, LATE_MS, nextClockChange } from '../../../views/present/clock.js';

// An idle live TUI sleeps (#13): a collect that brings nothing new neither rebuilds the model nor
// touches the store (no re-render), and no timer runs while nothing on screen can change.
const demo = (name: string): RawSnapshot => {
  const path = join(__dirname, '../../../demo', `${name}.cosi.json`);
  return parseSnapshot(readFileSync(path, 'utf8'), path);
};

describe('an idle live screen', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  function setup(answers: () => Promise<RawSnapshot>) {
    let builds = 0;
    const transport = { target: { kind: 'synthetic' as const, label: 'idle' }, collect: answers, close: async () => {} };
    const store = createAppStore();
    const r = createRefresher({
      transport,
      buildModel: (raw) => (builds++, buildModel(raw)),
      store,
      refreshMs: 2000,
      clock: realClock,
      clockText,
      nextClockChange,
    });
    let writes = 0;
    store.subscribe(() => writes++);
    return { store, r, builds: () => builds, writes: () => writes, resetWrites: () => (writes = 0) };
  }

  it('unchanged collects: one model build, no store write, only the refresh timer pending', async () => {
    const raw = demo('coreos');
    const copy = (): RawSnapshot => JSON.parse(JSON.stringify(raw)) as RawSnapshot;
    const t = setup(async () => copy());
    t.r.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.store.getState().conn.state).toBe('live');
    expect(t.builds()).toBe(1);
    t.resetWrites();
    for (let i = 0; i < 10; i++) await vi.advanceTimersByTimeAsync(2000);
    expect(t.builds()).toBe(1);
    expect(t.writes()).toBe(0);
    // Pending: the next refresh and the "data is late" wake-up, which each fresh collect moves forward.
    expect(vi.getTimerCount()).toBe(2);
    t.r.stop();
  });

  it('a changed section rebuilds the model once', async () => {
    const raw = demo('coreos');
    let n = 0;
    const t = setup(async () => {
      n++;
      const r = JSON.parse(JSON.stringify(raw)) as RawSnapshot;
      if (n >= 3) r.sections.meminfo!.text = r.sections.meminfo!.text.replace(/^MemFree:\s+\d+/m, 'MemFree: 12345');
      return r;
    });
    t.r.start();
    for (let i = 0; i < 5; i++) await vi.advanceTimersByTimeAsync(2000);
    expect(n).toBe(6);
    expect(t.builds()).toBe(2);
    t.r.stop();
  });

  it('a section the cost budget holds back rebuilds the model when the header must name it, not after', async () => {
    const raw = demo('coreos');
    let n = 0;
    const t = setup(async () => {
      n++;
      const r = JSON.parse(JSON.stringify(raw)) as RawSnapshot;
      if (n >= 3) r.stale = { cgroups: 1_000 };
      return r;
    });
    t.r.start();
    for (let i = 0; i < 5; i++) await vi.advanceTimersByTimeAsync(2000);
    expect(n).toBe(6);
    expect(t.builds()).toBe(2);
    expect(renderState(t.store.getState(), { color: false })).toContain('cgroups read 00:00:01Z (costly here: r reads all)');
    t.r.stop();
  });

  it('data that is late shows its age, and the clock then moves once a second', async () => {
    let answer: ((r: RawSnapshot) => void) | null = null;
    const raw = demo('coreos');
    let first = true;
    const t = setup(() => (first ? ((first = false), Promise.resolve(raw)) : new Promise<RawSnapshot>((res) => (answer = res))));
    t.r.start();
    await vi.advanceTimersByTimeAsync(0);
    const frame = () => renderState(t.store.getState(), { color: false });
    expect(frame()).not.toMatch(/data .* old/);
    t.resetWrites();
    // The next collect hangs: nothing is written until the data is late...
    await vi.advanceTimersByTimeAsync(LATE_MS - 1);
    expect(t.writes()).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.writes()).toBe(1);
    expect(frame()).toMatch(/data 5s old/);
    // ...then once per second while the age is in seconds.
    await vi.advanceTimersByTimeAsync(3000);
    expect(t.writes()).toBe(4);
    expect(frame()).toMatch(/data 8s old/);
    answer!(raw);
    await vi.advanceTimersByTimeAsync(0);
    expect(frame()).not.toMatch(/data .* old/);
    t.r.stop();
  });
});

describe('the parse cache', () => {
  it('keeps the parsed section while its text does not change, and gives the same model', () => {
    const raw = demo('coreos');
    const cache: ParseCache = new Map();
    const a = buildModel(raw, cache);
    const parsed = cache.get('mountinfo')!.result;
    const b = buildModel(JSON.parse(JSON.stringify(raw)) as RawSnapshot, cache);
    expect(cache.get('mountinfo')!.result).toBe(parsed);
    expect(b).toEqual(buildModel(raw));
    expect(a).toEqual(b);
    const moved = JSON.parse(JSON.stringify(raw)) as RawSnapshot;
    moved.sections.mountinfo!.text = moved.sections.mountinfo!.text.split('\n').slice(1).join('\n');
    buildModel(moved, cache);
    expect(cache.get('mountinfo')!.result).not.toBe(parsed);
  });

  it('a counter section read again keeps its last parse as the earlier reading (rates), not parsed twice', () => {
    // A live tick: no earlier reading in the snapshot itself, the tick before is the earlier one.
    const raw: RawSnapshot = { ...demo('coreos'), previous: undefined };
    const cache: ParseCache = new Map();
    buildModel(raw, cache);
    const first = cache.get('cgroups')!.result;
    const moved = JSON.parse(JSON.stringify(raw)) as RawSnapshot;
    moved.sections.cgroups!.text += '\n';
    buildModel(moved, cache, { takenAt: raw.takenAt, sections: { cgroups: raw.sections.cgroups! } });
    expect(cache.get('cgroups')!.result).not.toBe(first);
    expect(cache.get('cgroups@previous')!.result).toBe(first);
  });
});
