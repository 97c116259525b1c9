import stringWidth from 'string-width';
import type { LogLine } from '../../parsers/log-line.js';
import { logsEnd } from '../../src/store/logs.js';
import type { LogsData, LogsUi } from '../../src/store/types.js';
import { plural } from './format.js';
import type { Tone } from './list.js';

/** One run of a screen row: text, its tone, and whether it is a filter match (shown inverse). */
export interface LogSeg {
  text: string;
  tone: Tone;
  mark?: boolean;
}

export interface LogsScreen {
  title: string;
  /** An error (red) or notes (yellow) line under the title; null when there is none. */
  note: { text: string; tone: Tone } | null;
  rows: LogSeg[][];
  /** Shown instead of rows when there are none. */
  empty: string | null;
}

/** `MM-DD HH:MM:SS` of the time as the host wrote it (no zone conversion: views never read the clock or zone). */
function shortTime(t: string | null): string {
  if (!t) return '-              ';
  const m = /^\d{4}-(\d\d-\d\d)T(\d\d:\d\d:\d\d)/.exec(t);
  return m ? `${m[1]} ${m[2]}` : t.slice(0, 14).padEnd(14);
}

/** The text of a line as shown (and searched): time, the journal's writer, the message. */
export function lineText(l: LogLine, timestamps: boolean): { prefix: string; text: string } {
  const prefix = timestamps ? `${shortTime(l.time)} ` : '';
  const writer = l.stream && l.stream !== 'stdout' && l.stream !== 'stderr' ? `${l.stream}: ` : '';
  return { prefix, text: prefix + writer + l.message };
}

/** Priority err and worse red, warning yellow, a container's stderr magenta. */
export function lineTone(l: LogLine): Tone {
  if (l.priority !== null && l.priority <= 3) return 'red';
  if (l.priority === 4) return 'yellow';
  if (l.stream === 'stderr') return 'magenta';
  return 'normal';
}

/** Case-insensitive match of the filter in a line's shown text. */
export function lineMatches(l: LogLine, filter: string, timestamps: boolean): boolean {
  return filter !== '' && lineText(l, timestamps).text.toLowerCase().includes(filter.toLowerCase());
}

/** Styled runs of one line: the time dim, the rest in the line's tone, filter matches marked. */
function segments(l: LogLine, filter: string, timestamps: boolean): { ch: string; tone: Tone; mark: boolean }[] {
  const { prefix, text } = lineText(l, timestamps);
  const tone = lineTone(l);
  const marks = new Array<boolean>(text.length).fill(false);
  if (filter) {
    const lower = text.toLowerCase();
    const f = filter.toLowerCase();
    for (let i = lower.indexOf(f); i >= 0; i = lower.indexOf(f, i + Math.max(1, f.length))) for (let k = i; k < i + f.length; k++) marks[k] = true;
  }
  const out: { ch: string; tone: Tone; mark: boolean }[] = [];
  let i = 0;
  for (const ch of text) {
    out.push({ ch, tone: i < prefix.length ? 'dim' : tone, mark: marks[i] === true });
    i += ch.length;
  }
  return out;
}

/** The screen rows of one line: cut at the width, or wrapped onto as many rows as it takes. */
function lineRows(l: LogLine, filter: string, ui: LogsUi, width: number): LogSeg[][] {
  const rows: LogSeg[][] = [];
  let row: LogSeg[] = [];
  let used = 0;
  for (const c of segments(l, filter, ui.timestamps)) {
    const w = Math.max(0, stringWidth(c.ch));
    if (used + w > width) {
      if (!ui.wrap) break;
      rows.push(row);
      row = [];
      used = 0;
    }
    const last = row[row.length - 1];
    if (last && last.tone === c.tone && (last.mark ?? false) === c.mark) last.text += c.ch;
    else row.push(c.mark ? { text: c.ch, tone: c.tone, mark: true } : { text: c.ch, tone: c.tone });
    used += w;
  }
  rows.push(row);
  return rows;
}

/** Rows left for lines in a body of `height`: one for the title, one for a note when there is one. */
export function logsRowsHeight(d: LogsData | null, height: number): number {
  return Math.max(1, height - 1 - (noteOf(d) ? 1 : 0));
}

function noteOf(d: LogsData | null): LogsScreen['note'] {
  if (!d) return null;
  if (d.state === 'error' && d.error) return { text: d.error, tone: 'red' };
  return d.notes.length ? { text: d.notes.join('; '), tone: 'yellow' } : null;
}

/** The first line shown: `top`, or (sticking to the newest) the line that fills the screen up to the end. */
export function shownTop(d: LogsData, ui: LogsUi, rows: number): number {
  const end = logsEnd(d);
  if (ui.top !== null) return Math.max(d.first, Math.min(ui.top, end - 1));
  return Math.max(d.first, end - rows);
}

/** The Logs tab for its lines and UI state. Pure. */
export function logsScreen(d: LogsData | null, ui: LogsUi, filter: string, width: number, height: number, live: boolean): LogsScreen {
  const none = (title: string, empty: string): LogsScreen => ({ title, note: noteOf(d), rows: [], empty });
  if (!ui.target) return none('Logs', 'No logs open. L on a row of Services or Engines, or on an Overview warning, opens its logs.');
  const label = ui.target.label;
  if (!d || d.request !== ui.request) {
    return live ? none(`Logs · ${label}`, `reading the logs of ${label}…`) : none(`Logs · ${label}`, 'This snapshot has no logs: cosi reads them from a live host (cosi connect, or cosi logs).');
  }
  const end = logsEnd(d);
  const rowsH = logsRowsHeight(d, height);
  const state = d.state === 'loading' ? ' · reading…' : ui.follow ? ' · following' : '';
  const below = ui.top !== null && end > ui.mark ? ` · ${plural(end - ui.mark, 'new line')} below (G)` : '';
  const title = `Logs · ${label}${d.from ? ` · ${d.from}` : ''} · ${plural(d.lines.length, 'line')}${state}${below}`;
  if (d.lines.length === 0) return { title, note: noteOf(d), rows: [], empty: d.state === 'loading' ? `reading the logs of ${label}…` : d.state === 'error' ? '' : `no log lines for ${label}` };
  const rows: LogSeg[][] = [];
  if (ui.top === null && ui.wrap) {
    // Sticking to the newest line with wrap: fill from the end upwards.
    for (let i = end - 1; i >= d.first && rows.length < rowsH; i--) rows.unshift(...lineRows(d.lines[i - d.first], filter, ui, width));
    rows.splice(0, Math.max(0, rows.length - rowsH));
  } else {
    for (let i = shownTop(d, ui, rowsH); i < end && rows.length < rowsH; i++) rows.push(...lineRows(d.lines[i - d.first], filter, ui, width));
    rows.splice(rowsH);
  }
  return { title, note: noteOf(d), rows, empty: null };
}
