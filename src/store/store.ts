import { createStore, type StoreApi } from 'zustand/vanilla';
import type { HostModel } from '../model/types.js';
import { TABS, HISTORY_CAP, type AppState, type LogsUi, type TabUi, type UiState, type ConnState, type Flash, type HistoryPoint } from './types.js';

export type AppStore = StoreApi<AppState>;

export function initialTabUi(): TabUi {
  return { cursor: null, cursorIndex: 0, top: 0, expanded: {}, filter: '', view: 'grouped', showAll: false, hostView: false, problemsOnly: false, sort: 0, reverse: false, flat: false };
}

export function initialUi(): UiState {
  const tabs = Object.fromEntries(TABS.map((t) => [t, initialTabUi()])) as UiState['tabs'];
  return { tab: 'overview', help: false, helpTop: 0, editingFilter: false, tabs, detail: null, revealEnv: false, detailTop: 0, logs: initialLogsUi() };
}

export function initialLogsUi(): LogsUi {
  return { target: null, back: null, request: 0, top: null, mark: 0, match: null, follow: false, wrap: false, timestamps: true };
}

export interface StoreInit {
  model?: HostModel | null;
  now?: number;
  cols?: number;
  rows?: number;
  gap?: number;
  conn?: ConnState;
  ui?: UiState;
}

export function createAppStore(init: StoreInit = {}): AppStore {
  const now = init.now ?? 0;
  const model = init.model ?? null;
  return createStore<AppState>()(() => ({
    model,
    modelAt: model ? now : null,
    conn: init.conn ?? (model ? { state: 'static' } : { state: 'connecting' }),
    now,
    history: model ? pushHistory([], model, now) : [],
    size: { cols: init.cols ?? 80, rows: init.rows ?? 24, gap: init.gap ?? 0 },
    flash: null,
    ui: init.ui ?? initialUi(),
    logs: null,
  }));
}

/**
 * Appends one memory point, dropping the oldest beyond the cap. The first model of a
 * snapshot file brings the file's own earlier readings (its real history) along.
 */
export function pushHistory(history: HistoryPoint[], model: HostModel, t: number, cap = HISTORY_CAP): HistoryPoint[] {
  if (!model.memory) return history;
  const point = { t, usedBytes: model.memory.usedBytes, availableBytes: model.memory.availableBytes };
  const before = history.length === 0 && model.memoryHistory ? model.memoryHistory.filter((p) => p.t < t) : history;
  const kept = before.length >= cap ? before.slice(before.length - cap + 1) : before;
  return [...kept, point];
}

// Writers. Only the refresh scheduler and key actions call these.

export function setModel(store: AppStore, model: HostModel, now: number): void {
  store.setState((s) => ({ model, modelAt: now, now, history: pushHistory(s.history, model, now), conn: { state: 'live' } }));
}

export function setConn(store: AppStore, conn: ConnState): void {
  store.setState({ conn });
}

export function setNow(store: AppStore, now: number): void {
  store.setState({ now });
}

export function setSize(store: AppStore, cols: number, rows: number, gap = 0): void {
  store.setState({ size: { cols, rows, gap } });
}

export function setFlash(store: AppStore, flash: Flash | null): void {
  store.setState({ flash });
}
