import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { buildModel } from '../../../src/model/build.js';
import { parseSnapshot } from '../../../src/snapshot/file.js';
import { createAppStore, initialUi } from '../../../src/store/store.js';
import type { TabId } from '../../../src/store/types.js';
import { eachNode } from '../../../src/model/walk.js';
import { cgroupsOnScreen } from '../../../views/present/on-screen.js';
import { renderFrame } from '../../../views/render-frame.js';

// #13: the cgroups whose counters each tick reads are those whose rows the user sees.
const demo = (name: string) => buildModel(parseSnapshot(readFileSync(join(import.meta.dirname, `../../../demo/${name}.cosi.json`), 'utf8'), 'demo'));
const state = (model: ReturnType<typeof demo>, tab: TabId, rows = 30, extra: Partial<ReturnType<typeof initialUi>> = {}) => createAppStore({ model, cols: 160, rows, ui: { ...initialUi(), tab, ...extra } }).getState();

it('Services: the cgroups of the rows in the window, top to bottom, each one a cgroup of the tree', () => {
  const model = demo('coreos');
  const all = new Set<string>();
  eachNode(model.cgroups!, (n) => void all.add(n.path));
  const paths = cgroupsOnScreen(state(model, 'services'));
  expect(paths.length).toBeGreaterThan(3);
  for (const p of paths) expect(all.has(p), p).toBe(true);
  // what the frame shows: each one's name is on screen, and a taller screen shows more
  const frame = renderFrame(model, { tab: 'services', cols: 160, rows: 30 }, { color: false });
  for (const p of paths) expect(frame).toContain(p === '/' ? '-.slice' : p.slice(p.lastIndexOf('/') + 1).slice(0, 20));
  // the top view (a row per cgroup): as many as its window holds
  const flat = cgroupsOnScreen(state(model, 'services', 24, { flat: true }));
  expect(flat.length).toBeGreaterThan(3);
  expect(flat.length).toBeLessThanOrEqual(24 - 7);
  for (const p of flat) expect(all.has(p), p).toBe(true);
});

it("Engines: the containers' cgroups; nothing on tabs without cgroup rows, nor under the help", () => {
  const model = demo('rancheros');
  const containers = model.engines.flatMap((e) => e.containers.map((c) => c.cgroupPath)).filter(Boolean);
  const paths = cgroupsOnScreen(state(model, 'engines', 45));
  expect(paths.length).toBeGreaterThan(0);
  for (const p of paths) expect(containers).toContain(p);
  expect(cgroupsOnScreen(state(model, 'overview'))).toEqual([]);
  expect(cgroupsOnScreen(state(model, 'mounts'))).toEqual([]);
  expect(cgroupsOnScreen({ ...state(model, 'services'), ui: { ...initialUi(), tab: 'services', help: true } })).toEqual([]);
});
