/**
 * A sorted list ranked only as far as it is read (views/present/top-k.ts): every window, read first
 * on a list not ranked yet and in any order of reads, holds what the whole sort holds there, ties
 * in the incoming order (a stable sort's), missing figures last, rows without figures in front.
 */
import { describe, expect, it } from 'vitest';
import type { SortSpec, SortValue } from '../../../views/present/sort.js';
import { best, ranked, rankedByColumn } from '../../../views/present/top-k.js';

interface Thing {
  id: number;
  figs?: Record<string, SortValue>;
}

/** A seeded list with many ties (a few distinct figures), missing and NaN figures, words, and things without figures. */
function things(n: number, seed: number, pinnedShare = 0): Thing[] {
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: n }, (_, id) => {
    if (next() < pinnedShare) return { id };
    const r = next();
    const cpu = r < 0.1 ? null : r < 0.15 ? Number.NaN : r < 0.45 ? 0 : Math.floor(next() * 6) / 2;
    return { id, figs: { cpu, state: ['running', 'exited', 'paused'][Math.floor(next() * 3)], memory: Math.floor(next() * 1e6) } };
  });
}

/** The reference: a whole stable sort (Array.prototype.sort is stable), the missing last, the pinned in front. */
function reference(list: Thing[], spec: SortSpec): Thing[] {
  const pinned = list.filter((t) => !t.figs);
  const rest = list.filter((t) => !!t.figs);
  if (spec.id === 'name') return [...pinned, ...(spec.desc ? [...rest].reverse() : rest)];
  const v = (t: Thing) => {
    const x = t.figs![spec.id] ?? null;
    return x === null || Number.isNaN(x) ? null : x;
  };
  const sorted = [...rest].sort((a, b) => {
    const x = v(a);
    const y = v(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const c = x < y ? -1 : x > y ? 1 : 0;
    return spec.desc ? -c : c;
  });
  return [...pinned, ...sorted];
}

const rankOf = (list: Thing[], spec: SortSpec) => ranked(list, spec, (t) => (t.figs ? (t.figs[spec.id] ?? null) : undefined));

const specs: SortSpec[] = [];
for (const id of ['cpu', 'state', 'memory', 'name']) for (const desc of [true, false]) specs.push({ id, label: id, desc, natural: false });

describe('a list ranked as far as it is read', () => {
  for (const [n, pinnedShare] of [
    [0, 0],
    [1, 0],
    [7, 0.3],
    [70, 0],
    [300, 0.1],
    [1200, 0],
  ] as const) {
    it(`${n} things${pinnedShare ? ', some without figures' : ''}: every window at every offset, both directions, is the whole sort's`, () => {
      const list = things(n, 7 + n, pinnedShare);
      for (const spec of specs) {
        const want = reference(list, spec).map((t) => t.id);
        for (const h of [1, 30]) {
          for (let from = 0; from < n; from += n > 300 ? 13 : 1) {
            // a new ranking per window: the window is the first thing read
            const r = rankOf(list, spec);
            expect(r.length).toBe(n);
            const got = [];
            for (let i = from; i < Math.min(n, from + h); i++) got.push(r.at(i).id);
            expect(got).toEqual(want.slice(from, from + h));
          }
        }
        // reads that go back and forth on one ranking, then all of it
        const r = rankOf(list, spec);
        for (const i of [n - 1, 0, Math.floor(n / 2), 65, 64, 63, 33, 32, 31, 200, 3].filter((i) => i >= 0 && i < n)) expect(r.at(i).id).toBe(want[i]);
        expect(r.all().map((t) => t.id)).toEqual(want);
      }
    });
  }

  it('ties keep the incoming order (the order a tick gives): rows do not jump when figures tie', () => {
    const list: Thing[] = Array.from({ length: 500 }, (_, id) => ({ id, figs: { cpu: id % 3 === 0 ? 1 : 0 } }));
    const r = rankOf(list, { id: 'cpu', label: 'CPU', desc: true, natural: false });
    expect(Array.from({ length: 5 }, (_, i) => r.at(i).id)).toEqual([0, 3, 6, 9, 12]);
    expect(r.at(167).id).toBe(1);
  });

  it('the heap picks the m least in order, for any m', () => {
    const items = Array.from({ length: 200 }, (_, i) => (i * 7919) % 200);
    const cmp = (a: number, b: number) => (a % 10) - (b % 10) || a - b;
    const whole = [...items].sort(cmp);
    for (const m of [0, 1, 2, 5, 31, 199, 200, 250]) expect(best(items, m, cmp)).toEqual(whole.slice(0, m));
  });

  it('with numeric keys (ties, -0, infinities, missing as NaN last) the heap picks what cmp picks', () => {
    const pool = [0, -0, 1, -1, 2.5, Infinity, -Infinity, Number.NaN];
    const keys = Float64Array.from({ length: 300 }, (_, i) => pool[(i * 7919) % pool.length] * (i % 3 === 0 ? 1 : 2));
    const items = Array.from({ length: 300 }, (_, i) => (i * 211) % 300);
    const cmp = (a: number, b: number) => {
      const x = keys[a];
      const y = keys[b];
      if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) && Number.isNaN(y) ? a - b : Number.isNaN(x) ? 1 : -1;
      return x < y ? -1 : x > y ? 1 : a - b;
    };
    const whole = [...items].sort(cmp);
    for (const m of [1, 3, 40, 64, 299, 300]) expect(best(items, m, cmp, keys)).toEqual(whole.slice(0, m));
  });

  it('a column of numbers with words among them ranks as one of words and numbers (numbers by value, else as text)', () => {
    const list = Array.from({ length: 400 }, (_, id) => ({ id, v: id % 5 === 4 ? ['b', 'a', 'q', 'z'][id % 4] : id % 7 === 0 ? null : (id * 37) % 11 }));
    const cmpValues = (x: number | string, y: number | string) => (typeof x === 'number' && typeof y === 'number' ? x - y : String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0);
    for (const desc of [true, false]) {
      const want = [...list]
        .sort((a, b) => {
          if (a.v === null || b.v === null) return a.v === b.v ? a.id - b.id : a.v === null ? 1 : -1;
          return cmpValues(a.v, b.v) * (desc ? -1 : 1) || a.id - b.id;
        })
        .map((t) => t.id);
      const r = ranked(list, { id: 'v', label: 'v', desc, natural: false }, (t) => t.v);
      expect(Array.from({ length: 30 }, (_, i) => r.at(i).id)).toEqual(want.slice(0, 30));
      expect(r.all().map((t) => t.id)).toEqual(want);
    }
  });
});

