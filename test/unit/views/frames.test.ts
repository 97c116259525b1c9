import { describe, expect, it } from 'vitest';
import { renderFrame } from '../../../views/render-frame.js';
import { TABS } from '../../../src/store/types.js';
import { rancheros } from '../../fixtures/models/rancheros.js';
import { coreos } from '../../fixtures/models/coreos.js';
import { expectGolden } from './golden.js';

const MODELS = { rancheros, coreos };

describe('golden frames at 100x30 (the spec: review by eye, UPDATE_GOLDEN=1 rewrites)', () => {
  for (const [name, model] of Object.entries(MODELS)) {
    for (const tab of TABS) {
      it(`${name} ${tab}`, () => {
        const frame = renderFrame(model, { tab, cols: 100, rows: 30 }, { color: false });
        expect(frame.split('\n')).toHaveLength(30);
        expectGolden(`${name}-${tab}`, frame);
      });
    }
  }

  it('rancheros mounts expanded: the 27 /dev/sda1 targets with roots and ro marks', () => {
    expectGolden('rancheros-mounts-expanded', renderFrame(rancheros, { tab: 'mounts', cols: 100, rows: 30, keys: ['enter'] }, { color: false }));
  });

  it('coreos mounts tree view with pseudo filesystems', () => {
    expectGolden('coreos-mounts-tree-all', renderFrame(coreos, { tab: 'mounts', cols: 100, rows: 30, keys: ['v', 'a'] }, { color: false }));
  });

  it('rancheros container detail view', () => {
    expectGolden('rancheros-engines-detail', renderFrame(rancheros, { tab: 'engines', cols: 100, rows: 30, keys: ['j', 'j', 'enter'] }, { color: false }));
  });

  it('help overlay at 80x24', () => {
    expectGolden('help-80x24', renderFrame(coreos, { tab: 'overview', cols: 80, rows: 24, keys: ['?'] }, { color: false }));
  });

  it('every tab fits 80x24 line for line', () => {
    for (const model of Object.values(MODELS)) {
      for (const tab of TABS) {
        const lines = renderFrame(model, { tab, cols: 80, rows: 24 }, { color: false }).split('\n');
        expect(lines).toHaveLength(24);
        for (const l of lines) expect(Array.from(l).length).toBeLessThanOrEqual(80);
      }
    }
  });

  it('color frames carry ANSI colors, plain frames none', () => {
    const colored = renderFrame(coreos, { tab: 'overview', cols: 100, rows: 30 }, { color: true });
    const plain = renderFrame(coreos, { tab: 'overview', cols: 100, rows: 30 }, { color: false });
    expect(colored).toMatch(/\x1b\[/);
    expect(plain).not.toMatch(/\x1b\[/);
  });
});
