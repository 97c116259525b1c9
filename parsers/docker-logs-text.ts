import { byTime, stamped } from './docker-log-frames.js';
import type { LogContext, LogLine } from './log-line.js';
import { lines, parsed, type Parsed } from './types.js';

/** Marks a stderr line in the shell's `docker logs` answer (see dockerLogsCommand). */
export const STDERR_MARK = 'E ';

/**
 * `docker logs --timestamps` run in the host's shell, its stderr lines
 * prefixed with "E " (stdout lines start with the timestamp, a digit, so the
 * two never mix up). A stderr line without a timestamp is the docker CLI's
 * own complaint ("Error response from daemon: No such container: x"): it is
 * returned as `errors`, not as a log line.
 */
export function parseDockerLogsText(text: string, ctx: LogContext): Parsed<{ lines: LogLine[]; errors: string[] }> {
  const out: LogLine[] = [];
  const errors: string[] = [];
  for (const l of lines(text)) {
    if (l === '') continue; // framing; a container's own empty line still carries its time
    if (l.startsWith(STDERR_MARK)) {
      const s = stamped(l.slice(STDERR_MARK.length), 'stderr', ctx);
      if (s.time === null) errors.push(s.message);
      else out.push(s);
    } else out.push(stamped(l, 'stdout', ctx));
  }
  return parsed({ lines: byTime(out.map(joinSplit)), errors });
}

/** A line over 16 KiB comes from the docker CLI as its parts, each with its own copy of the time, on one line. */
function joinSplit(l: LogLine): LogLine {
  return l.time === null || !l.message.includes(`${l.time} `) ? l : { ...l, message: l.message.split(`${l.time} `).join('') };
}
