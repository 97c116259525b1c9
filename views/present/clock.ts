import type { ConnState } from '../../src/store/types.js';
import { duration } from './format.js';

/** Live data younger than this is not given an age in the header: it is as fresh as the refresh. */
export const LATE_MS = 5000;

export interface ClockView {
  conn: ConnState;
  now: number;
  /** When the data on screen was last confirmed. */
  modelAt: number | null;
  hasModel: boolean;
}

/** "data 12s old" once live data is late (or paused, stale); '' while fresh, for a snapshot, or without data. */
export function ageText(v: ClockView): string {
  if (!v.hasModel || v.modelAt === null || v.conn.state === 'static') return '';
  const age = v.now - v.modelAt;
  return age < LATE_MS ? '' : `data ${duration(age / 1000)} old`;
}

/** " · retry in 3s" while a retry is scheduled at `at`. */
export function retryIn(at: number | null, now: number): string {
  return at === null ? '' : ` · retry in ${Math.max(0, Math.ceil((at - now) / 1000))}s`;
}

/** Everything the screen shows that depends on the clock. */
export function clockText(v: ClockView): string {
  const c = v.conn;
  return `${ageText(v)}|${c.state === 'stale' || c.state === 'error' ? retryIn(c.nextRetryAt, v.now) : ''}`;
}

/**
 * When the clock text changes next (ms since the epoch), or null when it never will without
 * new data: an idle live screen with fresh data needs no timer at all.
 */
export function nextClockChange(v: ClockView): number | null {
  const steps: number[] = [];
  const c = v.conn;
  if ((c.state === 'stale' || c.state === 'error') && c.nextRetryAt !== null && c.nextRetryAt > v.now) {
    const left = c.nextRetryAt - v.now;
    steps.push(v.now + (left % 1000 || 1000));
  }
  if (v.hasModel && v.modelAt !== null && c.state !== 'static') {
    const age = v.now - v.modelAt;
    if (age < LATE_MS) steps.push(v.modelAt + LATE_MS);
    else {
      // duration(): whole seconds below a minute, whole minutes below a day (h/m), then days.
      const unit = age < 60_000 ? 1000 : 60_000;
      steps.push(v.now + (unit - (age % unit)));
    }
  }
  return steps.length > 0 ? Math.min(...steps) : null;
}
