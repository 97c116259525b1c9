/**
 * The rows of a sorted tree, a window at a time, from its natural flattening (tree.ts), pure.
 * Which rows a tree shows (expansion, filter) does not depend on their order, nor does the number
 * of rows under each: a window of the sorted tree is found by walking down from the roots, sorting
 * only the siblings on the way (once per list and order, and only as far as read: top-k.ts), and
 * skipping whole subtrees by their size.
 * A press of `o` on a big host then sorts a few lists, not the thousands of rows below the window.
 */
import { figureColumn } from './figure-columns.js';
import { rankFigured, type SortSpec } from './sort.js';
import { rankedByColumn, type Ranked } from './top-k.js';
import type { TreeItem } from './tree-item.js';
import { branchOf, childLead, leadText, type Lead } from './tree-lead.js';
import type { TreeRow } from './tree-row.js';

/**
 * The natural order's flattening as a sorted window reads it: its rows' items, and row `i` drawn
 * with a lead and branch (made, or taken again). A flat list's rows need not all be made for it.
 */
export interface NaturalRows {
  readonly length: number;
  item(i: number): TreeItem;
  /** Row i's figures (its item's: TreeItem.sort). */
  figures(i: number): TreeItem['sort'];
  draw(i: number, lead: string, branch: string): TreeRow;
}

/**
 * The number of rows each row's subtree has (itself included) in a preorder flattening, counted as
 * its rows come (a row's subtree ends where a row no deeper than it comes): the flattening's walk
 * adds its rows as it makes them, so a sort finds the sizes made (tree.ts); subtreeSizes counts
 * them from the depths alone.
 */
export class SubtreeSizes {
  private readonly sizes: number[] = [];
  /** The rows whose subtrees are still open, and their depths (a leaf never goes on the stack). */
  private readonly open: number[] = [];
  private readonly openDepths: number[] = [];

  /** The next row, at `depth`; `parent`: rows deeper than it may follow. */
  add(depth: number, parent: boolean): void {
    const i = this.sizes.length;
    const { open, openDepths, sizes } = this;
    while (open.length > 0 && openDepths[openDepths.length - 1] >= depth) {
      openDepths.pop();
      const t = open.pop()!;
      sizes[t] = i - t;
    }
    sizes.push(1);
    if (parent) {
      open.push(i);
      openDepths.push(depth);
    }
  }

  /** The sizes of the rows added (the subtrees still open end with the last row). */
  done(): number[] {
    const n = this.sizes.length;
    for (const t of this.open) this.sizes[t] = n - t;
    this.open.length = 0;
    this.openDepths.length = 0;
    return this.sizes;
  }
}

/** SubtreeSizes of a flattening from its rows' depths (one row opened or closed since its walk). */
export function subtreeSizes(depths: ArrayLike<number>): number[] {
  const n = depths.length;
  const sizes = new SubtreeSizes();
  for (let i = 0; i < n; i++) sizes.add(depths[i], i + 1 < n && depths[i + 1] > depths[i]);
  return sizes.done();
}

/** 0, 1, 2, ...: shared, read only, grown as needed. */
let ascending = new Int32Array(0);

/** The positions from..to-1 (a view of one shared array: no list made per press). */
function positions(from: number, to: number): Int32Array {
  if (ascending.length < to) {
    ascending = new Int32Array(Math.max(to, ascending.length * 2));
    for (let i = 0; i < ascending.length; i++) ascending[i] = i;
  }
  return ascending.subarray(from, to);
}

/** 1, 1, 1, ...: shared, read only, grown as needed. */
let ones = new Int32Array(0);

/** The subtree sizes of `n` rows that are all leaves. */
export function leafSizes(n: number): Int32Array {
  if (ones.length < n) ones = new Int32Array(Math.max(n, ones.length * 2)).fill(1);
  return ones.subarray(0, n);
}

interface Level {
  /** Siblings (indexes into the natural rows) in the sort's order, ranked as far as read. */
  list: Ranked<number>;
  k: number;
  depth: number;
  /** The lead its rows are drawn with. */
  lead: Lead | null;
}

export class SortedWindow {
  private readonly lists = new Map<number, Ranked<number>>();

  constructor(
    /** The items the natural flattening started from, in its order. */
    private readonly roots: readonly TreeItem[],
    private readonly base: NaturalRows,
    private readonly sizes: ArrayLike<number>,
    /** No row has children (a flat list): every size is 1. */
    private readonly leaves: boolean,
    private readonly sort: SortSpec,
    private readonly drawRoots: boolean,
  ) {}

  get count(): number {
    return this.base.length;
  }

  /** The visible children of natural row `p` (-1: the roots), sorted as far as a window reads them. */
  private children(p: number): Ranked<number> {
    let list = this.lists.get(p);
    if (!list) {
      // counted first: a list of the exact length, outside the collected heap (a flat list's thousands)
      const end = p < 0 ? this.base.length : p + this.sizes[p];
      let count = 0;
      if (this.leaves) count = end - p - 1;
      else for (let i = p + 1; i < end; i += this.sizes[i]) count++;
      // rows that are all leaves follow each other: their positions are a range
      let natural: Int32Array;
      if (count === end - p - 1) natural = positions(p + 1, end);
      else {
        natural = new Int32Array(count);
        for (let i = p + 1, k = 0; i < end; i += this.sizes[i]) natural[k++] = i;
      }
      // all its items shown (a filter hides none): their figure columns are the rows', when kept
      const items = p < 0 ? this.roots : this.base.item(p).children();
      const kept = count === items.length ? figureColumn(items, this.sort.id) : undefined;
      list = kept ? rankedByColumn(natural, kept.column, this.sort.desc, kept.front) : rankFigured(natural, this.sort, (i) => this.base.figures(i));
      this.lists.set(p, list);
    }
    return list;
  }

  /** Rows [a, b) of the sorted tree. */
  slice(a: number, b: number): TreeRow[] {
    const from = Math.max(0, a);
    const to = Math.min(b, this.count);
    const out: TreeRow[] = [];
    if (from >= to) return out;
    // walk down to row `from`, keeping the levels on the way to walk on from there
    const levels: Level[] = [];
    let level: Level = { list: this.children(-1), k: 0, depth: 0, lead: null };
    for (let pos = 0; ; ) {
      while (pos + this.sizes[level.list.at(level.k)] <= from) pos += this.sizes[level.list.at(level.k++)];
      levels.push(level);
      if (pos === from) break;
      const p = level.list.at(level.k);
      level = { list: this.children(p), k: 0, depth: level.depth + 1, lead: this.leadUnder(level) };
      pos++;
    }
    while (out.length < to - from) {
      const at = levels[levels.length - 1];
      const i = at.list.at(at.k);
      out.push(this.base.draw(i, leadText(at.lead, at.depth), branchOf(at.depth, at.k, at.list.length, this.drawRoots)));
      if (this.sizes[i] > 1) {
        levels.push({ list: this.children(i), k: 0, depth: at.depth + 1, lead: this.leadUnder(at) });
        continue;
      }
      // on to the next sibling, or to a parent's next sibling
      while (levels.length > 0 && ++levels[levels.length - 1].k >= levels[levels.length - 1].list.length) levels.pop();
      if (levels.length === 0) break;
    }
    return out;
  }

  /** The lead of the children of the row a level is at. */
  private leadUnder(l: Level): Lead | null {
    return childLead(l.depth, branchOf(l.depth, l.k, l.list.length, this.drawRoots), l.lead, this.drawRoots);
  }
}
