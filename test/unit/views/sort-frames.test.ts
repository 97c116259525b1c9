import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { buildModel } from '../../../src/model/build.js';
import { parseSnapshot } from '../../../src/snapshot/file.js';
import { renderFrame } from '../../../views/render-frame.js';
import { SORT_COLUMNS } from '../../../views/present/sort.js';
import { expectGolden } from './golden.js';
import { coreosPressure, labCpu } from './lab-models.js';

const demo = (name: string) => buildModel(parseSnapshot(readFileSync(join(import.meta.dirname, `../../../demo/${name}.cosi.json`), 'utf8'), 'demo'));
/** `o` pressed i times: the i-th column of the tab. */
const o = (i: number) => Array<string>(i).fill('o');
const columns = (tab: 'services' | 'engines' | 'mounts' | 'memory') => SORT_COLUMNS[tab]!.map((c, i) => ({ id: c.id, keys: o(i) }));

describe('Services sorted by each column: the tree (siblings sorted) and the top view (every cgroup), on two real readings of this machine', () => {
  const model = buildModel(coreosPressure());
  for (const view of ['tree', 'top'] as const) {
    for (const { id, keys } of columns('services')) {
      it(`${view} by ${id}, then reversed (O)`, () => {
        const lead = view === 'top' ? ['v'] : [];
        expectGolden(`sort-services-${view}-${id}`, renderFrame(model, { tab: 'services', cols: 120, rows: 30, keys: [...lead, ...keys] }, { color: false }));
        expectGolden(`sort-services-${view}-${id}-reversed`, renderFrame(model, { tab: 'services', cols: 120, rows: 30, keys: [...lead, ...keys, 'O'] }, { color: false }));
      });
    }
  }
});

describe('Services top view on the demo snapshots', () => {
  it('CoreOS by memory, RancherOS (its system-docker services are cgroups like the others here) by memory', () => {
    expectGolden('sort-demo-coreos-services-top-memory', renderFrame(demo('coreos'), { tab: 'services', cols: 100, rows: 30, keys: ['v', ...o(2)] }, { color: false }));
    expectGolden('sort-demo-rancheros-services-top-memory', renderFrame(demo('rancheros'), { tab: 'services', cols: 100, rows: 30, keys: ['v', ...o(2)] }, { color: false }));
  });
});

describe('Engines sorted by each column (lab recording with CPU, a quota, an OOM-killed container)', () => {
  const model = buildModel(labCpu());
  for (const { id, keys } of columns('engines')) {
    it(`by ${id}, then reversed (O)`, () => {
      expectGolden(`sort-engines-${id}`, renderFrame(model, { tab: 'engines', cols: 100, rows: 30, keys }, { color: false }));
      expectGolden(`sort-engines-${id}-reversed`, renderFrame(model, { tab: 'engines', cols: 100, rows: 30, keys: [...keys, 'O'] }, { color: false }));
    });
  }
});

describe('Mounts sorted by each column (CoreOS demo): groups, and the tree (siblings sorted)', () => {
  const model = demo('coreos');
  for (const view of ['grouped', 'tree'] as const) {
    for (const { id, keys } of columns('mounts')) {
      it(`${view} by ${id}, then reversed (O)`, () => {
        const lead = view === 'tree' ? ['v'] : [];
        expectGolden(`sort-mounts-${view}-${id}`, renderFrame(model, { tab: 'mounts', cols: 100, rows: 30, keys: [...lead, ...keys] }, { color: false }));
        expectGolden(`sort-mounts-${view}-${id}-reversed`, renderFrame(model, { tab: 'mounts', cols: 100, rows: 30, keys: [...lead, ...keys, 'O'] }, { color: false }));
      });
    }
  }
});

describe("Memory's top consumers by memory and by name", () => {
  const model = buildModel(coreosPressure());
  for (const { id, keys } of columns('memory')) {
    it(`by ${id}, then reversed (O)`, () => {
      expectGolden(`sort-memory-${id}`, renderFrame(model, { tab: 'memory', cols: 100, rows: 30, keys }, { color: false }));
      expectGolden(`sort-memory-${id}-reversed`, renderFrame(model, { tab: 'memory', cols: 100, rows: 30, keys: [...keys, 'O'] }, { color: false }));
    });
  }
});
