import { readFileSync } from 'node:fs';
import { parseDockerLogsText } from '../../../parsers/docker-logs-text.js';
import { parseJournalJson } from '../../../parsers/journal-json.js';
import { line, type LogLine } from '../../../parsers/log-line.js';
import type { HostModel } from '../../../src/model/types.js';
import type { AppState, LogsData, LogTarget } from '../../../src/store/types.js';
import { applyKey } from '../../../views/key-reducer.js';
import { frameState } from '../../../views/render-frame.js';
import { coreos } from '../../fixtures/models/coreos.js';

const FIX = new URL('../../fixtures/logs/', import.meta.url).pathname;

/** The lab's real journal lines of broken.service (its own and PID 1's about it). */
export const JOURNAL: LogLine[] = parseJournalJson(readFileSync(`${FIX}journal-broken.jsonl`, 'utf8'), { source: 'journal', target: 'broken.service' }).value;
/** A lab container's real `docker logs --timestamps` lines: stdout, stderr, escapes, a 16 KiB line, an invalid byte. */
export const DOCKER: LogLine[] = parseDockerLogsText(readFileSync(`${FIX}docker-cli.txt`, 'utf8'), { source: 'docker', target: 'rec' }).value.lines;

/** `n` numbered lines a second apart, every 7th with "needle" in it. */
export function numbered(n: number, from = 0): LogLine[] {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    const t = new Date(Date.UTC(2026, 11, 1, 14, 0, 0) + i * 1000).toISOString();
    return line({ source: 'journal', target: 'chatty.service' }, t, `chatty[42]`, 6, `line ${i}${i % 7 === 0 ? ' needle' : ''}`);
  });
}

/** A live state on the Logs tab showing `lines` of `target` (as after L and one read), then `keys` applied. */
export function logsState(lines: LogLine[], opts: { target?: LogTarget; from?: string; cols?: number; rows?: number; keys?: string[]; model?: HostModel; data?: Partial<LogsData> } = {}): AppState {
  const target = opts.target ?? { target: 'broken.service', label: 'unit broken.service' };
  let s = frameState(opts.model ?? coreos, { tab: 'services', cols: opts.cols ?? 100, rows: opts.rows ?? 30, conn: { state: 'live' } });
  s = { ...s, ui: { ...s.ui, tab: 'logs', logs: { ...s.ui.logs, target, request: 1, back: { tab: 'services', detail: null } } } };
  s = { ...s, logs: { request: 1, target, state: 'ok', lines, first: 0, from: opts.from ?? 'journal', error: null, notes: [], ...opts.data } };
  for (const k of opts.keys ?? []) s = applyKey(s, k).state;
  return s;
}
