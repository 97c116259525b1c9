/**
 * The rows of a flat list (every root a leaf: the Services top view), made a window at a time,
 * pure. Unfiltered, row i of the list's order is item i at depth 0, and a sort's window is ranked
 * from the items (tree-window.ts): a frame makes the rows it shows, not a row for each of a big
 * host's 3,000 cgroups every tick (whose garbage the next keypress paid for in collections).
 */
import type { ListRow, RowSource } from './list.js';
import { sortVariant, type SortSpec } from './sort.js';
import type { TreeItem } from './tree-item.js';
import { branchOf } from './tree-lead.js';
import { rowFor } from './tree-row.js';
import { leafSizes, SortedWindow, type NaturalRows } from './tree-window.js';

interface Leaves {
  /** Whether every item is a leaf, known without making any item's children. */
  flat: boolean;
  keep: readonly number[] | null;
  drawRoots: boolean;
  /** The sources made, per order (sort.ts sortVariant). */
  sources: Map<string, RowSource>;
}
const byRoots = new WeakMap<readonly TreeItem[], Leaves>();

/**
 * The unfiltered rows of `roots` in the order of `sort` (none: theirs), read a window at a time,
 * when every root is a leaf; else null (tree.ts flattens the tree). `all` makes all of them in
 * that order, as tree.ts does (a search, the cursor's row found by key).
 */
export function leafRows(roots: readonly TreeItem[], drawRoots: boolean, sort: SortSpec | null, keep: readonly number[] | null, all: () => ListRow[]): RowSource | null {
  let leaves = byRoots.get(roots);
  if (!leaves || leaves.keep !== keep || leaves.drawRoots !== drawRoots) {
    const flat = leaves?.flat ?? roots.every((it) => it.hasChildren === false);
    byRoots.set(roots, (leaves = { flat, keep, drawRoots, sources: new Map() }));
  }
  if (!leaves.flat) return null;
  const variant = sortVariant(sort);
  let source = leaves.sources.get(variant);
  if (!source) {
    const n = roots.length;
    const base: NaturalRows = {
      length: n,
      item: (i) => roots[i],
      figures: (i) => roots[i].sort,
      draw: (i, lead, branch) => rowFor(roots[i], 0, lead, branch, false, false, false, keep),
    };
    if (!sort || sort.natural) source = { count: n, slice: (a, b) => naturalSlice(base, drawRoots, a, b), all };
    else {
      const w = new SortedWindow(roots, base, leafSizes(n), true, sort, drawRoots);
      source = { count: n, slice: (a, b) => w.slice(a, b), all };
    }
    leaves.sources.set(variant, source);
  }
  return source;
}

/** Rows [a, b) of a flat list in its own order. */
function naturalSlice(base: NaturalRows, drawRoots: boolean, a: number, b: number): ListRow[] {
  const out: ListRow[] = [];
  for (let i = Math.max(0, a); i < Math.min(b, base.length); i++) out.push(base.draw(i, '', branchOf(0, i, base.length, drawRoots)));
  return out;
}
