import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/model/build.js';
import type { HostModel } from '../../../src/model/types.js';
import { renderFrame } from '../../../views/render-frame.js';
import { TABS } from '../../../src/store/types.js';
import { initialUi } from '../../../src/store/store.js';
import { rancheros as handRancheros } from '../../fixtures/models/rancheros.js';
import { coreos as handCoreos } from '../../fixtures/models/coreos.js';
import { expectGolden } from './golden.js';
import { parseSnapshot } from '../../../src/snapshot/file.js';

function demo(name: string): HostModel {
  return buildModel(parseSnapshot(readFileSync(join(import.meta.dirname, '../../../demo', `${name}.cosi.json`), 'utf8'), 'demo'));
}

const DEMOS = { rancheros: demo('rancheros'), coreos: demo('coreos') };
/** A real recording from the shared lab (before the demos had hosts of their own): it holds a systemd-in-a-container. */
const SHARED_LAB = buildModel(
  parseSnapshot(readFileSync(join(import.meta.dirname, '../../fixtures/demo-leaks/rancheros-recorded-on-vm.cosi.json'), 'utf8'), 'shared-lab'),
);

describe('golden frames of the bundled demo snapshots at 100x30 (the spec: review by eye, UPDATE_GOLDEN=1 rewrites)', () => {
  for (const [name, model] of Object.entries(DEMOS)) {
    for (const tab of TABS) {
      it(`${name} ${tab}`, () => {
        const frame = renderFrame(model, { tab, cols: 100, rows: 30 }, { color: false });
        expect(frame.split('\n')).toHaveLength(30);
        expectGolden(`${name}-${tab}`, frame);
      });
    }
  }

  it('rancheros mounts, first group expanded: its targets with roots and ro marks', () => {
    expectGolden('rancheros-mounts-expanded', renderFrame(DEMOS.rancheros, { tab: 'mounts', cols: 100, rows: 30, keys: ['enter'] }, { color: false }));
  });

  it('rancheros mounts: mixed groups say "rw, 4 ro"; a tmpfs stacked on another says which one is mounted over', () => {
    expectGolden('rancheros-mounts-shm-stacked', renderFrame(DEMOS.rancheros, { tab: 'mounts', cols: 100, rows: 30, keys: ['/', ...'shm', 'enter'] }, { color: false }));
    expectGolden('rancheros-mounts-tree-shm-stacked', renderFrame(DEMOS.rancheros, { tab: 'mounts', cols: 100, rows: 30, keys: ['v', 'a', '/', ...'dev', 'enter'] }, { color: false }));
  });

  it('coreos mounts tree view with pseudo filesystems', () => {
    expectGolden('coreos-mounts-tree-all', renderFrame(DEMOS.coreos, { tab: 'mounts', cols: 100, rows: 30, keys: ['v', 'a'] }, { color: false }));
  });

  it('rancheros engines at 200x50: IMAGE and STATUS take the width NAME does not need', () => {
    expectGolden('rancheros-engines-200x50', renderFrame(DEMOS.rancheros, { tab: 'engines', cols: 200, rows: 50 }, { color: false }));
  });

  it('rancheros container detail view', () => {
    expectGolden('rancheros-engines-detail', renderFrame(DEMOS.rancheros, { tab: 'engines', cols: 100, rows: 30, keys: ['j', 'j', 'j', 'enter'] }, { color: false }));
  });

  it('rancheros services at 100x50, the systemd-in-a-container opened: its sub-cgroups keep their names', () => {
    const tabs = { services: { ...initialUi().tabs.services, expanded: { 'cg:/docker/e87f0abefc7093fc140bf6d8ec7c716f002781028b981dac4e06f08b20b8c3b5': true } } };
    const frame = renderFrame(SHARED_LAB, { tab: 'services', cols: 100, rows: 50, tabs: { ...initialUi().tabs, ...tabs } }, { color: false });
    expectGolden('rancheros-services-container-open', frame);
  });

  it("rancheros services at 100x50, the console container opened: cosi's own probe processes are named 'cosi probe'", () => {
    const tabs = { ...initialUi().tabs, services: { ...initialUi().tabs.services, expanded: { 'cg:/docker/628f6389ba82030a9ece5b6eb81a33fc7230f06341a15d9dda57fd41ba9e3708': true, 'ros:': false } } };
    expectGolden('rancheros-services-probe', renderFrame(DEMOS.rancheros, { tab: 'services', cols: 100, rows: 50, tabs }, { color: false }));
  });

  it('help overlay at 80x24: one column, whole lines, scrolls to its last section', () => {
    expectGolden('help-80x24', renderFrame(DEMOS.coreos, { tab: 'overview', cols: 80, rows: 24, keys: ['?'] }, { color: false }));
    expectGolden('help-80x24-end', renderFrame(DEMOS.coreos, { tab: 'overview', cols: 80, rows: 24, keys: ['?', 'G'] }, { color: false }));
  });

  it('help overlay at 200x50: two columns side by side', () => {
    expectGolden('help-200x50', renderFrame(DEMOS.coreos, { tab: 'overview', cols: 200, rows: 50, keys: ['?'] }, { color: false }));
  });
});

describe('fit', () => {
  it('every tab of every model fits 80x24 line for line', () => {
    for (const model of [...Object.values(DEMOS), handRancheros, handCoreos]) {
      for (const tab of TABS) {
        const lines = renderFrame(model, { tab, cols: 80, rows: 24 }, { color: false }).split('\n');
        expect(lines).toHaveLength(24);
        for (const l of lines) expect(Array.from(l).length).toBeLessThanOrEqual(80);
      }
    }
  });

  it('color frames carry ANSI colors, plain frames none', () => {
    const colored = renderFrame(DEMOS.coreos, { tab: 'overview', cols: 100, rows: 30 }, { color: true });
    const plain = renderFrame(DEMOS.coreos, { tab: 'overview', cols: 100, rows: 30 }, { color: false });
    expect(colored).toMatch(/\x1b\[/);
    expect(plain).not.toMatch(/\x1b\[/);
  });
});
