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

/** ranked's comparison on numeric keys times `dir` (keysAfter's order): NaN (missing) last, ties by position. */
function keysCompared(keys: Float64Array, dir = 1): (a: number, b: number) => number {
  return (a, b) => (a === b ? 0 : keysAfter(dir * keys[a], a, dir * keys[b], b) ? 1 : -1);
}

/** Past this share of the list, a prefix is found by sorting all of it (the heap gains nothing). */
const WHOLE = 8;
/**
 * The smallest prefix ranked at a time: a first window of a 30-row terminal. A bigger window ranks
 * as far as it reads, and scrolling past the prefix ranks twice as far (the heap's work grows with
 * it: 64 took half as long again as 32 on 1,000 containers).
 */
const FIRST = 32;

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
  const pick = (m: number): number[] => (m * WHOLE >= rest.length ? rest.slice().sort(cmp) : best(rest, m, cmp, keys ?? undefined));
  return rankedFrom(list, front, rest.length, pick, byName ? (spec.desc ? rest.reverse() : rest) : null);
}

/**
 * `list` by a column of its figures (`column[i]`: thing i's, NaN when missing): ranked's order for a
 * numeric column, the first `front` things (without figures) kept in front, with no figure read
 * through the things. A presenter that keeps its figures in columns (figure-columns.ts) makes a
 * press rank a contiguous array, in one pass: no copy of it, no list of positions.
 */
export function rankedByColumn<T>(list: ArrayLike<T>, column: Float64Array, desc: boolean, front = 0): Ranked<T> {
  const n = list.length;
  const dir = desc ? -1 : 1;
  const cmp = keysCompared(column, dir);
  const pick = (m: number): number[] => (m * WHOLE >= n - front ? Array.from({ length: n - front }, (_, i) => i + front).sort(cmp) : bestByKeys(null, front, n, m, column, dir));
  return rankedFrom(list, Array.from({ length: front }, (_, i) => i), n - front, pick, null);
}

/**
 * The ranking of `count` things of `list` behind `front` (positions kept in their order), made as
 * far as read: `pick(m)` gives the positions of the first m in order; `whole`: all of them, when known.
 */
function rankedFrom<T>(list: ArrayLike<T>, front: readonly number[], count: number, pick: (m: number) => number[], whole: number[] | null): Ranked<T> {
  let order: number[] = whole ?? [];
  const rank = (need: number): void => {
    order = pick(Math.min(count, Math.max(need, order.length * 2, FIRST)));
  };
  return {
    length: list.length,
    at: (i) => {
      if (i < front.length) return list[front[i]];
      const r = i - front.length;
      if (r >= order.length) rank(r + 1);
      return list[order[r]];
    },
    all: () => {
      if (order.length < count) rank(count);
      return [...front.map((i) => list[i]), ...order.map((i) => list[i])];
    },
  };
}

/**
 * The `m` least of `items` by `cmp`, in order: a heap of the m least so far, its greatest on top.
 * `keys` (numbers by item: cmp's order is theirs, missing as NaN last, ties by item) are compared
 * in place, without a call of `cmp` for each of the thousands of comparisons.
 */
export function best(items: ArrayLike<number>, m: number, cmp: (a: number, b: number) => number, keys?: Float64Array): number[] {
  if (keys !== undefined) return bestByKeys(items, 0, items.length, m, keys, 1);
  const heap: number[] = [];
  if (m <= 0) return heap;
  const after = (a: number, b: number): boolean => cmp(a, b) > 0;
  for (let k = 0; k < items.length; k++) {
    const x = items[k];
    if (heap.length < m) up(heap, x, after);
    else if (after(heap[0], x)) down(heap, x, after);
  }
  return heap.sort(cmp);
}

/**
 * best() on numeric keys times `dir`, of `items[from..n)` (items null: the positions from..n): most
 * things are turned away by one comparison with the heap's greatest key. The heap holds each
 * thing's key beside it, and its comparisons are inline: a press on 1,000 containers ranks in one
 * pass with no call per comparison (keysAfter), and its m come out in order by emptying the heap.
 */
