import { type LogLine, PRIORITY_NAMES } from '../../parsers/log-line.js';

/** `-p` as journalctl takes one level: a name (emerg .. debug) or 0 .. 7. */
export const PRIORITY_VALUE = /^([0-7]|emerg|alert|crit|err|warning|notice|info|debug)$/i;

/** The level 0 (emerg) .. 7 (debug) a `-p` value means; null when it is none. */
export function parsePriority(s: string): number | null {
  if (!PRIORITY_VALUE.test(s)) return null;
  return /^[0-7]$/.test(s) ? Number(s) : PRIORITY_NAMES.indexOf(s.toLowerCase() as (typeof PRIORITY_NAMES)[number]);
}

/**
 * The lines at `priority` or more important, as `journalctl -p` keeps them,
 * for the sources whose reader cannot ask for it (syslog files, dmesg, a
 * snapshot's lines): a line whose priority is not known (a container's
 * stdout) is kept, as nothing says it is less important.
 */
export function atPriority(lines: LogLine[], priority: number | undefined): LogLine[] {
  return priority === undefined ? lines : lines.filter((l) => l.priority === null || l.priority <= priority);
}
