import type { LogLine } from '../../parsers/log-line.js';
import type { LogsRequest, LogsStep } from './script.js';
import { STEP } from './script.js';

/**
 * Following without asking for the same lines again: each followed read asks
 * only for what came after the last one. The journal gives a cursor, a file
 * its size, a container its last timestamp; dmesg gives nothing, so its lines
 * are cut where the last read ended.
 */
export type After = NonNullable<LogsRequest['after']>;

/** A journal cursor as journalctl prints it (`s=…;i=…;b=…;m=…;t=…;x=…`); anything else is not passed back to the host. */
const CURSOR = /^[A-Za-z0-9=;_-]{1,512}$/;

/** The cursor of the last entry of a `journalctl -o json` answer, or null. */
export function lastCursor(out: string): string | null {
  const lines = out.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const t = lines[i].trim();
    if (!t.startsWith('{')) continue;
    try {
      const c = (JSON.parse(t) as { __CURSOR?: unknown }).__CURSOR;
      return typeof c === 'string' && CURSOR.test(c) ? c : null;
    } catch {
      return null;
    }
  }
  return null;
}

/** An RFC 3339 UTC time with its fraction padded to nanoseconds: such keys sort as the times do. */
export function timeKey(t: string): string | null {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z$/.exec(t);
  return m ? `${m[1]}.${(m[2] ?? '').padEnd(9, '0')}Z` : null;
}

/**
 * Where the next followed read starts, from this read's steps and lines: the
 * journal's last cursor (or the one before when this read brought none), the
 * file's size, the newest container line's time (or the one before).
 */
export function nextAfter(prev: After | undefined, steps: Map<string, LogsStep>, lines: LogLine[]): After {
  const out: After = {};
  const journal = steps.get(STEP.journal);
  const cursor = (journal && lastCursor(journal.out)) ?? prev?.cursor;
  if (cursor) out.cursor = cursor;
  const size = steps.get(STEP.size)?.out.trim();
  if (size && /^\d{1,18}$/.test(size)) out.offset = Number(size);
  const timed = [...lines].reverse().find((l) => l.time !== null && timeKey(l.time) !== null);
  const time = timed?.time ?? prev?.time;
  if (time) out.time = time;
  return out;
}

/**
 * The lines of a followed read that are new. `docker logs --since T` repeats
 * lines at T: lines not after the last time seen are dropped. A source with
 * neither cursor nor offset (dmesg) reads its last lines again: what follows
 * the last line already held is new (all of it when that line is not found).
 */
export function newLines(prev: After | undefined, from: string, lines: LogLine[], last: LogLine | null): LogLine[] {
  if (from === 'docker' || from === 'system-docker') {
    const k = prev?.time ? timeKey(prev.time) : null;
    if (k === null) return lines;
    return lines.filter((l) => {
      const lk = l.time ? timeKey(l.time) : null;
      return lk === null || lk > k;
    });
  }
  if (from === 'journal' || from === 'file') return lines;
  if (!last) return lines;
  for (let i = lines.length - 1; i >= 0; i--) if (lines[i].time === last.time && lines[i].message === last.message) return lines.slice(i + 1);
  return lines;
}