function bestByKeys(items: ArrayLike<number> | null, from: number, n: number, m: number, keys: Float64Array, dir: number): number[] {
  const size = Math.max(0, Math.min(m, n - from));
  const heap = new KeyHeap(size);
  let k = from;
  for (; k < n && heap.size < size; k++) {
    const x = items === null ? k : items[k];
    heap.add(x, dir * keys[x]);
  }
  if (items === null) {
    // positions in their order: one that ties with the heap's greatest comes after it, and a missing
    // key (NaN) never comes before it; a number comes before a missing greatest (v >= NaN is false)
    let top = heap.keys[0];
    for (; k < n; k++) {
      const v = dir * keys[k];
      if (v !== v || v >= top) continue;
      heap.replaceTop(k, v);
      top = heap.keys[0];
    }
  } else {
    for (; k < n; k++) {
      const x = items[k];
      const v = dir * keys[x];
      const top = heap.keys[0];
      // most are after the greatest by their key alone (greater, or missing when it is not)
      if (v > top || (v !== v && top === top) || !keysAfter(top, heap.things[0], v, x)) continue;
      heap.replaceTop(x, v);
    }
  }
  return heap.drain();
}

/** Whether thing `a` with key `x` sorts after thing `b` with key `y`: missing (NaN) last, ties by position. */
function keysAfter(x: number, a: number, y: number, b: number): boolean {
  if (x > y) return true;
  if (x < y) return false;
  if (x === y) return a > b;
  const xMissing = x !== x;
  return xMissing === (y !== y) ? a > b : xMissing;
}

/** A heap's room, shared (a ranking runs to its end without a call out): grown as needed, never shrunk. */
let heapThings = new Int32Array(64);
let heapKeys = new Float64Array(64);

/** A heap of things (positions) and their keys, side by side, the one that sorts last on top. */
class KeyHeap {
  readonly things: Int32Array;
  readonly keys: Float64Array;
  size = 0;

  constructor(capacity: number) {
    // typed arrays made per press cost more than the ranking of a list's first window
    if (heapThings.length < capacity) {
      heapThings = new Int32Array(capacity);
      heapKeys = new Float64Array(capacity);
    }
    this.things = heapThings;
    this.keys = heapKeys;
  }

  add(x: number, v: number): void {
    const { things, keys } = this;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!keysAfter(v, x, keys[p], things[p])) break;
      things[i] = things[p];
      keys[i] = keys[p];
      i = p;
    }
    things[i] = x;
    keys[i] = v;
  }

  /** Puts `x` in place of the one on top. */
  replaceTop(x: number, v: number): void {
    const { things, keys, size } = this;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) break;
      const r = l + 1;
      const c = r < size && keysAfter(keys[r], things[r], keys[l], things[l]) ? r : l;
      if (!keysAfter(keys[c], things[c], v, x)) break;
      things[i] = things[c];
      keys[i] = keys[c];
      i = c;
    }
    things[i] = x;
    keys[i] = v;
  }

  /** The things in order, the heap emptied: the one on top goes last, then the next, ... */
  drain(): number[] {
    const out = new Array<number>(this.size);
    while (this.size > 0) {
      const last = --this.size;
      out[last] = this.things[0];
      if (last > 0) this.replaceTop(this.things[last], this.keys[last]);
    }
    return out;
  }
}

/** Adds `x` to a heap whose greatest (by `after`) is on top. */
function up(heap: number[], x: number, after: (a: number, b: number) => boolean): void {
  let i = heap.length;
  heap.push(x);
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (!after(x, heap[p])) break;
    heap[i] = heap[p];
    i = p;
  }
  heap[i] = x;
}

/** Puts `x` in place of the heap's greatest. */
function down(heap: number[], x: number, after: (a: number, b: number) => boolean): void {
  const len = heap.length;
  let i = 0;
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
}
