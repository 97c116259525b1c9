import { listFor, LIST_TABS } from './present/rows.js';
import { cursorIndex, rowAt, type ListView } from './present/list.js';
import { bodyHeight, listHeight, scrollStep, windowFor } from './present/layout.js';
import { containerDetail, findContainer } from './present/engines.js';
import { helpLayout } from './present/help.js';
import { sortedWarnings, warningTarget } from './present/overview.js';
import { drawRows, TABS, type AppState, type TabUi, type UiState } from '../src/store/types.js';
import { lookup, type ActionId, type KeyContext } from '../src/keys/table.js';
import { logsAction, openLogs } from './logs-keys.js';
import { SORT_COLUMNS } from './present/sort.js';

/** What a key asks of the outside world; the pure reducer cannot do these itself. */
export type Effect = 'quit' | 'pause' | 'refresh' | 'screenshot' | 'logs';

export interface KeyResult {
  state: AppState;
  effect: Effect | null;
  action: ActionId | null;
}

/** The contexts active in this state, most specific first. */
export function activeContexts(s: Pick<AppState, 'ui'>): KeyContext[] {
  const ui = s.ui;
  if (ui.help) return ['help'];
  if (ui.editingFilter) return ['filter'];
  const out: KeyContext[] = [];
  if (ui.tab === 'engines' && ui.detail) out.push('detail');
  else if (ui.tab === 'logs') out.push('logs');
  else if (ui.tab === 'overview') out.push('overview');
  else {
    if (ui.tab === 'services') out.push('services');
    if (ui.tab === 'mounts') out.push('mounts');
    if (SORT_COLUMNS[ui.tab]) out.push('sort');
    if (LIST_TABS.includes(ui.tab)) out.push('list');
  }
  out.push('global');
  return out;
}

/**
 * The key -> action reducer, shared by the live TUI and renderFrame.
 * Pure: returns the next state and the effect the caller must run.
 */
export function applyKey(s: AppState, key: string): KeyResult {
  const contexts = activeContexts(s);
  const b = lookup(key, contexts);
  if (!b) {
    const typed = key === 'space' ? ' ' : key;
    if (s.ui.editingFilter && Array.from(typed).length === 1) return done(withTab(s, { filter: tabUi(s).filter + typed, cursorIndex: 0 }), null);
    if (s.ui.help && key === 'q') return { state: s, effect: 'quit', action: 'quit' };
    if (s.ui.editingFilter && key === 'ctrl-c') return { state: s, effect: 'quit', action: 'quit' };
    return { state: s, effect: null, action: null };
  }
  return applyAction(s, b.action, key);
}

function done(state: AppState, action: ActionId | null, effect: Effect | null = null): KeyResult {
  return { state, effect, action };
}

function tabUi(s: AppState): TabUi {
  return s.ui.tabs[s.ui.tab];
}

function withUi(s: AppState, patch: Partial<UiState>): AppState {
  return { ...s, ui: { ...s.ui, ...patch } };
}

function withTab(s: AppState, patch: Partial<TabUi>): AppState {
  const t = { ...tabUi(s), ...patch };
  return withUi(s, { tabs: { ...s.ui.tabs, [s.ui.tab]: t } });
}

function currentList(s: AppState): ListView | null {
  return s.model ? listFor(s.model, s.ui.tab, tabUi(s)) : null;
}

function moveTo(s: AppState, view: ListView, index: number): AppState {
  if (view.count === 0) return s;
  const i = Math.max(0, Math.min(view.count - 1, index));
  const h = listHeight(s.ui.tab, drawRows(s.size));
  const t = tabUi(s);
  const top = windowFor(view.count, i, t.top, h).top;
  return withTab(s, { cursor: rowAt(view, i)!.key, cursorIndex: i, top });
}

/**
 * After a re-sort or a change of view (`before`: the state the key was pressed in): a cursor on the
 * first row stays on the first row (the top of the new order); elsewhere it follows its row.
 */