describe('a list ranked from a column of its figures', () => {
  /** The things without figures first (a column keeps them in front only as a prefix), the column of cpu or memory. */
  function columnOf(list: Thing[], id: string): { list: Thing[]; column: Float64Array; front: number } {
    const ordered = [...list.filter((t) => !t.figs), ...list.filter((t) => !!t.figs)];
    const front0 = ordered.findIndex((t) => !!t.figs);
    const column = Float64Array.from(ordered, (t) => {
      const v = t.figs?.[id];
      return typeof v === 'number' ? v : Number.NaN;
    });
    return { list: ordered, column, front: front0 < 0 ? ordered.length : front0 };
  }

  for (const [n, pinnedShare] of [
    [0, 0],
    [1, 0],
    [9, 0.3],
    [70, 0],
    [500, 0.05],
    [3000, 0],
  ] as const) {
    it(`${n} things${pinnedShare ? ', some without figures' : ''}: every window, both directions, is the order ranked() gives from the things' own figures`, () => {
      for (const id of ['cpu', 'memory']) {
        const { list, column, front } = columnOf(things(n, 11 + n, pinnedShare), id);
        for (const desc of [true, false]) {
          const spec = { id, label: id, desc, natural: false };
          const want = reference(list, spec).map((t) => t.id);
          expect(ranked(list, spec, (t) => (t.figs ? (t.figs[id] ?? null) : undefined)).all().map((t) => t.id)).toEqual(want);
          for (const from of [0, 1, front, Math.floor(n / 3), 64, n - 30].filter((i, k, all) => i >= 0 && i < n && all.indexOf(i) === k)) {
            const r = rankedByColumn(list, column, desc, front);
            expect(r.length).toBe(n);
            const got = [];
            for (let i = from; i < Math.min(n, from + 30); i++) got.push(r.at(i).id);
            expect(got).toEqual(want.slice(from, from + 30));
          }
          expect(rankedByColumn(list, column, desc, front).all().map((t) => t.id)).toEqual(want);
        }
      }
    });
  }

  it('ties, -0, infinities and missing figures (NaN) rank as ranked() ranks them', () => {
    const pool = [0, -0, 1, -1, 2.5, Infinity, -Infinity, Number.NaN];
    const list: Thing[] = Array.from({ length: 400 }, (_, id) => ({ id, figs: { cpu: pool[(id * 7919) % pool.length] } }));
    const column = Float64Array.from(list, (t) => t.figs!.cpu as number);
    for (const desc of [true, false]) {
      const spec = { id: 'cpu', label: 'CPU', desc, natural: false };
      const want = ranked(list, spec, (t) => t.figs!.cpu).all().map((t) => t.id);
      expect(rankedByColumn(list, column, desc).all().map((t) => t.id)).toEqual(want);
      const r = rankedByColumn(list, column, desc);
      expect(Array.from({ length: 40 }, (_, i) => r.at(i).id)).toEqual(want.slice(0, 40));
    }
  });
});

