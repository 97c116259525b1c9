import fc from 'fast-check';
import { render, cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { applyKey } from '../../../views/key-reducer.js';
import { buildModel } from '../../../src/model/build.js';
import { createAppStore, setSize } from '../../../src/store/store.js';
import { App } from '../../../views/App.js';
import { renderState } from '../../../views/render-frame.js';
import { rawFromCapture } from '../../support/raw.js';
import { EVIL_ALL, nonSgrEscapes } from './_support.js';

// Resize storms and tiny terminals, on a real capture whose host strings carry escapes and
// wide characters (CJK, emoji) on every line: the layout must never break or leak controls.
// (test/unit/views/behaviour.test.ts checks the "at least 80x24" message at fixed sizes.)
const raw = rawFromCapture('test/fixtures/probe/local-dash.txt');
const hostile = buildModel({
  ...raw,
  sections: Object.fromEntries(Object.entries(raw.sections).map(([id, s]) => [id, { ...s, text: s.text.replace(/\//g, `/漢字😀${EVIL_ALL}`) }])),
});
const flush = () => new Promise((r) => setTimeout(r, 20));
const trimLines = (f: string) => f.split('\n').map((l) => l.trimEnd()).join('\n').trimEnd();

afterEach(() => cleanup());

describe('a resize storm', () => {
  it('200 size changes across tabs, tiny to large: no exception, no control leak, and the last frame is the frame of the last size', async () => {
    const store = createAppStore({ model: hostile, cols: 100, rows: 30, now: Date.parse(hostile.takenAt) });
    const errors: unknown[] = [];
    const app = render(<App store={store} />);
    const sizes = fc.sample(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 80 })), { numRuns: 200, seed: 7 });
    sizes.forEach(([cols, rows], i) => {
      try {
        if (i % 20 === 0) store.setState(applyKey(store.getState(), String(((i / 20) % 5) + 1)).state);
        setSize(store, cols, rows);
      } catch (e) {
        errors.push(e);
      }
    });
    setSize(store, 100, 30);
    await flush();
    expect(errors).toEqual([]);
    for (const f of app.frames) expect(nonSgrEscapes(f)).toEqual([]);
    const last = app.lastFrame()!;
    expect(trimLines(last)).toBe(trimLines(renderState(store.getState(), { color: false })));
    expect(last).toContain('/漢字😀\\e]0;pwned\\x07');
  });

  it.each([
    [0, 0],
    [1, 1],
    [20, 5],
    [79, 24],
    [80, 23],
  ])('at %ix%i says what size it needs, on every tab', (cols, rows) => {
    for (const tab of ['overview', 'services', 'mounts', 'engines', 'memory'] as const) {
      const store = createAppStore({ model: hostile, cols, rows, now: 0 });
      store.setState(applyKey(store.getState(), String(['overview', 'services', 'mounts', 'engines', 'memory'].indexOf(tab) + 1)).state);
      const f = renderState(store.getState(), { color: true });
      expect(nonSgrEscapes(f)).toEqual([]);
      // A 1-column terminal gets one character per line: compare without the wrapping.
      expect(f.replace(/\u001b\[[0-9;]*m/g, '').replace(/\s+/g, '')).toContain(`atleast80x24;thisoneis${cols}x${rows}`);
    }
  });

  it('at exactly 80x24 draws every tab within 24 lines and leaks no control', () => {
    for (const key of ['1', '2', '3', '4', '5']) {
      const store = createAppStore({ model: hostile, cols: 80, rows: 24, now: 0 });
      store.setState(applyKey(store.getState(), key).state);
      const f = renderState(store.getState(), { color: true });
      expect(nonSgrEscapes(f)).toEqual([]);
      expect(f.split('\n').length).toBeLessThanOrEqual(24);
    }
  });
});
