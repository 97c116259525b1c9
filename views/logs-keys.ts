import type { ActionId } from '../src/keys/table.js';
import { logsEnd } from '../src/store/logs.js';
import type { AppState, LogsUi } from '../src/store/types.js';
import { bodyHeight, scrollStep } from './present/layout.js';
import { lineMatches, logsRowsHeight, shownTop } from './present/logs.js';
import { logsForRow, logsForWarning, type LogsFor } from './present/logs-target.js';
import { storedLogs } from './present/stored-logs.js';
import { cursorIndex, rowAt } from './present/list.js';
import { sortedWarnings } from './present/overview.js';
import { listFor } from './present/rows.js';
import { drawRows } from '../src/store/types.js';

function withLogs(s: AppState, patch: Partial<LogsUi>): AppState {
  return { ...s, ui: { ...s.ui, logs: { ...s.ui.logs, ...patch } } };
}

function info(s: AppState, text: string): AppState {
  return { ...s, flash: { text, tone: 'info' } };
}

/** What `L` opens here: the warning under the cursor, the open container's details, or the list row. */
function logsHere(s: AppState): LogsFor | null {
  const model = s.model;
  if (!model) return null;
  const t = s.ui.tabs[s.ui.tab];
  if (s.ui.tab === 'overview') {
    const list = sortedWarnings(model, t.filter);
    const w = list[Math.min(t.cursorIndex, list.length - 1)];
    return w ? logsForWarning(model, w) : { ok: false, why: 'no warning here: L opens the logs of the warning under the cursor' };
  }
  if (s.ui.tab === 'engines' && s.ui.detail) return logsForRow(model, s.ui.detail);
  const view = listFor(model, s.ui.tab, t);
  const row = view ? rowAt(view, cursorIndex(view, t.cursor, t.cursorIndex)) : undefined;
  return row ? logsForRow(model, row.key) : null;
}

/** `L`: the Logs tab on the row's unit or container, read afresh; Esc comes back here. */
export function openLogs(s: AppState): AppState {
  const found = logsHere(s);
  if (!found) return info(s, 'nothing here to read logs of');
  if (!found.ok) return info(s, found.why);
  const l = s.ui.logs;
  const back = { tab: s.ui.tab, detail: s.ui.detail };
  const next = withLogs(s, { target: found.target, back, request: l.request + 1, top: null, mark: 0, match: null, follow: false });
  // A snapshot file: the lines it stored of the target, offline (live hosts read them in the next tick).
  const stored = s.conn.state === 'static' && s.model ? storedLogs(s.model, found.target, l.request + 1) : null;
  return { ...next, ...(stored ? { logs: stored } : {}), ui: { ...next.ui, tab: 'logs' } };
}

/** Esc: back to the tab (and container details) where L was pressed; that tab kept its cursor and filter. */
export function logsBack(s: AppState): AppState {
  const back = s.ui.logs.back;
  if (!back) return info(s, 'L on a row of Services or Engines, or on an Overview warning, opens its logs; 1-5 go to the tabs');
  return { ...s, ui: { ...s.ui, tab: back.tab, detail: back.detail } };
}

/** Scrolling, following, n/N, wrap and timestamps in the Logs tab; null for actions it does not own. */
export function logsAction(s: AppState, action: ActionId): AppState | null {
  const d = s.logs && s.logs.request === s.ui.logs.request ? s.logs : null;
  const ui = s.ui.logs;
  const rows = logsRowsHeight(d, bodyHeight(drawRows(s.size)));
  const step = scrollStep(action, rows);
  if (step !== null) return d && d.lines.length > 0 ? scrollTo(s, d, shownTop(d, ui, rows) + step, rows) : s;
  switch (action) {
    case 'logs-back':
      return logsBack(s);
    case 'follow':
      if (!ui.target) return info(s, 'no logs open: L on a row opens them, then f follows');
      if (s.conn.state === 'static') return info(s, 'a snapshot: its logs do not change (f is for live hosts)');
      return info(withLogs(s, { follow: !ui.follow, top: ui.follow ? ui.top : null }), ui.follow ? 'following stopped' : 'following: new lines arrive with each refresh');
    case 'wrap':
      return withLogs(s, { wrap: !ui.wrap });
    case 'timestamps':
      return withLogs(s, { timestamps: !ui.timestamps });
    case 'next-match':
    case 'prev-match': {
      const filter = s.ui.tabs.logs.filter;
      if (!filter) return info(s, 'no filter: / sets one, then n and N go from match to match');
      if (!d || d.lines.length === 0) return s;
      const end = logsEnd(d);
      const dir = action === 'next-match' ? 1 : -1;
      const from = ui.match !== null && ui.match >= d.first && ui.match < end ? ui.match : dir > 0 ? shownTop(d, ui, rows) - 1 : shownTop(d, ui, rows) + rows;
      const n = d.lines.length;
      for (let k = 1; k <= n; k++) {
        const i = d.first + ((((from - d.first + dir * k) % n) + n) % n);
        if (lineMatches(d.lines[i - d.first], filter, ui.timestamps)) {
          const top = Math.max(d.first, Math.min(i - Math.floor(rows / 2), end - rows));
          return withLogs(scrollTo(s, d, top, rows, true), { match: i });
        }
      }
      return info(s, 'no line matches the filter');
    }
    default:
      return null;
  }
}

/** Moves the view's first line; at the newest lines the view sticks to them again (unless `keep`, for n/N). */
function scrollTo(s: AppState, d: NonNullable<AppState['logs']>, top: number, rows: number, keep = false): AppState {
  const end = logsEnd(d);
  const max = Math.max(d.first, end - rows);
  const t = Math.max(d.first, Math.min(max, top));
  if (t >= max && !keep) return withLogs(s, { top: null, mark: end });
  const ui = s.ui.logs;
  return withLogs(s, { top: t, mark: ui.top === null ? end : ui.mark });
}
