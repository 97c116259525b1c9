import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { buildModel } from '../../../src/model/build.js';
import type { RawSection, RawSnapshot } from '../../../src/snapshot/types.js';
import { renderFrame } from '../../../views/render-frame.js';
import { expectGolden } from './golden.js';
import { v2CpuReading } from '../../fixtures/cgroups/v2-cpu.js';
import { parseSnapshot } from '../../../src/snapshot/file.js';

const section = (text: string): RawSection => ({ text, rc: 0, truncated: false, bytes: text.length, ms: 0 });
const raw: RawSnapshot = parseSnapshot(readFileSync(join(import.meta.dirname, '../../../demo/coreos.cosi.json'), 'utf8'), 'demo');
// Two readings 100 ticks apart: 40 busy, 25 iowait, 5 steal.
const before = 'cpu  1000 0 500 8000 100 0 0 50\ncpu0 500 0 250 4000 50 0 0 25\ncpu1 500 0 250 4000 50 0 0 25\n';
const after = 'cpu  1030 0 510 8030 125 0 0 55\ncpu0 1030 0 260 4000 50 0 0 30\ncpu1 500 0 250 4030 75 0 0 25\n';

describe('Overview CPU line', () => {
  it('two readings: busy, iowait, steal and the 1-min load against the cores (100x30 and 80x24)', () => {
    const model = buildModel({ ...raw, sections: { ...raw.sections, stat: section(after) }, previous: { takenAt: raw.takenAt, sections: { stat: section(before) } } });
    expectGolden('coreos-overview-cpu', renderFrame(model, { tab: 'overview', cols: 100, rows: 30 }, { color: false }));
    expectGolden('coreos-overview-cpu-80x24', renderFrame(model, { tab: 'overview', cols: 80, rows: 24 }, { color: false }));
  });

  it('one reading: says the share comes with the next reading', () => {
    const model = buildModel({ ...raw, sections: { ...raw.sections, stat: section(after) } });
    expectGolden('coreos-overview-cpu-first', renderFrame(model, { tab: 'overview', cols: 100, rows: 30 }, { color: false }));
  });
});

const cgroups = v2CpuReading;

describe('Services CPU and LIMITS columns', () => {
  it('cores used and % of the CPU limit, the CPU and memory limits; an older snapshot has no such columns', () => {
    const model = buildModel({
      ...raw,
      sections: { ...raw.sections, cgroups: section(cgroups('102.00', 2_000_000, 30, 16)) },
      previous: { takenAt: raw.takenAt, sections: { cgroups: section(cgroups('100.00', 1_000_000, 10, 0)) } },
    });
    expectGolden('coreos-services-cpu', renderFrame(model, { tab: 'services', cols: 100, rows: 30 }, { color: false }));
    expectGolden('coreos-services-cpu-first', renderFrame(buildModel({ ...raw, sections: { ...raw.sections, cgroups: section(cgroups('102.00', 2_000_000, 30, 16)) } }), { tab: 'services', cols: 100, rows: 30 }, { color: false }));
  });
});

describe('Services THROT, IO and PSI columns, OOM kills in STATE (real readings of this machine)', () => {
  const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../../fixtures/cgroups', name), 'utf8');
  // This machine has no systemd: its raw cgroups, where a cgroup without processes (cosi-oom, its shell OOM-killed) still shows.
  const model = buildModel({
    ...raw,
    sections: { ...raw.sections, systemd: { text: '', rc: 127, truncated: false, bytes: 0, ms: 0 }, cgroups: section(fixture('hybrid-pressure-2.txt')) },
    previous: { takenAt: raw.takenAt, sections: { cgroups: section(fixture('hybrid-pressure-1.txt')) } },
  });
  const keys = ['/', ...'cosi-'.split(''), 'enter'];
  it('140 columns: every column; 100: LIMITS left out; 80: IO left out too, the names keep their room', () => {
    expectGolden('pressure-services-140', renderFrame(model, { tab: 'services', cols: 140, rows: 24, keys }, { color: false }));
    expectGolden('pressure-services-100', renderFrame(model, { tab: 'services', cols: 100, rows: 24, keys }, { color: false }));
    expectGolden('pressure-services-80', renderFrame(model, { tab: 'services', cols: 80, rows: 24, keys }, { color: false }));
  });
});
