import type { LogLine } from '../../parsers/log-line.js';
import type { HostModel, TabId } from '../model/types.js';

export type { TabId };
export const TABS: TabId[] = ['overview', 'services', 'mounts', 'engines', 'memory', 'logs'];
export const TAB_TITLES: Record<TabId, string> = {
  overview: 'Overview',
  services: 'Services',
  mounts: 'Mounts',
  engines: 'Engines',
  memory: 'Memory',
  logs: 'Logs',
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
  /** `o`: the sort column, counted in presses (see views/present/sort.ts; 0 is the tab's own order). */
  sort: number;
  /** `O`: the sort is reversed. */
  reverse: boolean;
  /** Services: the top view (one row per cgroup, like systemd-cgtop) instead of the tree. */
  flat: boolean;
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
  logs: LogsUi;
}

/** What the Logs tab reads: `target` as `cosi logs` takes it (a unit, a container, kernel), `label` for the title. */
export interface LogTarget {
  target: string;
  label: string;
}

/** The Logs tab's own state; its lines are in AppState.logs. Positions are absolute line numbers (see LogsData.first). */
export interface LogsUi {
  target: LogTarget | null;
  /** Where `L` was pressed: Esc goes back there (that tab kept its cursor and filter). */
  back: { tab: TabId; detail: string | null } | null;
  /** Bumped by each `L`: a read whose number differs is a new read. */
  request: number;
  /** First line shown; null: the view sticks to the newest line. */
  top: number | null;
  /** The end of the lines when the user scrolled up: what arrived after it is "new below". */
  mark: number;
  /** The line of the current match (n/N). */
  match: number | null;
  follow: boolean;
  wrap: boolean;
  timestamps: boolean;
}

/** The lines of the Logs tab: a ring of at most `--log-lines` lines. */
export interface LogsData {
  /** LogsUi.request this answers. */
  request: number;
  target: LogTarget;
  state: 'loading' | 'ok' | 'error';
  lines: LogLine[];
  /** Absolute number of lines[0]: lines dropped from the ring's front raise it, so positions stay put. */
  first: number;
  /** Where the lines were read (journal, docker, system-docker, dmesg, file). */
  from: string | null;
  error: string | null;
  notes: string[];
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
  /** The Logs tab's lines (read in the probe's round trip), or null before the first `L`. */
  logs: LogsData | null;
}

export const HISTORY_CAP = 720;

/** Lines the screen draws. */
export function drawRows(size: AppState['size']): number {
  return size.rows - (size.gap ?? 0);
}
export const MIN_COLS = 80;
export const MIN_ROWS = 24;
