/**
 * A sorted tree is read a window at a time (views/present/tree-window.ts): every window must hold
 * exactly the rows the whole sorted tree has there, with their leads, markers and cells.
 */
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/model/build.js';
import type { HostModel } from '../../../src/model/types.js';
import type { ListRow } from '../../../views/present/list.js';
import { makeView } from '../../../views/present/list.js';
import { servicesView } from '../../../views/present/services.js';
import { enginesView } from '../../../views/present/engines.js';
import { syntheticK8sNode } from '../../../bench/synthetic.js';
import { withCpuFigures } from '../../../bench/sort-keys.js';
import { sortSpec, type SortSpec } from '../../../views/present/sort.js';
import { treeRows, type TreeItem } from '../../../views/present/tree.js';
import { noChildren } from '../../../views/present/tree-item.js';
import { subtreeSizes } from '../../../views/present/tree-window.js';
import { coreosPressure, labCpu } from './lab-models.js';
import { servicesAllOpen } from './helpers.js';

const seen = (r: ListRow) => ({ key: r.key, depth: r.depth, expandable: r.expandable, expanded: r.expanded, match: r.match ?? false, tone: r.tone, cells: r.cells });

/** Every window of `heights` at every start, read before all rows are made, then all rows. */
function windowsAndAll(view: ReturnType<typeof servicesView>, heights: number[], step = 1) {
  const windows: { from: number; h: number; rows: ReturnType<typeof seen>[] }[] = [];
  for (const h of heights) for (let from = 0; from < view.count; from += step) windows.push({ from, h, rows: view.slice(from, from + h).map(seen) });
  return { windows, all: view.rows.map(seen) };
}

function expectWindowsOf(view: ReturnType<typeof servicesView>, step = 1): void {
  const { windows, all } = windowsAndAll(view, [1, 7, 28], step);
  expect(view.count).toBe(all.length);
  for (const w of windows) expect(w.rows).toEqual(all.slice(w.from, w.from + w.h));
}

const models: [string, HostModel][] = [
  ['coreos with pressure', buildModel(coreosPressure())],
  ['lab with CPU figures', buildModel(labCpu())],
];

describe('a sorted Services tree, a window at a time', () => {
  for (const [name, model] of models) {
    const opened = servicesAllOpen(model);
    const allOpen = Object.fromEntries(opened.rows.filter((r) => r.expandable).map((r) => [r.key, true]));
    const someClosed = Object.fromEntries(opened.rows.flatMap((r, i) => (r.expandable && i % 3 === 0 ? [[r.key, i % 2 === 0]] : [])));
    for (const [how, expanded] of [['as it opens', {}], ['all open', allOpen], ['some closed', someClosed]] as const) {
      it(`${name}, ${how}: every window of every sort is the whole sorted tree's rows there`, () => {
        for (let sort = 1; sort < 7; sort++) {
          for (const reverse of [false, true]) {
            const spec = sortSpec('services', sort, reverse);
            // a new model object: nothing sorted or made before
            expectWindowsOf(servicesView({ ...model }, expanded, '', false, spec));
          }
        }
        // the name order reversed (O on the first column) is read a window at a time too
        expectWindowsOf(servicesView({ ...model }, expanded, '', false, sortSpec('services', 0, true)));
      });
    }
    it(`${name}: with a filter and with failed only, windows of a sort are the filtered tree's rows`, () => {
      for (const [filter, problemsOnly] of [['system', false], ['slice', false], ['', true], ['docker', true]] as const) {
        for (let sort = 1; sort < 7; sort++) expectWindowsOf(servicesView({ ...model }, {}, filter, problemsOnly, sortSpec('services', sort, sort % 2 === 0)));
      }
    });
  }

  it('a window can be wrong: rows out of their sorted place are told apart', () => {
    const model = buildModel(labCpu());
    const natural = servicesView({ ...model }, {}, '', false, null);
    const byCpu = servicesView({ ...model }, {}, '', false, sortSpec('services', 1, false));
    // the check above would fail on the natural order's rows shown under a sort
    expect(byCpu.slice(0, byCpu.count).map(seen)).not.toEqual(natural.rows.map(seen));
  });
});

