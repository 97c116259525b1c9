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

/** The figures of the first `count` things as an ordinary array (missing: null), once a column turns out to hold words. */
function wordsFrom(keys: Float64Array, count: number, dir: number): SortValue[] {
  const values: SortValue[] = [];
  for (let i = 0; i < count; i++) values.push(Number.isNaN(keys[i]) ? null : dir * keys[i]);
  return values;
}

/** ranked's comparison on numeric keys (keyAfter's order): NaN (missing) last, ties by position. */
function keysCompared(keys: Float64Array): (a: number, b: number) => number {
  return (a, b) => (a === b ? 0 : keyAfter(keys, a, b) ? 1 : -1);
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
export function ranked<T>(list: ArrayLike<T>, spec: SortSpec, figure: (x: T) => SortValue | undefined): Ranked<T> {
  const n = list.length;
  const byName = spec.id === 'name';
  // the figures in an array beside the positions: no object per thing. Numbers (the usual column)
  // in a Float64Array (unboxed, outside the collected heap: a press allocates little there), kept
  // as `dir` times the figure (ascending keys in both directions), missing as NaN
  const front: number[] = [];
  const rest: number[] = [];
  let nums: Float64Array | null = new Float64Array(n);
  let values: SortValue[] | null = null;
  const dir = spec.desc ? -1 : 1;
  for (let i = 0; i < n; i++) {
    const v = figure(list[i]);
    if (v === undefined) front.push(i);
    else rest.push(i);
    if (nums !== null) {
      if (typeof v === 'number') nums[i] = dir * v;
      else if (v === null || v === undefined) nums[i] = Number.NaN;
      else {
        values = wordsFrom(nums, i, dir);
        nums = null;
      }
    }
    if (values !== null && v !== undefined) values[i] = v === null || Number.isNaN(v) ? null : v;
  }
  const keys = nums;
  const cmp =
    keys !== null
      ? keysCompared(keys)
      : (a: number, b: number): number => {
          const x = values![a];
          const y = values![b];
          if (x === null || y === null) return x === y ? a - b : x === null ? 1 : -1;
          return compareValues(x, y) * dir || a - b;
        };
  let order: number[] = byName ? (spec.desc ? rest.reverse() : rest) : [];
  const rank = (need: number): void => {
    const m = Math.min(rest.length, Math.max(need, order.length * 2, FIRST));
    order = m * WHOLE >= rest.length ? rest.slice().sort(cmp) : best(rest, m, cmp, keys ?? undefined);
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

/** Whether item `a` sorts after item `b` by numeric keys (missing, NaN, last; ties by position). */
function keyAfter(keys: Float64Array, a: number, b: number): boolean {
  const x = keys[a];
  const y = keys[b];
  if (x > y) return true;
  if (x < y) return false;
  if (x === y) return a > b;
  const xMissing = x !== x;
  return xMissing === (y !== y) ? a > b : xMissing;
}

/**
 * The `m` least of `items` by `cmp`, in order: a heap of the m least so far, its greatest on top.
 * `keys` (numbers by item: cmp's order is theirs, missing as NaN last, ties by item) are compared
 * in place, without a call of `cmp` for each of the thousands of comparisons.
 */
export function best(items: readonly number[], m: number, cmp: (a: number, b: number) => number, keys?: Float64Array): number[] {
  const heap: number[] = [];
  if (m <= 0) return heap;
  const after = (a: number, b: number): boolean => (keys !== undefined ? keyAfter(keys, a, b) : cmp(a, b) > 0);
  const down = (i: number): void => {
    const len = heap.length;
    const x = heap[i];
    for (;;) {
      const l = 2 * i + 1;
      if (l >= len) break;
      const r = l + 1;
      const c = r < len && after(heap[r], heap[l]) ? r : l;
      if (!after(heap[c], x)) break;
      heap[i] = heap[c];
      i = c;
    }
    heap[i] = x;
  };
  for (let k = 0; k < items.length; k++) {
    const x = items[k];
    if (heap.length < m) {
      // up
      let i = heap.length;
      heap.push(x);
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!after(x, heap[p])) break;
        heap[i] = heap[p];
        i = p;
      }
      heap[i] = x;
    } else if (after(heap[0], x)) {
      heap[0] = x;
      down(0);
    }
  }
  return heap.sort(cmp);
}
