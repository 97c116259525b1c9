import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { buildModel } from '../../../src/model/build.js';
import type { HostModel } from '../../../src/model/types.js';
import { applyKey } from '../../../views/key-reducer.js';
import type { AppState, TabId } from '../../../src/store/types.js';
import { frameState, renderState } from '../../../views/render-frame.js';
import { Screen } from '../../../views/App.js';
import { listFor, LIST_TABS } from '../../../views/present/rows.js';
import { rancheros as handRancheros } from '../../fixtures/models/rancheros.js';
import { coreos as handCoreos } from '../../fixtures/models/coreos.js';
import { parseSnapshot } from '../../../src/snapshot/file.js';

function demo(name: string): HostModel {
  return buildModel(parseSnapshot(readFileSync(join(import.meta.dirname, '../../../demo', `${name}.cosi.json`), 'utf8'), 'demo'));
}

const MODELS: Record<string, HostModel> = { rancheros: demo('rancheros'), coreos: demo('coreos'), 'hand rancheros': handRancheros, 'hand coreos': handCoreos };

afterEach(() => cleanup());

/** Opens every expandable row until nothing more opens. */
function expandAll(s: AppState): AppState {
  for (;;) {
    const view = listFor(s.model!, s.ui.tab, s.ui.tabs[s.ui.tab])!;
    const closed = view.rows.filter((r) => r.expandable && !r.expanded);
    if (closed.length === 0) return s;
    const t = s.ui.tabs[s.ui.tab];
    const expanded = { ...t.expanded, ...Object.fromEntries(closed.map((r) => [r.key, true])) };
    s = { ...s, ui: { ...s.ui, tabs: { ...s.ui.tabs, [s.ui.tab]: { ...t, expanded } } } };
  }
}

describe('row keys are unique per visible row', () => {
  for (const [name, model] of Object.entries(MODELS)) {
    for (const tab of LIST_TABS) {
      it(`${name} ${tab}, everything expanded`, () => {
        const s = expandAll(frameState(model, { tab, cols: 100, rows: 30 }));
        const keys = listFor(s.model!, tab, s.ui.tabs[tab])!.rows.map((r) => r.key);
        expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
      });
    }
  }
});

/**
 * The live screen keeps one Ink tree and re-renders it (React reconciles rows by key);
 * every frame it draws must equal a fresh render of the same state, and Enter twice
 * must give back the frame of before.
 */
// 100x50: at 30 rows the two rows that shared a key were never on screen together.
describe('Enter on every row of every demo, twice, at 100x50: the live frame is the one before', () => {
  const cases: [string, HostModel, TabId][] = [];
  for (const name of ['rancheros', 'coreos']) for (const tab of LIST_TABS) cases.push([name, MODELS[name], tab]);
  for (const [name, model, tab] of cases) {
    it(`${name} ${tab}`, { timeout: 60000 }, () => {
      let s = frameState(model, { tab, cols: 100, rows: 50 });
      const app = render(<Screen s={s} />);
      const fresh = (x: AppState) => renderState(x, { color: false });
      const live = (x: AppState) => {
        app.rerender(<Screen s={x} />);
        return app.lastFrame()!;
      };
      let before = fresh(s);
      const n = listFor(model, tab, s.ui.tabs[tab])!.rows.length;
      for (let i = 0; i < n; i++) {
        const opened = applyKey(s, 'enter').state;
        if (opened !== s && !opened.ui.detail) {
          expect(live(opened), `row ${i} toggled once`).toBe(fresh(opened));
          const back = applyKey(opened, 'enter').state;
          expect(live(back), `row ${i} toggled twice`).toBe(before);
        }
        s = applyKey(s, 'j').state;
        before = live(s);
      }
      expect(before).toBe(fresh(s));
    });
  }
});
