import { sanitize } from './sanitize.js';

/**
 * One log line, whatever it came from (journal, Engine API, docker CLI, CRI
 * file, syslog file, dmesg). Every string is sanitized: a container's escape
 * sequences never reach the terminal or the JSON.
 */
export interface LogLine {
  /** ISO 8601 (UTC `Z` or the offset the host wrote), null when the source has none. */
  time: string | null;
  /** Where it was read: `journal`, `docker`, `cri`, `syslog`, `dmesg`. */
  source: string;
  /** What was asked for: a unit, a container, `kernel`. */
  target: string;
  /** `stdout`/`stderr` of a container; for journal and syslog lines the writer, as `ident[pid]`. */
  stream: string | null;
  /** syslog priority 0 (emerg) .. 7 (debug); null when the source has none. */
  priority: number | null;
  message: string;
}

export interface LogContext {
  source: string;
  target: string;
}

export const PRIORITY_NAMES = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'] as const;

/** A timestamp the host wrote as RFC 3339 (Docker, CRI, rsyslog), kept as written; anything else is null. */
export function rfc3339(s: string): string | null {
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?(Z|[+-]\d\d:?\d\d)$/.test(s) ? s : null;
}

/** Bytes of host output as text: invalid UTF-8 becomes U+FFFD (sanitized later, by line()). */
export function decodeBytes(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

export function line(ctx: LogContext, time: string | null, stream: string | null, priority: number | null, message: string): LogLine {
  return { time, source: ctx.source, target: ctx.target, stream: stream === null ? null : sanitize(stream), priority, message: sanitize(message) };
}
