/** The row model shared by every scrolling list (services, mounts, engines). */
import { columns } from './format.js';

export type Tone = 'normal' | 'red' | 'yellow' | 'green' | 'dim' | 'cyan' | 'magenta';

export interface Column {
  title: string;
  /** Fixed width, or 0 for the one flexible column that takes the rest. */
  width: number;
  align?: 'left' | 'right';
  /** Narrow terminals: the column may shrink down to this width (default: it does not shrink). */
  min?: number;
  /** Narrow terminals: after shrinking, the column is left out (lowest `drop` first) so the names keep their room. */
  drop?: number;
  /** Wide terminals: the column takes spare width (what the flexible column does not need) up to its longest cell. */
  grow?: boolean;
}

export interface ListRow {
  key: string;
  depth: number;
  expandable: boolean;
  expanded: boolean;
  /** One string per column; the first holds the tree prefix and marker already. */
  cells: string[];
  tone: Tone;
  /** The first cell spans the whole line (info rows). */
  span?: boolean;
  /** The first cell also takes the width of this many following (empty) columns. */
  merge?: number;
  /** The row itself matches the active filter (n/N jump between these). */
  match?: boolean;
  /** Its figures by sort column, from its tree item (a flat list sorts its rows by them). */
  sort?: Record<string, number | string | null>;
  /** Its cells' widths in columns, when the row keeps them (tree-row.ts): a row of many views is measured once. */
  readonly widths?: readonly number[];
  /**
   * Room for the line a table drew it as (widgets/row-lines.ts), null until then, in rows that have
   * it (tree-row.ts): a field costs less to set than an entry of a WeakMap, for rows made by thousands.
   */
  line?: unknown;
}

/** Rows that are read a window at a time (a sorted tree: tree.ts), all of them only when asked. */
export interface RowSource {
  readonly count: number;
  slice(from: number, to: number): ListRow[];
  all(): ListRow[];
}

export interface ListView {
  title: string;
  columns: Column[];
  /** All rows (made when first read where the rows come a window at a time: a view reads `count` and `slice`). */
  readonly rows: ListRow[];
  readonly count: number;
  /** Rows [from, to), as rows.slice gives them. */
  slice(from: number, to: number): ListRow[];
  /** Row key -> index, for cursor lookups that do not scan the rows. */
  index: Map<string, number>;
  /** Shown when there are no rows. */
  empty: string;
}

export function makeView(title: string, columns: Column[], source: ListRow[] | RowSource, empty: string): ListView {
  let index: Map<string, number> | null = null;
  let all: ListRow[] | null = Array.isArray(source) ? source : null;
  const rowsOf = (): ListRow[] => (all ??= (source as RowSource).all());
  return {
    title,
    columns,
    empty,
    get rows() {
      return rowsOf();
    },
    count: Array.isArray(source) ? source.length : source.count,
    // once all rows are made (a search, an index), windows come from them
    slice: (from, to) => (all !== null ? all.slice(from, to) : (source as RowSource).slice(from, to)),
    // made when first asked for: a sort's frame finds its cursor where it was (cursorIndex)
    get index() {
      if (!index) {
        const m = new Map<string, number>();
        rowsOf().forEach((r, i) => m.set(r.key, i));
        index = m;
      }
      return index;
    },
  };
}

/** Resolves a cursor key to an index; a vanished key falls back to the nearest index. */
export function cursorIndex(view: ListView, key: string | null, lastIndex: number): number {
  if (view.count === 0) return 0;
  if (key !== null) {
    if (rowAt(view, lastIndex)?.key === key) return lastIndex;
    const i = view.index.get(key);
    if (i !== undefined) return i;
  }
  return Math.max(0, Math.min(lastIndex, view.count - 1));
}

/** The row at `i` without making all rows. */
export function rowAt(view: ListView, i: number): ListRow | undefined {
  return i >= 0 && i < view.count ? view.slice(i, i + 1)[0] : undefined;
}

const needs = new WeakMap<ListView, number[]>();

/**
 * The widest cell of each column over all rows (not only the visible ones, so widths do not jump while
 * scrolling). Every expand or filter key makes a new view of mostly the same rows: rows that keep
 * their widths (tree rows) are not measured again.
 */
export function columnNeeds(view: ListView): number[] {
  let n = needs.get(view);
  if (!n) {
    const out = view.columns.map((c) => columns(c.title));
    for (const r of view.rows) {
      if (r.span) continue;
      const ws = r.widths ?? r.cells.map(columns);
      for (let i = r.merge ? 1 : 0; i < ws.length && i < out.length; i++) if (ws[i] > out[i]) out[i] = ws[i];
    }
    n = out;
    needs.set(view, n);
  }
  return n;
}

/**
 * `view` holds the rows of `like` in another order (a sort): the same widths, not measured again.
 * A row's first cell is as wide in any order: its lead counts its depth, not its siblings.
 */
export function sameCells(view: ListView, like: ListView): void {
  const n = needs.get(like);
  if (n && view.count === like.count && view.columns.length === like.columns.length) needs.set(view, n);
}