function keepCursor(before: AppState, s: AppState): AppState {
  // the list before first: it is the one listFor holds, so neither is made twice
  const old = currentList(before);
  const v = currentList(s);
  if (!v) return s;
  const t = tabUi(before);
  const atFirst = !old || cursorIndex(old, t.cursor, t.cursorIndex) === 0;
  const i = atFirst || t.cursor === null ? undefined : v.index.get(t.cursor);
  return i === undefined ? withTab(moveTo(s, v, 0), { top: 0 }) : moveTo(s, v, i);
}

function detailLength(s: AppState): number {
  const found = s.model && s.ui.detail ? findContainer(s.model, s.ui.detail) : null;
  return found ? containerDetail(found.engine, found.container, s.ui.revealEnv).length : 0;
}

export function applyAction(s: AppState, action: ActionId, key = ''): KeyResult {
  if (action === 'open-logs') {
    const next = openLogs(s);
    return done(next, action, next.ui.tab === 'logs' && next.ui.logs.request !== s.ui.logs.request ? 'logs' : null);
  }
  if (s.ui.tab === 'logs' && !s.ui.help) {
    const next = logsAction(s, action);
    if (next) return done(next, action, action === 'follow' && next.ui.logs.follow ? 'logs' : null);
  }
  const view = currentList(s);
  const t = tabUi(s);
  const idx = view ? cursorIndex(view, t.cursor, t.cursorIndex) : 0;
  const page = listHeight(s.ui.tab, drawRows(s.size));
  switch (action) {
    case 'tab': {
      const n = Number(key) - 1;
      return done(TABS[n] ? withUi(s, { tab: TABS[n] }) : s, action);
    }
    case 'next-tab':
    case 'prev-tab': {
      const i = TABS.indexOf(s.ui.tab) + (action === 'next-tab' ? 1 : -1);
      return done(withUi(s, { tab: TABS[(i + TABS.length) % TABS.length] }), action);
    }
    case 'down':
    case 'up':
    case 'page-down':
    case 'page-up':
    case 'half-down':
    case 'half-up':
    case 'top':
    case 'bottom': {
      const step = scrollStep(action, page) ?? 0;
      if (s.ui.help) {
        const h = helpLayout(s.size.cols, bodyHeight(drawRows(s.size)), s.ui.helpTop);
        return done(withUi(s, { helpTop: Math.max(0, Math.min(h.maxTop, h.top + step)) }), action);
      }
      if (s.ui.tab === 'engines' && s.ui.detail) {
        const max = Math.max(0, detailLength(s) - (bodyHeight(drawRows(s.size)) - 1));
        return done(withUi(s, { detailTop: Math.max(0, Math.min(max, s.ui.detailTop + step)) }), action);
      }
      if (s.ui.tab === 'overview') {
        const n = s.model ? sortedWarnings(s.model, t.filter).length : 0;
        return done(n ? withTab(s, { cursorIndex: Math.max(0, Math.min(n - 1, t.cursorIndex + step)) }) : s, action);
      }
      if (!view) return done(s, action);
      return done(moveTo(s, view, step === -Infinity ? 0 : step === Infinity ? view.count - 1 : idx + step), action);
    }
    case 'next-match':
    case 'prev-match': {
      if (!view) return done(s, action);
      if (!t.filter && !t.problemsOnly) return done({ ...s, flash: { text: 'no filter: / sets one, then n and N go from match to match', tone: 'info' } }, action);
      const dir = action === 'next-match' ? 1 : -1;
      const n = view.rows.length;
      for (let k = 1; k <= n; k++) {
        const i = (idx + dir * k + n * 2) % n;
        if (view.rows[i].match) return done(moveTo(s, view, i), action);
      }
      return done({ ...s, flash: { text: 'no row matches the filter', tone: 'info' } }, action);
    }
    case 'problems-only':
      if (s.ui.tab === 'mounts') return done({ ...s, flash: { text: 'f (failed / not running only) is for Services and Engines', tone: 'info' } }, action);
      return done(withTab(s, { problemsOnly: !t.problemsOnly, cursorIndex: 0, top: 0 }), action);
    case 'go-to-warning': {
      const list = s.model ? sortedWarnings(s.model, t.filter) : [];
      const w = list[Math.min(t.cursorIndex, list.length - 1)];
      if (!w || !s.model) return done(s, action);
      const target = warningTarget(s.model, w);
      let next = withUi(s, { tab: w.tab });
      if (!target || !LIST_TABS.includes(w.tab)) return done(next, action);
      const tt = tabUi(next);
      next = withTab(next, { expanded: { ...tt.expanded, ...Object.fromEntries(target.open.map((k) => [k, true])) }, filter: '', problemsOnly: false, view: 'grouped', hostView: false, flat: false });
      const v = currentList(next);
      const i = v?.index.get(target.key);
      return done(v && i !== undefined ? moveTo(next, v, i) : next, action);
    }
    case 'toggle':
    case 'expand':
    case 'collapse': {
      const row = view ? rowAt(view, idx) : undefined;
      if (!view || !row) return done(s, action);
      if (action === 'toggle' && s.ui.tab === 'engines' && row.key.startsWith('ctr:')) {
        return done(withUi(moveTo(s, view, idx), { detail: row.key, revealEnv: false, detailTop: 0 }), action);
      }
      if (action === 'collapse' && (!row.expandable || !row.expanded)) {
        for (let i = idx - 1; i >= 0; i--) if (view.rows[i].depth < row.depth) return done(moveTo(s, view, i), action);
        return done(s, action);
      }
      if (!row.expandable) return done(s, action);
      const open = action === 'toggle' ? !row.expanded : action === 'expand';
      if (open === row.expanded) return done(s, action);
      return done(withTab(moveTo(s, view, idx), { expanded: { ...t.expanded, [row.key]: open } }), action);
    }
    case 'filter':
      return done(withUi(s, { editingFilter: true }), action);
    case 'filter-accept':
      return done(withUi(s, { editingFilter: false }), action);
    case 'filter-cancel':
      return done(withUi(withTab(s, { filter: '' }), { editingFilter: false }), action);
    case 'filter-backspace':
      return done(withTab(s, { filter: Array.from(t.filter).slice(0, -1).join('') }), action);
    case 'clear-filter':
      return done(t.filter ? withTab(s, { filter: '' }) : s, action);
    case 'toggle-view':
      return done(withTab(s, { view: t.view === 'grouped' ? 'tree' : 'grouped', cursor: null, cursorIndex: 0, top: 0 }), action);
    case 'toggle-top':
      return done(keepCursor(s, withTab(s, { flat: !t.flat })), action);
    case 'sort-next':
    case 'sort-reverse': {
      const n = SORT_COLUMNS[s.ui.tab]?.length ?? 0;
      if (n === 0) return done(s, action);
      return done(keepCursor(s, withTab(s, action === 'sort-next' ? { sort: (t.sort + 1) % n, reverse: false } : { reverse: !t.reverse })), action);
    }
    case 'toggle-host':
      return done(s.model?.hostMounts ? withTab(s, { hostView: !t.hostView, cursor: null, cursorIndex: 0, top: 0 }) : { ...s, flash: { text: "PID 1 sees the same mounts as this shell (or its table could not be read)", tone: 'info' } }, action);
    case 'toggle-all':
      return done(withTab(s, { showAll: !t.showAll }), action);
    case 'close-detail':
      return done(withUi(s, { detail: null, revealEnv: false, detailTop: 0 }), action);
    case 'reveal-env':
      return done(withUi(s, { revealEnv: !s.ui.revealEnv }), action);
    case 'help':
      return done(withUi(s, { help: true, helpTop: 0 }), action);
    case 'close-help':
      return done(withUi(s, { help: false }), action);
    case 'logs-back':
    case 'follow':
    case 'wrap':
    case 'timestamps':
      return done(s, action);
    case 'pause':
    case 'refresh':
    case 'screenshot':
    case 'quit':
      return done(s, action, action);
  }
}
