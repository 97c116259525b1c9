import { type LogContext, type LogLine, PRIORITY_NAMES, line, rfc3339 } from './log-line.js';
import { lines, parsed, type Parsed } from './types.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Plain syslog files where there is no journal (RancherOS, busybox hosts):
 *   `Dec  1 14:00:00 host ident[pid]: message`               (RFC 3164, rsyslog's default)
 *   `Dec  1 14:00:00 host user.notice ident: message`        (busybox syslogd: facility.level)
 *   `2026-12-01T14:00:00.123456+00:00 host ident[pid]: msg`  (rsyslog high precision)
 * RFC 3164 has no year: `year` is the one the caller knows (the host's), the
 * time stays without a zone (the host's local time). A line that matches
 * none is kept as a message without time (a continuation, a foreign format).
 */
export function parseSyslog(text: string, ctx: LogContext, year: number): Parsed<LogLine[]> {
  return parsed(lines(text).filter((l) => l !== '').map((l) => syslogLine(l, ctx, year)));
}

function syslogLine(l: string, ctx: LogContext, year: number): LogLine {
  let time: string | null = null;
  let rest: string;
  const bsd = /^([A-Z][a-z]{2}) ([ \d]\d) (\d\d:\d\d:\d\d) (.*)$/.exec(l);
  const iso = /^(\S+) (.*)$/.exec(l);
  if (bsd && MONTHS.includes(bsd[1])) {
    const mon = String(MONTHS.indexOf(bsd[1]) + 1).padStart(2, '0');
    time = `${year}-${mon}-${bsd[2].trim().padStart(2, '0')}T${bsd[3]}`;
    rest = bsd[4];
  } else if (iso && rfc3339(iso[1]) !== null) {
    time = iso[1];
    rest = iso[2];
  } else return line(ctx, null, null, null, l);
  // host [facility.level] ident[pid]: message
  const m = /^(\S+) (?:(\w+)\.(\w+) )?([^\s:[]+(?:\[\d+\])?): ?(.*)$/.exec(rest);
  if (!m) return line(ctx, time, null, null, rest);
  const level = m[3] === undefined ? -1 : PRIORITY_NAMES.indexOf(m[3] === 'warn' ? 'warning' : m[3] === 'error' ? 'err' : (m[3] as (typeof PRIORITY_NAMES)[number]));
  return line(ctx, time, m[4], level < 0 ? null : level, m[5]);
}

/**
 * `dmesg` lines, `[ seconds.micros] message`, with `-r` as `<prio>[...] message`.
 * The time is seconds since boot, not a date: it stays in the message.
 */
export function parseDmesg(text: string, ctx: LogContext): Parsed<LogLine[]> {
  return parsed(
    lines(text)
      .filter((l) => l !== '')
      .map((l) => {
        const m = /^<(\d{1,3})>(.*)$/.exec(l);
        const prio = m ? Number(m[1]) & 7 : null;
        return line(ctx, null, 'kernel', prio, m ? m[2] : l);
      }),
  );
}