/**
 * The top view's cgroups and an engine's containers are ranked from figure columns their presenters
 * keep (figure-columns.ts); all rows come from the items' own figures (sort.ts): the two must agree.
 */
describe('the top view and Engines, sorted from figure columns, a window at a time', () => {
  // big enough that a window is found with the heap (over 8 x 64 rows), small enough for a unit test
  const synthetic = buildModel(syntheticK8sNode({ mounts: 20, processes: 300, cgroups: 900, containers: 700 }));
  const hosts: [string, HostModel][] = [...models, ['a synthetic node with CPU figures', withCpuFigures(synthetic)]];
  for (const [name, model] of hosts) {
    it(`${name}: the top view, every sort and direction, with and without a filter`, () => {
      const step = model === hosts[hosts.length - 1][1] ? 37 : 1;
      // sort 0: the name order, and reversed; a flat list's windows are made without its other rows (leaf-rows.ts)
      for (let sort = 0; sort < 7; sort++) {
        for (const reverse of [false, true]) {
          for (const filter of ['', 'slice']) expectWindowsOf(servicesView({ ...model }, {}, filter, false, sortSpec('services', sort, reverse), true), step);
        }
      }
    });
    it(`${name}: Engines, every sort and direction, its containers open and closed`, () => {
      const step = model === hosts[hosts.length - 1][1] ? 37 : 1;
      const closed = Object.fromEntries(model.engines.map((e) => [`eng:${e.name}`, false]));
      for (let sort = 1; sort < 5; sort++) {
        for (const reverse of [false, true]) {
          for (const expanded of [{}, closed]) expectWindowsOf(enginesView({ ...model }, expanded, '', false, sortSpec('engines', sort, reverse)), step);
        }
      }
    });
  }

  it('the synthetic node has what the check needs: hundreds of containers and cgroups with figures', () => {
    const model = hosts[hosts.length - 1][1];
    const top = servicesView({ ...model }, {}, '', false, sortSpec('services', 1, false), true);
    expect(top.count).toBeGreaterThan(600);
    expect(model.engines.reduce((n, e) => n + e.containers.length, 0)).toBeGreaterThan(600);
    // the order is not the name order: the check above compares two real sorts
    expect(top.slice(0, 5).map((r) => r.key)).not.toEqual(servicesView({ ...model }, {}, '', false, null, true).slice(0, 5).map((r) => r.key));
  });
});

describe('treeRows with drawn roots and rows without figures', () => {
  const leaf = (key: string, cpu: number | null): TreeItem => ({ key, label: key, cells: [String(cpu)], tone: 'normal', text: key, defaultExpanded: false, children: noChildren, sort: { cpu } });
  const node = (key: string, cpu: number, kids: TreeItem[], open = true): TreeItem => {
    const children = () => kids;
    return { key, label: key, cells: [String(cpu)], tone: 'normal', text: key, defaultExpanded: open, children, sort: { cpu } };
  };
  const info: TreeItem = { key: 'info', label: 'no figures here', cells: [], tone: 'dim', text: 'info', defaultExpanded: false, children: noChildren };
  const roots = [
    node('a', 1, [leaf('a1', 3), info, leaf('a2', null), node('a3', 5, [leaf('a31', 0), leaf('a32', 0), leaf('a33', 2)])]),
    node('b', 4, [leaf('b1', 1), node('b2', 1, [leaf('b21', 9)], false)]),
    leaf('c', 2),
  ];
  it('every window under every sort and expansion equals all rows there, roots drawn with branches', () => {
    for (const expanded of [{}, { b2: true }, { a: false }, { a3: false, b2: true }]) {
      for (const desc of [false, true]) {
        const spec = { id: 'cpu', label: 'CPU', desc, natural: false };
        const view = makeView('t', [{ title: 'X', width: 0 }], treeRows(roots, expanded, '', true, false, spec), '');
        expectWindowsOf(view as ReturnType<typeof servicesView>);
      }
    }
    const spec = { id: 'cpu', label: 'CPU', desc: true, natural: false };
    const view = makeView('t', [{ title: 'X', width: 0 }], treeRows(roots, { b2: true }, '', true, false, spec), '');
    expect(view.slice(0, 20).map((r) => r.cells[0])).toEqual([
      // ties (b1, b2) in their own order; no figures (the info row) in front, a missing one (a2) last
      '├─▾ b', '│ ├─  b1', '│ └─▾ b2', '│   └─  b21', '├─  c', '└─▾ a', '  ├─  no figures here', '  ├─▾ a3', '  │ ├─  a33', '  │ ├─  a31', '  │ └─  a32', '  ├─  a1', '  └─  a2',
    ]);
  });
});

