import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, cleanup } from 'ink-testing-library';
import { createModelBuilder } from '../../../src/model/build.js';
import { createRefresher } from '../../../src/schedule/refresh.js';
import { parseSnapshot } from '../../../src/snapshot/file.js';
import type { RawSnapshot, TargetInfo } from '../../../src/snapshot/types.js';
import { createAppStore } from '../../../src/store/store.js';
import { startTui } from '../../../src/tui/start.js';
import { App } from '../../../views/App.js';
import { clockText, nextClockChange } from '../../../views/present/clock.js';
import { FakeStdin, FakeStdout } from '../views/fake-tty.js';
import { strip } from '../views/helpers.js';

// An idle TUI sleeps (#13): a snapshot does no periodic work at all, and a live tick that brings
// nothing new is not drawn; when a counter moves, one frame is written.
const demo = (name: string): RawSnapshot => {
  const path = join(__dirname, '../../../demo', `${name}.cosi.json`);
  return parseSnapshot(readFileSync(path, 'utf8'), path);
};
const copy = (r: RawSnapshot): RawSnapshot => JSON.parse(JSON.stringify(r)) as RawSnapshot;
/** The demo with its MemFree set to `kb` (null: as recorded). */
const withFree = (raw: RawSnapshot, kb: number | null): RawSnapshot => {
  const r = copy(raw);
  if (kb !== null) r.sections.meminfo!.text = r.sections.meminfo!.text.replace(/^MemFree:\s+\d+/m, `MemFree: ${kb}`);
  return r;
};

beforeEach(() => {
  // Timers and the clock are fake; React's and Ink's setImmediate stay real.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function launch(kind: TargetInfo['kind'], collect: () => Promise<RawSnapshot>) {
  const stdout = new FakeStdout();
  const stdin = new FakeStdin();
  const transport = { target: { kind, label: 'idle' }, collect, close: async () => {} };
  const done = startTui({ transport, buildModel: createModelBuilder(), refreshMs: 2000, stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream });
  return { stdout, stdin, done };
}

/** Lets React's and Ink's work after a store change run, timers included. */
async function settle(ms = 100): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await vi.advanceTimersByTimeAsync(ms / 5);
    await new Promise((r) => setImmediate(r));
  }
}

describe('an idle snapshot (cosi demo / open)', () => {
  it('after its first frame no timer is pending, nothing is collected again and nothing is drawn', async () => {
    const raw = demo('coreos');
    let collects = 0;
    const t = launch('replay', async () => (collects++, copy(raw)));
    await settle();
    expect(strip(t.stdout.out)).toContain('Container Linux');
    expect(vi.getTimerCount()).toBe(0);
    const writes = t.stdout.writes.length;
    await settle(60_000);
    expect(t.stdout.writes.length).toBe(writes);
    expect(collects).toBe(1);
    t.stdin.press('q');
    expect(await t.done).toBe(0);
  });
});

describe('an idle live screen', () => {
  it('renders nothing for ticks without news, and once for a tick where memory moved (counted renders)', async () => {
    const raw = demo('coreos');
    let free: number | null = null;
    const store = createAppStore();
    const r = createRefresher({ transport: { target: { kind: 'synthetic', label: 'idle' }, collect: async () => withFree(raw, free), close: async () => {} }, buildModel: createModelBuilder(), store, refreshMs: 2000, clockText, nextClockChange });
    const app = render(<App store={store} />);
    r.start();
    await settle();
    expect(strip(app.lastFrame()!)).toContain('free 20Gi');
    const first = store.getState().model!;
    const renders = app.frames.length;
    await settle(10_000);
    expect(app.frames.length).toBe(renders);
    free = 12345;
    await settle(2000);
    expect(app.frames.length).toBe(renders + 1);
    expect(strip(app.lastFrame()!)).toContain('free 12Mi');
    // Only memory moved: the other parts of the model are the same objects, not rebuilt.
    const next = store.getState().model!;
    expect(next.memory).not.toBe(first.memory);
    for (const part of ['cgroups', 'mounts', 'mountTree', 'mountGroups', 'processes', 'engines', 'kube'] as const) expect(next[part]).toBe(first[part]);
    r.stop();
  });

  it('writes nothing for ticks without news and one frame when memory moved (the real TUI on a terminal)', async () => {
    const raw = demo('coreos');
    let free: number | null = null;
    const t = launch('synthetic', async () => withFree(raw, free));
    await settle();
    expect(strip(t.stdout.out)).toContain('free 20Gi');
    const before = t.stdout.writes.length;
    await settle(10_000);
    expect(t.stdout.writes.length).toBe(before);
    // Pending: the next refresh and the "data is late" wake-up (each fresh collect moves it on).
    expect(vi.getTimerCount()).toBe(2);
    free = 12345;
    await settle(2000);
    const drawn = strip(t.stdout.writes.slice(before).join(''));
    expect(drawn).toContain('free 12Mi');
    expect(drawn).not.toContain('free 20Gi');
    // one frame: the tab bar appears once in what was written
    expect(drawn.split('Services').length - 1).toBe(1);
    t.stdin.press('q');
    expect(await t.done).toBe(0);
  });
});
