/** A tree's items as the presenters make them (tree.ts flattens them), and what they are made with. */
import type { Tone } from './list.js';

/** One node of a tree as a presenter describes it; children are computed only when needed. */
export interface TreeItem {
  key: string;
  /** The label (first column), without prefix or marker. */
  label: string;
  /** The other columns. */
  cells: string[];
  tone: Tone;
  /** Lower-case text the filter matches against. */
  text: string;
  defaultExpanded: boolean;
  children: () => TreeItem[];
  /** Whether children() gives any, when known without making them (a closed row's children are then never made). */
  hasChildren?: boolean;
  /** The label spans the whole line (info rows). */
  span?: boolean;
  merge?: number;
  /** Failed or not running: kept by the `f` quick filter. */
  problem?: boolean;
  /** Its figures by sort column (see sort.ts); items without them keep their place when siblings are sorted. */
  sort?: Record<string, number | string | null>;
  /**
   * The last row a flattening made for it (tree.ts rowFor): a flattening whose row for it would be the
   * same (another order, another row opened) takes that row again. Kept on the item: a map of a big
   * host's thousands of items, made again each tick, cost more per entry than the row. (A TreeRow:
   * typed here as unknown, so that the items' module does not import the rows'.)
   */
  lastRow?: unknown;
}

/** The children of a leaf: one empty list for all of them (flattening asks every row for its children). */
const NONE: TreeItem[] = [];
export const noChildren = (): TreeItem[] => NONE;

/** A children() that computes once: flattening asks every item, on every expand and filter key. */
export function once<T>(make: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = make();
      done = true;
    }
    return value;
  };
}

/** Root items built once per model and variant, so a keypress re-flattens instead of rebuilding them. */
export function cachedRoots<K extends object>(cache: WeakMap<K, Map<string, TreeItem[]>>, owner: K, variant: string, make: () => TreeItem[]): TreeItem[] {
  let byVariant = cache.get(owner);
  if (!byVariant) {
    byVariant = new Map();
    cache.set(owner, byVariant);
  }
  let roots = byVariant.get(variant);
  if (!roots) {
    roots = make();
    byVariant.set(variant, roots);
  }
  return roots;
}
