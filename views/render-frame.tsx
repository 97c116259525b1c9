import { renderToString } from 'ink';
import chalk from 'chalk';
import type { HostModel } from '../src/model/types.js';
import { applyKey } from './key-reducer.js';
import { createAppStore, initialUi } from '../src/store/store.js';
import type { AppState, ConnState, HistoryPoint, TabId, UiState } from '../src/store/types.js';
import { Screen } from './App.js';

export interface FrameUi extends Partial<UiState> {
  tab: TabId;
  cols: number;
  rows: number;
  /** Key names applied in order through the same reducer as the live TUI. */
  keys?: string[];
  /** Store clock (ms); defaults to the model's takenAt. */
  now?: number;
  conn?: ConnState;
  history?: HistoryPoint[];
}

/** Builds the store state a frame is rendered from (exported for tests). */
export function frameState(model: HostModel, ui: FrameUi): AppState {
  const now = ui.now ?? (Date.parse(model.takenAt) || 0);
  const { tab, cols, rows, keys, now: _n, conn, history, ...rest } = ui;
  const base = initialUi();
  const store = createAppStore({ model, now, cols, rows, conn: conn ?? { state: 'static' }, ui: { ...base, ...rest, tab, tabs: { ...base.tabs, ...(rest.tabs ?? {}) } } });
  let s = store.getState();
  if (history) s = { ...s, history };
  for (const k of keys ?? []) s = applyKey(s, k).state;
  return s;
}

/** Renders one full frame as a string with the same components as the live TUI. */
export function renderState(s: AppState, opts: { color: boolean }): string {
  const level = chalk.level;
  chalk.level = opts.color ? 3 : 0;
  try {
    const out = renderToString(<Screen s={s} />, { columns: s.size.cols });
    return out;
  } finally {
    chalk.level = level;
  }
}

export function renderFrame(model: HostModel, ui: FrameUi, opts: { color: boolean } = { color: false }): string {
  return renderState(frameState(model, ui), opts);
}
