/**
 * Opening or closing one row walks only its subtree (views/present/tree.ts toggled): after every
 * toggle, the rows must be exactly a whole new flattening's (keys, depths, markers, leads, cells).
 */
import { describe, expect, it } from 'vitest';
import { syntheticK8sNode } from '../../../bench/synthetic.js';
import { buildModel } from '../../../src/model/build.js';
import type { ListRow } from '../../../views/present/list.js';
import { mountsView } from '../../../views/present/mounts.js';
import { flattenTree, type TreeItem } from '../../../views/present/tree.js';
import { noChildren } from '../../../views/present/tree-item.js';
import { servicesView } from '../../../views/present/services.js';
import { coreosPressure } from './lab-models.js';

const seen = (r: ListRow) => ({ key: r.key, depth: r.depth, expandable: r.expandable, expanded: r.expanded, match: r.match ?? false, tone: r.tone, cells: r.cells });

/** A tree 6 levels deep, 3 children a level, some open by default, with drawn leads. */
function tree(): TreeItem[] {
  const item = (key: string, depth: number): TreeItem => {
    const kids = depth < 6 ? [0, 1, 2].map((i) => item(`${key}.${i}`, depth + 1)) : [];
    // sorted by n: the last digit of the key, backwards
    return { key, label: key, cells: [String(depth)], tone: 'normal', text: key, defaultExpanded: depth % 2 === 0, children: depth < 6 ? () => kids : noChildren, sort: { n: Number(key.at(-1)) || 0 } };
  };
  return [item('a', 0), item('b', 0), item('c', 1)];
}

/** Toggles rows one at a time (Enter on a shown row, and keys of rows not shown), checking every step against a new flattening. */
function checkToggles(rowsOf: (expanded: Record<string, boolean>, fresh: boolean) => ListRow[], steps: number) {
  let expanded: Record<string, boolean> = {};
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  const hidden: string[] = [];
  for (let s = 0; s < steps; s++) {
    const rows = rowsOf(expanded, false);
    expect(rows.map(seen), `step ${s}`).toEqual(rowsOf(expanded, true).map(seen));
    const open = rows.filter((r) => r.expandable);
    if (s % 5 === 4 && hidden.length) {
      // a row not shown (under a closed one) toggled: nothing shown changes
      const key = hidden[next() % hidden.length]!;
      expanded = { ...expanded, [key]: !expanded[key] };
    } else if (s % 7 === 6 && Object.keys(expanded).length) {
      // an expansion forgotten: the row takes its default again
      const { [Object.keys(expanded)[0]!]: _gone, ...rest } = expanded;
      expanded = rest;
    } else {
      const r = open[next() % open.length]!;
      if (r.expanded) hidden.push(...rows.filter((x) => x.key.startsWith(`${r.key}.`)).map((x) => x.key));
      expanded = { ...expanded, [r.key]: !r.expanded };
    }
  }
}

describe('one row opened or closed: the rows of a whole new flattening', () => {
  it('a deep tree, in its order and sorted', () => {
    const roots = tree();
    for (const sort of [null, { id: 'n', label: 'n', desc: true, natural: false }]) {
      checkToggles((expanded, fresh) => flattenTree(fresh ? [...roots] : roots, expanded, '', false, false, sort), 60);
      checkToggles((expanded, fresh) => flattenTree(fresh ? [...roots] : roots, expanded, '', true, false, sort), 60);
    }
  });

  it('Mounts grouped and tree views of a synthetic node, Services of a lab host', () => {
    const mounts = buildModel(syntheticK8sNode({ mounts: 500, processes: 100, cgroups: 60, containers: 20 }));
    for (const view of ['grouped', 'tree'] as const) checkToggles((expanded, fresh) => mountsView(fresh ? { ...mounts } : mounts, view, false, expanded, '').rows, 40);
    const services = buildModel(coreosPressure());
    checkToggles((expanded, fresh) => servicesView(fresh ? { ...services } : services, expanded, '', false, null).rows, 40);
  });

  it('with a filter, the whole tree is walked (what matches opens rows) and the rows are still right', () => {
    const roots = tree();
    let expanded: Record<string, boolean> = {};
    for (const key of ['a', 'a.1', 'b.2', 'a']) {
      expanded = { ...expanded, [key]: !expanded[key] };
      expect(flattenTree(roots, expanded, '.1.').map(seen)).toEqual(flattenTree([...roots], expanded, '.1.').map(seen));
    }
  });
});
