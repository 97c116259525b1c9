import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/model/build.js';
import type { RawSnapshot } from '../../../src/snapshot/types.js';
import { parseSnapshot } from '../../../src/snapshot/file.js';
import { renderFrame } from '../../../views/render-frame.js';
import { rawFrom } from '../../fixtures/docker/raw.js';
import { expectGolden } from './golden.js';

const fixture = (p: string) => readFileSync(join(import.meta.dirname, '../../fixtures', p), 'utf8');
const demo: RawSnapshot = parseSnapshot(readFileSync(join(import.meta.dirname, '../../../demo/rancheros.cosi.json'), 'utf8'), 'demo');

/** The RancherOS demo whose user docker and cgroups are the lab's, read in one moment with 16 MiB of page cache in web. */
function labMemory(): RawSnapshot {
  const text = fixture('cgroups/v1-lab-docker-memory.txt');
  const engines = demo.engines.map((e) => (e.name === 'docker' ? rawFrom('lab-memory', 'docker', e.socket) : e));
  return { ...demo, engines, sections: { ...demo.sections, cgroups: { text, rc: 0, truncated: false, bytes: text.length, ms: 0 } } };
}

describe('Engines: memory as docker stats shows it, with the limit', () => {
  const model = buildModel(labMemory());

  it('the list: web 808Ki/64Mi (docker stats said 808KiB / 64MiB), coreos 10Mi without a limit', () => {
    const frame = renderFrame(model, { tab: 'engines', cols: 100, rows: 30 }, { color: false });
    expect(frame).toMatch(/web +running +808Ki\/64Mi/);
    expect(frame).toMatch(/coreos +running +10Mi /);
    expectGolden('lab-engines-memory', frame);
  });

  it("web's details: docker's figure and limit, then the raw usage and the inactive file cache", () => {
    const frame = renderFrame(model, { tab: 'engines', cols: 100, rows: 30, keys: ['j', 'j', 'j', 'j', 'enter'] }, { color: false });
    expect(frame).toContain('memory     808Ki · limit 64Mi (1% used) · as docker stats counts: usage less inactive file cache');
    expect(frame).toContain('usage 16Mi (its cgroup, page cache included) · inactive file cache 16Mi');
    expectGolden('lab-engines-memory-detail', frame);
  });
});