describe('treeRows of a flat list (every root a leaf)', () => {
  const leaf = (key: string, cpu: number | null): TreeItem => ({ key, label: key, cells: [String(cpu)], tone: 'normal', text: key, defaultExpanded: false, children: noChildren, hasChildren: false, sort: { cpu } });
  const leaves = [leaf('a', 2), leaf('b', null), leaf('c', 2), leaf('d', 7), leaf('e', 0)];
  const cpu = (desc: boolean) => ({ id: 'cpu', label: 'CPU', desc, natural: false });
  const NAME = { id: 'name', label: 'name', desc: false, natural: true };

  it('every window in every order, roots drawn or not, equals all rows there', () => {
    for (const drawRoots of [false, true]) {
      for (const spec of [null, NAME, { ...NAME, desc: true, natural: false }, cpu(false), cpu(true)]) {
        expectWindowsOf(makeView('t', [{ title: 'X', width: 0 }], treeRows([...leaves], {}, '', drawRoots, false, spec), '') as ReturnType<typeof servicesView>);
      }
    }
  });

  it('shows its rows in the order asked, with branches when roots are drawn', () => {
    const cells = (drawRoots: boolean, spec: SortSpec | null) => makeView('t', [{ title: 'X', width: 0 }], treeRows([...leaves], {}, '', drawRoots, false, spec), '').slice(0, 9).map((r) => r.cells[0]);
    expect(cells(false, null)).toEqual(['  a', '  b', '  c', '  d', '  e']);
    // ties (a, c) in their own order, the missing figure (b) last
    expect(cells(true, cpu(true))).toEqual(['├─  d', '├─  a', '├─  c', '├─  e', '└─  b']);
    expect(cells(false, cpu(false))).toEqual(['  e', '  a', '  c', '  d', '  b']);
    expect(cells(true, { ...NAME, desc: true, natural: false })).toEqual(['├─  e', '├─  d', '├─  c', '├─  b', '└─  a']);
  });
});

describe('subtree sizes of a flattening', () => {
  it('each row counts itself and the deeper rows after it, up to the next row no deeper (random depths, flat, one chain)', () => {
    let x = 5;
    const next = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
    const shapes: number[][] = [[], [0], Array(50).fill(0), Array.from({ length: 40 }, (_, i) => i)];
    for (let t = 0; t < 30; t++) {
      // a preorder: each depth at most one deeper than the row before
      const d: number[] = [];
      for (let i = 0; i < 200; i++) d.push(i === 0 ? 0 : Math.max(0, Math.min(d[i - 1] + 1, Math.floor(next() * (d[i - 1] + 2)))));
      shapes.push(d);
    }
    for (const depths of shapes) {
      const want = depths.map((d, i) => {
        let j = i + 1;
        while (j < depths.length && depths[j] > d) j++;
        return j - i;
      });
      expect([...subtreeSizes(depths)]).toEqual(want);
    }
  });
});
