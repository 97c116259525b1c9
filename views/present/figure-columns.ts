/**
 * A list of tree items' figures by sort column, one Float64Array per column (missing: NaN), made by
 * the presenter with the list, while its items' figures are fresh. A press of `o` then ranks a
 * contiguous array (top-k.ts rankedByColumn) instead of reaching each of thousands of rows'
 * figures, spread over the heap since the tick made them (the top view's 3,000 cgroups, an
 * engine's 1,000 containers).
 */
import type { TreeItem } from './tree-item.js';

/** A list's figure columns, and how many of its first items have no figures (info rows, kept in front). */
interface FigureColumns {
  front: number;
  columns: Readonly<Record<string, Float64Array>>;
}

const columnsByList = new WeakMap<readonly TreeItem[], FigureColumns>();

/**
 * Keeps the columns of `items` (each `items.length` long, NaN where a figure is missing): they must
 * hold the items' own figures (TreeItem.sort), so that a window ranked from them is the order sort.ts
 * gives (tree-window tests); the first `front` items have no figures. Columns of another length
 * are not kept: the list is then ranked from its items' figures.
 */
export function keepFigureColumns(items: readonly TreeItem[], columns: Readonly<Record<string, Float64Array>>, front = 0): void {
  if (Object.values(columns).every((column) => column.length === items.length)) columnsByList.set(items, { front, columns });
}

/** Columns of `n` figures, all missing until written. */
export function emptyColumns<K extends string>(ids: readonly K[], n: number): Record<K, Float64Array> {
  const out = {} as Record<K, Float64Array>;
  for (const id of ids) out[id] = new Float64Array(n).fill(Number.NaN);
  return out;
}

/** The column `id` of a list's figures and its items without figures in front, when its presenter kept it. */
export function figureColumn(items: readonly TreeItem[], id: string): { column: Float64Array; front: number } | undefined {
  const kept = columnsByList.get(items);
  const column = kept && Object.hasOwn(kept.columns, id) ? kept.columns[id] : undefined;
  return kept && column ? { column, front: kept.front } : undefined;
}
