import { sanitize } from '../../parsers/sanitize.js';
import type { HostModel } from '../model/types.js';
import { sameEngines } from '../model/join-memo.js';
import type { RawSnapshot } from '../snapshot/types.js';
import type { AppState } from '../store/types.js';
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
  /**
   * What the screen shows that depends on the clock, and when that changes next (views/present/clock.ts).
   * With them the store clock advances only when the screen would change, and no timer runs while
   * nothing on screen can change; without them it advances every clockTickMs.
   */
  clockText?: (s: ClockState) => string;
  nextClockChange?: (s: ClockState) => number | null;
  /** Cgroup paths whose rows are on screen: their counters are read while the tree is held back (CollectOptions.counters). */
  onScreen?: () => readonly string[];
}

/** The part of the store the clock-dependent text is computed from. */
export interface ClockState {
  conn: AppState['conn'];
  now: number;
  modelAt: number | null;
  hasModel: boolean;
}

/** True when two collects carry the same texts and engine answers: the model would be the same. */
export function sameRaw(a: RawSnapshot | null, b: RawSnapshot): boolean {
  if (a === null || !a.sections || !b.sections) return false;
  if (a === b) return true;
  if (!sameStale(a.stale, b.stale)) return false;
  const ka = Object.keys(a.sections);
  if (ka.length !== Object.keys(b.sections).length) return false;
  for (const id of ka) {
    const x = a.sections[id]!;
    const y = b.sections[id];
    if (!y || x.text !== y.text || x.rc !== y.rc || x.truncated !== y.truncated) return false;
  }
  return sameEngines(a.engines, b.engines);
}

function sameStale(a: Record<string, number> | undefined, b: Record<string, number> | undefined): boolean {
  const ka = Object.keys(a ?? {});
  return ka.length === Object.keys(b ?? {}).length && ka.every((id) => a![id] === b?.[id]);
}

export interface Refresher {
  start(): void;
  stop(): void;
  /** Toggles pause; returns true when now paused. */
  togglePause(): boolean;
  /**
   * Starts a refresh now unless one is running (paused: one refresh, still paused); returns false
   * when one was running. `full` (the user's r): every section is read afresh, those the cost
   * budget holds back too; asked while a refresh runs, it follows right after that one.
   */
  refreshNow(full?: boolean): boolean;
  readonly running: boolean;
  /** A saved snapshot: read once, never refreshed (p and r have nothing to do). */
  readonly static: boolean;
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
 * A collect that brings nothing new (same texts, same engine answers) neither rebuilds the
 * model nor touches the store, unless the screen would show the difference (a late age).
 */
export function createRefresher(opts: RefreshOptions): Refresher {
  const clock = opts.clock ?? realClock;
  const maxBackoff = opts.maxBackoffMs ?? Math.max(30_000, opts.refreshMs);
  const tickMs = opts.clockTickMs ?? 1000;
  const { store } = opts;
  let inFlight = false;
  /** The user's r: the next collect reads every section; `again`: it came while one ran. */
  let fullNext = false;
  let again = false;
  let paused = false;
  let stopped = true;
  let failures = 0;
  let timer: unknown = null;
  let clockTimer: unknown = null;
  let lastRaw: RawSnapshot | null = null;
  /** When the data on screen was last confirmed by a collect (it may be newer than the store's modelAt). */
  let freshAt: number | null = null;
  let unsubscribe: (() => void) | null = null;

  const view = (now: number): ClockState => {
    const s = store.getState();
    const modelAt = s.model && freshAt !== null ? Math.max(freshAt, s.modelAt ?? 0) : s.modelAt;
    return { conn: s.conn, now, modelAt, hasModel: s.model !== null };
  };
  /** Moves the store clock to `now` (and modelAt to the last confirmation) when the screen would change. */
  const advance = (now: number): void => {
    const s = store.getState();
    const next = view(now);
    if (opts.clockText && opts.clockText(next) === opts.clockText({ conn: s.conn, now: s.now, modelAt: s.modelAt, hasModel: s.model !== null })) return;
    store.setState({ now, modelAt: next.modelAt });
  };

  const schedule = (ms: number): void => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = clock.setTimeout(() => {
      timer = null;
      void tick();
    }, ms);
  };

  const runClock = (): void => {
    if (clockTimer !== null) clock.clearTimeout(clockTimer);
    clockTimer = null;
    if (stopped) return;
    let delay = tickMs;
    if (opts.nextClockChange) {
      const now = clock.now();
      const at = opts.nextClockChange(view(now));
      if (at === null) return;
      delay = Math.max(20, at - now);
    }
    clockTimer = clock.setTimeout(() => {
      clockTimer = null;
      if (stopped) return;
      if (opts.clockText) advance(clock.now());
      else setNow(store, clock.now());
      runClock();
    }, delay);
  };

  /** `once`: the user's `r` or a Logs read (while paused: one collect, and the loop stays paused). */
  const tick = async (once = false): Promise<void> => {
    if (inFlight || stopped || (paused && !once)) return;
    inFlight = true;
    try {
      const full = fullNext;
      fullNext = false;
      const counters = full ? [] : (opts.onScreen?.() ?? []);
      const raw = await opts.transport.collect(full ? { full: true } : counters.length > 0 ? { counters } : undefined);
      const unchanged = sameRaw(lastRaw, raw) && store.getState().model !== null;
      const model = unchanged ? null : opts.buildModel(raw);
      if (stopped) return;
      failures = 0;
      lastRaw = raw;
      freshAt = clock.now();
      // a snapshot's one history point is at the time it was taken, not when it was opened
      if (model) setModel(store, model, opts.staticSource ? Date.parse(model.takenAt) || freshAt : freshAt);
      else if (store.getState().conn.state !== 'live' && !paused) setConn(store, { state: 'live' });
      if (!model) {
        advance(freshAt);
        // Confirmed fresh: the "data is late" wake-up moves forward instead of firing.
        if (opts.nextClockChange) runClock();
      }
      if (opts.staticSource) setConn(store, { state: 'static' });
      else if (paused) setConn(store, { state: 'paused' });
      // Sections not read yet (a connection's quick first tick) follow at once.
      else schedule(raw.pending?.length ? 0 : opts.refreshMs);
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
      if (again && !stopped) {
        again = false;
        void tick(true);
      }
    }
  };

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      setNow(store, clock.now());
      if (opts.staticSource) {
        // Nothing on a snapshot's screen changes with time: no clock, no refresh timer.
        setConn(store, { state: 'static' });
        void tick();
        return;
      }
      if (store.getState().model === null) setConn(store, { state: 'connecting' });
      // With nextClockChange the clock timer is re-armed on every store change (new data, a state).
      if (opts.nextClockChange) unsubscribe = store.subscribe(() => runClock());
      runClock();
      void tick();
    },
    stop() {
      stopped = true;
      unsubscribe?.();
      unsubscribe = null;
      if (timer !== null) clock.clearTimeout(timer);
      if (clockTimer !== null) clock.clearTimeout(clockTimer);
      timer = null;
      clockTimer = null;
    },
    togglePause() {
      if (opts.staticSource) return false;
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
    refreshNow(full = false) {
      if (opts.staticSource) return false;
      if (full) fullNext = true;
      if (inFlight) {
        again ||= full;
        return false;
      }
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      void tick(true);
      return true;
    },
    get running() {
      return inFlight;
    },
    get static() {
      return opts.staticSource === true;
    },
  };
}
