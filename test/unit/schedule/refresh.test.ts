import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRefresher, backoffMs, realClock } from '../../../src/schedule/refresh.js';
import { createAppStore } from '../../../src/store/store.js';
import type { HostModel } from '../../../src/model/types.js';
import type { RawSnapshot } from '../../../src/snapshot/types.js';
import type { CollectOptions } from '../../../src/transport/types.js';
import { rancheros } from '../../fixtures/models/rancheros.js';

/** A transport whose collect() calls are resolved or rejected by the test. */
function fakeTransport() {
  const pending: { resolve: (r: RawSnapshot) => void; reject: (e: Error) => void }[] = [];
  let calls = 0;
  const asked: (CollectOptions | undefined)[] = [];
  return {
    target: { kind: 'synthetic' as const, label: 'fake' },
    asked,
    collect: (o?: CollectOptions) => {
      calls++;
      asked.push(o);
      return new Promise<RawSnapshot>((resolve, reject) => pending.push({ resolve, reject }));
    },
    close: async () => {},
    get calls() {
      return calls;
    },
    ok: async () => {
      pending.shift()!.resolve({ takenAt: 'x' } as unknown as RawSnapshot);
      await vi.advanceTimersByTimeAsync(0);
    },
    fail: async (msg = 'connection reset by peer') => {
      pending.shift()!.reject(new Error(msg));
      await vi.advanceTimersByTimeAsync(0);
    },
    get waiting() {
      return pending.length;
    },
  };
}

const build = (_raw: RawSnapshot): HostModel => rancheros;

