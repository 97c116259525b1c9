import type { LogLine } from '../../parsers/log-line.js';
import type { LogsData } from './types.js';

/** Default size of the Logs tab's ring (`--log-lines`). */
export const DEFAULT_LOG_LINES = 10_000;

/**
 * Appends lines to the ring, dropping the oldest beyond `cap`. `first` rises by
 * what was dropped, so absolute positions (the view's top, a match) stay on
 * their lines. Memory is bounded by `cap` whatever the host sends.
 */
export function ringAppend(d: LogsData, lines: LogLine[], cap: number): LogsData {
  if (lines.length === 0) return d;
  const all = d.lines.length + lines.length > cap ? [...d.lines, ...lines].slice(-cap) : [...d.lines, ...lines];
  const dropped = d.lines.length + lines.length - all.length;
  return { ...d, lines: all, first: d.first + dropped };
}

/** Absolute number one past the newest line. */
export function logsEnd(d: LogsData | null): number {
  return d ? d.first + d.lines.length : 0;
}
