import { type LogContext, type LogLine, line, rfc3339 } from './log-line.js';
import { excerpt } from './sanitize.js';
import { type ParseIssue, lines, parsed, type Parsed } from './types.js';
import { issue } from './issues.js';

/**
 * A CRI container log file (`/var/log/pods/<ns>_<pod>_<uid>/<container>/N.log`):
 * `TIME STREAM TAG MESSAGE`, TAG `F` (full) or `P` (partial: the line goes on
 * in the next partial or full record of the same stream).
 */
export function parseCriLog(text: string, ctx: LogContext): Parsed<LogLine[]> {
  const out: LogLine[] = [];
  const issues: ParseIssue[] = [];
  const pending = new Map<string, { time: string; parts: string[] }>();
  lines(text).forEach((l, i) => {
    const m = /^(\S+) (stdout|stderr) ([PF])(?:[:\w]*)? ?(.*)$/.exec(l);
    const time = m ? rfc3339(m[1]) : null;
    if (!m || time === null) {
      if (l !== '') issues.push(issue('cri-bad-line', { text: excerpt(l) }, i + 1));
      return;
    }
    const [, , stream, tag, msg] = m;
    const p = pending.get(stream) ?? { time, parts: [] };
    p.parts.push(msg);
    if (tag === 'P') {
      pending.set(stream, p);
      return;
    }
    pending.delete(stream);
    out.push(line(ctx, p.time, stream, null, p.parts.join('')));
  });
  // A partial line at the end of the file: the rest was not written yet; show what there is.
  for (const [stream, p] of pending) out.push(line(ctx, p.time, stream, null, p.parts.join('')));
  return parsed(out, issues);
}
