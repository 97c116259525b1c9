/**
 * A list in a sort's order, sorted only as far as it is read, pure. A window of a sorted list reads
 * its first offset+height things: those are found with a bounded heap (the best k of n in n·log k
 * comparisons, most of them one comparison with the heap's worst) and only they are sorted. A press
 * of `o` on a big host's 3,000 cgroups then ranks ~30 of them, not all. The order is the full sort's:
 * the comparison is a total order (ties by the incoming position).
 */
import type { SortSpec, SortValue } from './sort-spec.js';

export interface Ranked<T> {
  readonly length: number;
  /** The thing at rank `i` (0 <= i < length). */
  at(i: number): T;
  /** All of them in order (sorts what is not sorted yet). */
  all(): T[];
}

/** -1, 0 or 1 (not a difference: a comparator that returns whole numbers makes no heap numbers). */
function compareValues(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Past this share of the list, a prefix is found by sorting all of it (the heap gains nothing). */
const WHOLE = 8;
/** The smallest prefix ranked at a time (a first window and some scrolling). */
const FIRST = 64;

/**
 * `list` (in name order) by `figure`, each thing's figure in the spec's column: missing figures
 * (null, NaN) last in both directions, ties in name order; things without figures at all
 * (undefined: rows without figures) keep their order in front. The `name` column is the incoming
 * order (descending reverses it).
 */
export function ranked<T>(list: readonly T[], spec: SortSpec, figure: (x: T) => SortValue | undefined): Ranked<T> {
  const n = list.length;
  const byName = spec.id === 'name';
  // the figures in an array beside the positions: no object per thing
  const front: number[] = [];
  const rest: number[] = [];
  const values: SortValue[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const v = figure(list[i]);
    if (v === undefined) {
      front.push(i);
      continue;
    }
    rest.push(i);
    values[i] = v === null || Number.isNaN(v) ? null : v;
  }
  const dir = spec.desc ? -1 : 1;
  const cmp = (a: number, b: number): number => {
    const x = values[a];
    const y = values[b];
    if (x === null || y === null) return x === y ? a - b : x === null ? 1 : -1;
    return compareValues(x, y) * dir || a - b;
  };
  let order: number[] = byName ? (spec.desc ? rest.reverse() : rest) : [];
  const rank = (need: number): void => {
    const m = Math.min(rest.length, Math.max(need, order.length * 2, FIRST));
    order = m * WHOLE >= rest.length ? rest.slice().sort(cmp) : best(rest, m, cmp);
  };
  const at = (i: number): T => {
    if (i < front.length) return list[front[i]];
    const r = i - front.length;
    if (r >= order.length) rank(r + 1);
    return list[order[r]];
  };
  return {
    length: n,
    at,
    all: () => {
      if (order.length < rest.length) rank(rest.length);
      return [...front.map((i) => list[i]), ...order.map((i) => list[i])];
    },
  };
}

/** The `m` least of `items` by `cmp`, in order: a heap of the m least so far, its greatest on top. */
export function best(items: readonly number[], m: number, cmp: (a: number, b: number) => number): number[] {
  const heap: number[] = [];
  if (m <= 0) return heap;
  const down = (i: number): void => {
    const len = heap.length;
    const x = heap[i];
    for (;;) {
      const l = 2 * i + 1;
      if (l >= len) break;
      const r = l + 1;
      const c = r < len && cmp(heap[r], heap[l]) > 0 ? r : l;
      if (cmp(heap[c], x) <= 0) break;
      heap[i] = heap[c];
      i = c;
    }
    heap[i] = x;
  };
  for (const x of items) {
    if (heap.length < m) {
      // up
      let i = heap.length;
      heap.push(x);
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (cmp(heap[p], x) >= 0) break;
        heap[i] = heap[p];
        i = p;
      }
      heap[i] = x;
    } else if (cmp(x, heap[0]) < 0) {
      heap[0] = x;
      down(0);
    }
  }
  return heap.sort(cmp);
}