describe('refresh loop', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  function setup(refreshMs = 2000, maxBackoffMs = 16000) {
    const t = fakeTransport();
    const store = createAppStore();
    const r = createRefresher({ transport: t, buildModel: build, store, refreshMs, clock: realClock, maxBackoffMs });
    return { t, store, r };
  }

  it('collects at start, then every refreshMs after the previous one finished', async () => {
    const { t, store, r } = setup();
    r.start();
    expect(t.calls).toBe(1);
    expect(store.getState().conn.state).toBe('connecting');
    await t.ok();
    expect(store.getState().conn.state).toBe('live');
    expect(store.getState().model).toBe(rancheros);
    await vi.advanceTimersByTimeAsync(1999);
    expect(t.calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.calls).toBe(2);
    r.stop();
  });

  it('a tick with sections not read yet (the quick first tick) is followed at once, then every refreshMs', async () => {
    const { t, r } = setup();
    const first = t.collect;
    let n = 0;
    t.collect = () => {
      n++;
      return n === 1 ? Promise.resolve({ takenAt: 'x', sections: {}, engines: [], pending: ['cgroups'] } as unknown as RawSnapshot) : first();
    };
    r.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(n).toBe(2);
    await t.ok();
    await vi.advanceTimersByTimeAsync(1999);
    expect(n).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(n).toBe(3);
    r.stop();
  });

  it('never starts a refresh while one runs (single-flight)', async () => {
    const { t, r } = setup();
    r.start();
    expect(r.running).toBe(true);
    expect(r.refreshNow()).toBe(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.calls).toBe(1);
    expect(t.waiting).toBe(1);
    await t.ok();
    expect(r.running).toBe(false);
    r.stop();
  });

  it('refresh now starts a collect at once and restarts the interval', async () => {
    const { t, r } = setup();
    r.start();
    await t.ok();
    await vi.advanceTimersByTimeAsync(500);
    expect(r.refreshNow(true)).toBe(true);
    expect(t.calls).toBe(2);
    await t.ok();
    await vi.advanceTimersByTimeAsync(1999);
    expect(t.calls).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.calls).toBe(3);
    // r reads every section afresh (those held back for their cost too); the loop's ticks do not.
    expect(t.asked).toEqual([undefined, { full: true }, undefined]);
    r.stop();
  });

  it("asks each tick for the counters of the cgroups on screen, as they are when it starts; r reads the tree instead", async () => {
    const t = fakeTransport();
    let shown: string[] = ['/a.service'];
    const r = createRefresher({ transport: t, buildModel: build, store: createAppStore(), refreshMs: 2000, clock: realClock, onScreen: () => shown });
    r.start();
    await t.ok();
    shown = [];
    await vi.advanceTimersByTimeAsync(2000);
    await t.ok();
    shown = ['/b.service', "/it's"];
    r.refreshNow(true);
    await t.ok();
    await vi.advanceTimersByTimeAsync(2000);
    expect(t.asked).toEqual([{ counters: ['/a.service'] }, undefined, { full: true }, { counters: ['/b.service', "/it's"] }]);
    r.stop();
  });

  it('r while a refresh runs reads everything right after it; a Logs read (no full) does not', async () => {
    const { t, r } = setup();
    r.start();
    expect(r.refreshNow()).toBe(false);
    await t.ok();
    // the Logs read's tick came at its time, not at once, and read nothing more
    expect(t.calls).toBe(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(t.calls).toBe(2);
    expect(r.refreshNow(true)).toBe(false);
    await t.ok();
    expect(t.calls).toBe(3);
    await t.ok();
    expect(t.asked).toEqual([undefined, undefined, { full: true }]);
    expect(r.refreshNow()).toBe(true);
    await t.ok();
    expect(t.asked.at(-1)).toBeUndefined();
    r.stop();
  });

  it('pause stops collecting and shows paused; resume collects at once', async () => {
    const { t, store, r } = setup();
    r.start();
    await t.ok();
    expect(r.togglePause()).toBe(true);
    expect(store.getState().conn.state).toBe('paused');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(t.calls).toBe(1);
    expect(r.togglePause()).toBe(false);
    expect(t.calls).toBe(2);
    await t.ok();
    expect(store.getState().conn.state).toBe('live');
    r.stop();
  });

  it('r while paused refreshes once and stays paused', async () => {
    const { t, store, r } = setup();
    r.start();
    await t.ok();
    r.togglePause();
    const first = store.getState().modelAt;
    await vi.advanceTimersByTimeAsync(5000);
    expect(r.refreshNow()).toBe(true);
    expect(t.calls).toBe(2);
    await t.ok();
    expect(store.getState().conn.state).toBe('paused');
    expect(store.getState().modelAt).toBeGreaterThan(first!);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(t.calls).toBe(2);
    expect(r.refreshNow()).toBe(true);
    await t.fail('ssh: connection reset');
    expect(store.getState().conn.state).toBe('paused');
    expect(store.getState().flash).toEqual({ text: 'refresh failed: ssh: connection reset', tone: 'error' });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(t.calls).toBe(3);
    r.stop();
  });

  it('a tick that finishes after pause leaves the state paused', async () => {
    const { t, store, r } = setup();
    r.start();
    r.togglePause();
    await t.ok();
    expect(store.getState().conn.state).toBe('paused');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(t.calls).toBe(1);
    r.stop();
  });

  it('backs off exponentially after errors, keeps the last model stale with a countdown, and recovers', async () => {
    const { t, store, r } = setup(1000, 8000);
    r.start();
    await t.ok();
    const model = store.getState().model;
    await vi.advanceTimersByTimeAsync(1000);
    const failedAt = Date.now();
    await t.fail('ssh: connection reset');
    let conn = store.getState().conn;
    expect(conn).toEqual({ state: 'stale', message: 'ssh: connection reset', nextRetryAt: failedAt + 1000, failures: 1 });
    expect(store.getState().model).toBe(model);
    // retries after 1s, 2s, 4s, 8s, 8s (cap)
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const before = t.calls;
      let waited = 0;
      while (t.calls === before) {
        await vi.advanceTimersByTimeAsync(250);
        waited += 250;
      }
      waits.push(waited);
      await t.fail();
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 8000]);
    conn = store.getState().conn;
    expect(conn.state).toBe('stale');
    // the store clock advances between ticks, so the countdown shrinks
    await vi.advanceTimersByTimeAsync(3000);
    const c2 = store.getState().conn;
    if (c2.state !== 'stale' || c2.nextRetryAt === null) throw new Error('expected stale');
    expect(c2.nextRetryAt - store.getState().now).toBe(5000);
    await vi.advanceTimersByTimeAsync(5000);
    await t.ok();
    expect(store.getState().conn.state).toBe('live');
    // back to the normal interval
    const before = t.calls;
    await vi.advanceTimersByTimeAsync(1000);
    expect(t.calls).toBe(before + 1);
    r.stop();
  });

  it('without any model yet an error shows the reason (not stale)', async () => {
    const { t, store, r } = setup();
    r.start();
    await t.fail('getaddrinfo ENOTFOUND nohost');
    const c = store.getState().conn;
    expect(c.state).toBe('error');
    expect(c.state === 'error' && c.message).toBe('getaddrinfo ENOTFOUND nohost');
    r.stop();
  });

  it('a buildModel that throws counts as an error', async () => {
    const t = fakeTransport();
    const store = createAppStore();
    const r = createRefresher({ transport: t, buildModel: () => { throw new Error('bad snapshot'); }, store, refreshMs: 1000, clock: realClock });
    r.start();
    await t.ok();
    expect(store.getState().conn).toMatchObject({ state: 'error', message: 'bad snapshot' });
    r.stop();
  });

  it('stop cancels every timer', async () => {
    const { t, r } = setup();
    r.start();
    await t.ok();
    r.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.calls).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('backoff doubles and caps', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffMs(2000, n, 30000))).toEqual([2000, 4000, 8000, 16000, 30000, 30000]);
  });
});

describe('replayed snapshots', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  it('a static source shows "snapshot" from the start, is read once, keeps no timer and adds no history', async () => {
    const t = fakeTransport();
    const store = createAppStore();
    const r = createRefresher({ transport: t, buildModel: build, store, refreshMs: 1000, clock: realClock, staticSource: true });
    r.start();
    expect(store.getState().conn.state).toBe('static');
    await t.ok();
    expect(store.getState().conn.state).toBe('static');
    expect(vi.getTimerCount()).toBe(0);
    const renders = vi.fn();
    store.subscribe(renders);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.calls).toBe(1);
    expect(renders).not.toHaveBeenCalled();
    expect(store.getState().history.map((h) => h.t)).toEqual([Date.parse(rancheros.takenAt)]);
    expect(r.togglePause()).toBe(false);
    expect(r.refreshNow()).toBe(false);
    expect(store.getState().conn.state).toBe('static');
    expect(t.calls).toBe(1);
    r.stop();
  });
});

describe('error reasons', () => {
  it('are one line and cannot carry terminal escapes', async () => {
    const { reason } = await import('../../../src/schedule/refresh.js');
    expect(reason(new Error('shell exited (3): boom\x1b]0;pwned\x07\x1b[2J\u009b\nsecond line'))).toBe('shell exited (3): boom\\e]0;pwned\\x07\\e[2J\\x9b');
  });
});
