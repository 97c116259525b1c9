import { sanitize } from '../../parsers/sanitize.js';
import type { HostModel } from '../model/types.js';
import type { RawSnapshot } from '../snapshot/types.js';
import type { Transport } from '../transport/types.js';
import { setConn, setFlash, setModel, setNow, type AppStore } from '../store/store.js';

/** The clock the loop runs on; tests inject fake timers. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface RefreshOptions {
  transport: Transport;
  buildModel: (raw: RawSnapshot) => HostModel;
  store: AppStore;
  refreshMs: number;
  clock?: Clock;
  /** Longest wait between retries after errors. */
  maxBackoffMs?: number;
  /** How often the store clock advances between ticks (data age, retry countdown). */
  clockTickMs?: number;
  /** A saved snapshot (replay): the header says "snapshot" with its time instead of "live". */
  staticSource?: boolean;
}

export interface Refresher {
  start(): void;
  stop(): void;
  /** Toggles pause; returns true when now paused. */
  togglePause(): boolean;
  /** Starts a refresh now unless one is running (paused: one refresh, still paused); returns false when one was running. */
  refreshNow(): boolean;
  readonly running: boolean;
}

/** Delay before retry number `failures` (1-based): refreshMs doubled per failure, capped. */
export function backoffMs(refreshMs: number, failures: number, maxMs: number): number {
  return Math.min(maxMs, refreshMs * 2 ** Math.max(0, failures - 1));
}

/**
 * One-line reason of an error for the header. Error texts can carry what the host printed
 * (a dying shell's stderr), so they pass the sanitizer before they reach the screen.
 */
export function reason(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return sanitize(msg.split('\n')[0].slice(0, 200));
}

/**
 * The refresh loop: every refreshMs collect + buildModel, never two at once;
 * after errors keeps the last model (stale) and retries with capped exponential backoff.
 */
export function createRefresher(opts: RefreshOptions): Refresher {
  const clock = opts.clock ?? realClock;
  const maxBackoff = opts.maxBackoffMs ?? Math.max(30_000, opts.refreshMs);
  const tickMs = opts.clockTickMs ?? 1000;
  const { store } = opts;
  let inFlight = false;
  let paused = false;
  let stopped = true;
  let failures = 0;
  let timer: unknown = null;
  let clockTimer: unknown = null;

  const schedule = (ms: number): void => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = clock.setTimeout(() => {
      timer = null;
      void tick();
    }, ms);
  };

  const runClock = (): void => {
    clockTimer = clock.setTimeout(() => {
      clockTimer = null;
      if (stopped) return;
      setNow(store, clock.now());
      runClock();
    }, tickMs);
  };

  /** `once`: the user's `r` while paused: one collect, and the loop stays paused. */
  const tick = async (once = false): Promise<void> => {
    if (inFlight || stopped || (paused && !once)) return;
    inFlight = true;
    try {
      const raw = await opts.transport.collect();
      const model = opts.buildModel(raw);
      if (stopped) return;
      failures = 0;
      setModel(store, model, clock.now());
      if (paused) setConn(store, { state: 'paused' });
      else {
        if (opts.staticSource) setConn(store, { state: 'static' });
        schedule(opts.refreshMs);
      }
    } catch (e) {
      if (stopped) return;
      failures++;
      const delay = backoffMs(opts.refreshMs, failures, maxBackoff);
      const now = clock.now();
      const message = reason(e);
      const hasModel = store.getState().model !== null;
      setNow(store, now);
      if (!paused) {
        setConn(store, { state: hasModel ? 'stale' : 'error', message, nextRetryAt: now + delay, failures });
        schedule(delay);
      } else if (once) setFlash(store, { text: `refresh failed: ${message}`, tone: 'error' });
    } finally {
      inFlight = false;
    }
  };

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      setNow(store, clock.now());
      if (store.getState().model === null) setConn(store, { state: 'connecting' });
      runClock();
      void tick();
    },
    stop() {
      stopped = true;
      if (timer !== null) clock.clearTimeout(timer);
      if (clockTimer !== null) clock.clearTimeout(clockTimer);
      timer = null;
      clockTimer = null;
    },
    togglePause() {
      paused = !paused;
      if (paused) {
        if (timer !== null) clock.clearTimeout(timer);
        timer = null;
        setConn(store, { state: 'paused' });
        setFlash(store, { text: 'paused: p resumes', tone: 'info' });
      } else {
        setConn(store, store.getState().model ? { state: 'live' } : { state: 'connecting' });
        setFlash(store, { text: 'resumed', tone: 'info' });
        void tick();
      }
      return paused;
    },
    refreshNow() {
      if (inFlight) return false;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      void tick(true);
      return true;
    },
    get running() {
      return inFlight;
    },
  };
}
