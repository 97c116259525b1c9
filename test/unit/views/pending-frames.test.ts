import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { buildModel } from '../../../src/model/build.js';
import { tierOf } from '../../../src/probe/tiers.js';
import { parseSnapshot } from '../../../src/snapshot/file.js';
import type { RawSnapshot } from '../../../src/snapshot/types.js';
import { renderFrame } from '../../../views/render-frame.js';
import { expectGolden } from './golden.js';

// First frame (#13): a live connection's first tick reads the fast sections only, so the header
// and Overview draw at once; the slow sections are "not read yet" (not failed) until the next tick.
const full = parseSnapshot(readFileSync(join(import.meta.dirname, '../../../demo/coreos.cosi.json'), 'utf8'), 'demo');
const slow = Object.keys(full.sections).filter((id) => tierOf(id) === 'slow');
const first: RawSnapshot = {
  ...full,
  sections: Object.fromEntries(Object.entries(full.sections).filter(([id]) => !slow.includes(id))),
  engines: [],
  pending: slow,
};
const model = buildModel(first);

it('the quick first tick: the slow sections are pending, with no warning about them', () => {
  expect(slow).toEqual(expect.arrayContaining(['cgroups', 'processes', 'df', 'engines']));
  for (const id of slow) expect(model.sections[id as keyof typeof model.sections]?.state, id).toBe('pending');
  expect(model.warnings.filter((w) => w.code === 'section')).toEqual([]);
});

it('Overview draws from the fast sections; Services and Engines say "not read yet", not an error', () => {
  const overview = renderFrame(model, { tab: 'overview', cols: 100, rows: 30 }, { color: false });
  expect(overview).toMatch(/MemTotal|Memory|memory/);
  expectGolden('coreos-overview-pending', overview);
  const services = renderFrame(model, { tab: 'services', cols: 100, rows: 30 }, { color: false });
  expect(services).toContain('… cgroups: not read yet');
  expect(services).not.toMatch(/✖|could not read|The other tabs keep working/);
  expectGolden('coreos-services-pending', services);
  const engines = renderFrame(model, { tab: 'engines', cols: 100, rows: 30 }, { color: false });
  expect(engines).toContain('not read yet');
  expect(engines).not.toContain('✖');
});

it('the next tick (every section) draws the panes as a full snapshot does', () => {
  const next = renderFrame(buildModel(full), { tab: 'services', cols: 100, rows: 30 }, { color: false });
  expect(next).not.toContain('not read yet');
  expect(readFileSync(join(import.meta.dirname, '../../fixtures/frames/coreos-services.txt'), 'utf8')).toBe(next + '\n');
});
