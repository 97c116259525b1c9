// A snapshot file's earlier memory readings (`history`) become the Memory tab's
// history chart: the bundled demos carry real readings of their hosts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/model/build.js';
import { parseSnapshot } from '../../../src/snapshot/file.js';
import { createAppStore } from '../../../src/store/store.js';
import { renderFrame } from '../../../views/render-frame.js';

const ROOT = join(import.meta.dirname, '../../..');
const text = (f: string) => readFileSync(join(ROOT, f), 'utf8');

/** used = total - available, read from the meminfo text itself. */
function usedOf(meminfo: string): number {
  const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(meminfo)?.[1]) * 1024;
  return kb('MemTotal') - kb('MemAvailable');
}

describe.each(['rancheros', 'coreos'])('the %s demo', (name) => {
  const raw = parseSnapshot(text(`demo/${name}.cosi.json`), name);
  const model = buildModel(raw);

  it('carries memory readings taken before its snapshot, oldest first', () => {
    const readings = raw.history ?? [];
    expect(readings.length).toBeGreaterThanOrEqual(30);
    const h = model.memoryHistory ?? [];
    expect(h).toHaveLength(readings.length);
    expect(h.map((p) => p.t)).toEqual([...h.map((p) => p.t)].sort((a, b) => a - b));
    expect(h.at(-1)!.t).toBeLessThan(Date.parse(model.takenAt));
    expect(h[0].usedBytes).toBe(usedOf(readings[0].sections.meminfo.text));
    expect(h.at(-1)!.usedBytes).toBe(usedOf(readings.at(-1)!.sections.meminfo.text));
  });

  it('opens with that history in the store and on the Memory tab', () => {
    const store = createAppStore({ model, now: Date.parse(model.takenAt) });
    const history = store.getState().history;
    expect(history).toHaveLength(model.memoryHistory!.length + 1);
    expect(history.at(-1)).toEqual({ t: Date.parse(model.takenAt), usedBytes: model.memory!.usedBytes, availableBytes: model.memory!.availableBytes });
    const frame = renderFrame(model, { tab: 'memory', cols: 120, rows: 40 });
    expect(frame).toContain(`History: used (red) and available (green), ${history.length} samples over 1m`);
  });
});

describe('history in a snapshot file', () => {
  const base = JSON.parse(text('demo/coreos.cosi.json')) as Record<string, unknown>;

  it('is optional: a file without it has one point, its own', () => {
    const { history: _h, ...rest } = base;
    const model = buildModel(parseSnapshot(JSON.stringify(rest), 'no-history'));
    expect(model.memoryHistory).toBeUndefined();
    expect(createAppStore({ model, now: Date.parse(model.takenAt) }).getState().history).toHaveLength(1);
  });

  it('skips readings that are not readings and keeps at most 720', () => {
    const one = (base.history as unknown[])[0];
    const damaged = { ...base, history: [42, { takenAt: 'x' }, ...Array<unknown>(800).fill(one)] };
    const raw = parseSnapshot(JSON.stringify(damaged), 'damaged');
    expect(raw.history).toHaveLength(720);
  });
});
