import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { buildModel } from '../../../src/model/build.js';
import { parseSnapshot } from '../../../src/snapshot/file.js';
import type { RawSnapshot } from '../../../src/snapshot/types.js';
import { staleText } from '../../../views/present/section-text.js';
import { renderFrame } from '../../../views/render-frame.js';
import { expectGolden } from './golden.js';

// #13: on a host where reading the cgroups and the processes costs seconds, the cost budget holds
// them back (src/probe/budget.ts); once their text is a minute old the header says when they were
// read and that `r` reads them now. A time of day, not an age: the header does not tick for it.
const full = parseSnapshot(readFileSync(join(import.meta.dirname, '../../../demo/coreos.cosi.json'), 'utf8'), 'demo');
const at = Date.parse('2026-12-02T14:02:11Z');
const held: RawSnapshot = { ...full, stale: { cgroups: at, processes: at, df: at + 60_000 } };
const model = buildModel(held);

it('names the held-back sections by the time they were read, oldest first', () => {
  expect(model.sections.cgroups?.readAt).toBe(at);
  expect(model.sections.meminfo?.readAt).toBeUndefined();
  expect(staleText(model.sections)).toBe('cgroups, processes read 14:02:11Z; filesystem sizes (df) read 14:03:11Z (costly here: r reads all)');
  expect(staleText(buildModel(full).sections)).toBe('');
});

it('Services at 160x30: the header line says it', () => {
  const frame = renderFrame(model, { tab: 'services', cols: 160, rows: 30 }, { color: false });
  expect(frame.split('\n')[1]).toContain('cgroups, processes read 14:02:11Z; filesystem sizes (df) read 14:03:11Z (costly here: r reads all)');
  expectGolden('coreos-services-stale', frame);
});

it('says the rows on screen are live when their counters were read over the held tree', () => {
  const live = { ...model, sections: { ...model.sections, cgroups: { ...model.sections.cgroups!, onScreen: 12 } } };
  const frame = renderFrame(live, { tab: 'services', cols: 180, rows: 30 }, { color: false });
  expect(frame.split('\n')[1]).toContain('cgroups (rows on screen live), processes read 14:02:11Z; filesystem sizes (df) read 14:03:11Z (costly here: r reads all)');
});
