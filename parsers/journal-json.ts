import { isObj, type Obj } from './json.js';
import { type LogContext, type LogLine, line, decodeBytes } from './log-line.js';
import { type ParseIssue, lines, parsed, type Parsed } from './types.js';
import { issue } from './issues.js';
import { excerpt } from './sanitize.js';

/**
 * `journalctl -o json` output: one JSON object per line. Field values are
 * strings, or arrays of bytes when not valid UTF-8 (or binary), or null when
 * too large (journalctl's --output-fields / data threshold).
 */
export function parseJournalJson(text: string, ctx: LogContext): Parsed<LogLine[]> {
  const out: LogLine[] = [];
  const issues: ParseIssue[] = [];
  lines(text).forEach((l, i) => {
    const t = l.trim();
    if (t === '' || t.startsWith('-- ')) return; // "-- No entries --", "-- Boot ... --"
    let o: unknown;
    try {
      o = JSON.parse(t);
    } catch {
      issues.push(issue('journal-not-json', { text: excerpt(t) }, i + 1));
      return;
    }
    if (!isObj(o)) {
      issues.push(issue('journal-not-object', {}, i + 1));
      return;
    }
    out.push(journalEntry(o, ctx));
  });
  return parsed(out, issues);
}

function journalEntry(o: Obj, ctx: LogContext): LogLine {
  const us = field(o.__REALTIME_TIMESTAMP);
  const time = us !== null && /^\d{1,18}$/.test(us) ? microsToIso(us) : null;
  const p = field(o.PRIORITY);
  const priority = p !== null && /^[0-7]$/.test(p) ? Number(p) : null;
  const ident = field(o.SYSLOG_IDENTIFIER) ?? field(o._COMM) ?? (field(o._TRANSPORT) === 'kernel' ? 'kernel' : null);
  const pid = field(o._PID);
  const stream = ident === null ? null : pid !== null && /^\d+$/.test(pid) ? `${ident}[${pid}]` : ident;
  const message = field(o.MESSAGE) ?? (o.MESSAGE === null ? '[message too large]' : '');
  return line(ctx, time, stream, priority, message);
}

/** A journal field as text: a string, or bytes (invalid UTF-8 becomes U+FFFD). */
function field(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((b) => typeof b === 'number' && Number.isInteger(b) && b >= 0 && b < 256)) return decodeBytes(Uint8Array.from(v as number[]));
  return null;
}

/** Microseconds since the epoch -> ISO UTC with microseconds (Date only keeps milliseconds). */
function microsToIso(us: string): string | null {
  const n = BigInt(us);
  const ms = Number(n / 1000n);
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return null;
  return `${d.toISOString().slice(0, 19)}.${String(n % 1000000n).padStart(6, '0')}Z`;
}
