import type { HostModel, TabId } from '../model/types.js';

export type { TabId };
export const TABS: TabId[] = ['overview', 'services', 'mounts', 'engines', 'memory'];
export const TAB_TITLES: Record<TabId, string> = {
  overview: 'Overview',
  services: 'Services',
  mounts: 'Mounts',
  engines: 'Engines',
  memory: 'Memory',
};

/** Connection as the header shows it. Times are ms since the epoch, from the store clock. */
export type ConnState =
  | { state: 'connecting' }
  | { state: 'live' }
  | { state: 'paused' }
  | { state: 'stale'; message: string; nextRetryAt: number | null; failures: number }
  | { state: 'error'; message: string; nextRetryAt: number | null; failures: number }
  | { state: 'static' };

/** UI state of one tab. The cursor is an item KEY so it stays on the same item when the model changes. */
export interface TabUi {
  cursor: string | null;
  /** Last index of the cursor, used when its item disappears. */
  cursorIndex: number;
  /** First visible row (virtual scrolling). */
  top: number;
  /** Explicit expand/collapse overrides by row key (rows have a default). */
  expanded: Record<string, boolean>;
  filter: string;
  /** Mounts: grouped (default) or tree. */
  view: 'grouped' | 'tree';
  /** Mounts: show pseudo filesystems. */
  showAll: boolean;
  /** Mounts: show PID 1's mount table (the host's, seen from a console container) instead of ours. */
  hostView: boolean;
  /** `f`: only what failed or is not running (and what leads to it). */
  problemsOnly: boolean;
}

export interface UiState {
  tab: TabId;
  help: boolean;
  /** First line of the `?` overlay shown (it scrolls). */
  helpTop: number;
  /** The `/` prompt is open: typed keys go to the current tab's filter. */
  editingFilter: boolean;
  tabs: Record<TabId, TabUi>;
  /** Engines tab: key of the container whose detail view is open. */
  detail: string | null;
  /** Engines detail: environment values are shown. */
  revealEnv: boolean;
  /** Engines detail: first visible line. */
  detailTop: number;
}

export interface HistoryPoint {
  t: number;
  usedBytes: number;
  availableBytes: number;
}

export interface Flash {
  text: string;
  tone: 'info' | 'error';
}

export interface AppState {
  model: HostModel | null;
  /** When the current model was received (store clock, ms). */
  modelAt: number | null;
  conn: ConnState;
  /** The store clock (ms since the epoch); views never read the real clock. */
  now: number;
  /** Memory used/available per tick, oldest first, bounded by HISTORY_CAP. */
  history: HistoryPoint[];
  /** Terminal size; `gap` lines at the bottom stay unused (the live TUI keeps one so Ink never scrolls). */
  size: { cols: number; rows: number; gap?: number };
  flash: Flash | null;
  ui: UiState;
}

export const HISTORY_CAP = 720;

/** Lines the screen draws. */
export function drawRows(size: AppState['size']): number {
  return size.rows - (size.gap ?? 0);
}
export const MIN_COLS = 80;
export const MIN_ROWS = 24;
