import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStat } from '../../../parsers/stat.js';
import { buildModel, createModelBuilder } from '../../../src/model/build.js';
import { hostCpuRates } from '../../../src/model/cpu.js';
import { modelJson } from '../../../src/model/json.js';
import type { RawSection, RawSnapshot } from '../../../src/snapshot/types.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../../fixtures/stat', name), 'utf8');
const section = (text: string): RawSection => ({ text, rc: 0, truncated: false, bytes: text.length, ms: 0 });
/** The demo as one reading (the bundled file also carries an earlier one, `previous`). */
const demo = (): RawSnapshot => {
  const { previous: _p, ...raw } = JSON.parse(readFileSync(join(import.meta.dirname, '../../../demo/rancheros.cosi.json'), 'utf8')) as RawSnapshot;
  return raw;
};
/** The demo as a file written before cosi read /proc/stat. */
const beforeStat = (): RawSnapshot => {
  const { stat: _s, ...sections } = demo().sections;
  return { ...demo(), sections };
};
const withStat = (raw: RawSnapshot, text: string): RawSnapshot => ({ ...raw, sections: { ...raw.sections, stat: section(text) } });

describe('host CPU rates between two readings of /proc/stat', () => {
  it('two readings of this machine 1 s apart: both cores busy the whole second', () => {
    const cpu = hostCpuRates(parseStat(fixture('local-1.txt')).value, parseStat(fixture('local-2.txt')).value);
    expect(cpu).toEqual({
      busyPercent: 100, iowaitPercent: 0, stealPercent: 0,
      perCore: [{ id: 0, busyPercent: 100, iowaitPercent: 0, stealPercent: 0 }, { id: 1, busyPercent: 100, iowaitPercent: 0, stealPercent: 0 }],
    });
  });

  it('busy excludes idle, iowait and steal; iowait and steal are shares of all time', () => {
    const before = parseStat(fixture('kernel-2.6.18.txt')).value;
    // 100 ticks later: 50 user, 30 idle, 10 iowait, 10 steal on the whole host; core 1 went offline.
    const t = before.total!;
    const after = parseStat(`cpu  ${t.user + 50} ${t.nice} ${t.system} ${t.idle + 30} ${t.iowait + 10} ${t.irq} ${t.softirq} ${t.steal + 10}\ncpu0 1132 34 1441 11311718 3675 127 438 0\n`).value;
    const cpu = hostCpuRates(before, after);
    expect(cpu).toMatchObject({ busyPercent: 50, iowaitPercent: 10, stealPercent: 10 });
    expect(cpu?.perCore).toEqual([]); // core 0 did not move, core 1 is gone
  });

  it('no rate from one reading, the same reading twice, or counters that went back (reboot)', () => {
    const a = parseStat(fixture('local-1.txt')).value;
    const b = parseStat(fixture('local-2.txt')).value;
    expect(hostCpuRates(null, a)).toBeNull();
    expect(hostCpuRates(a, a)).toBeNull();
    expect(hostCpuRates(b, a)).toBeNull();
  });

  it('--json of a two-reading snapshot has host cpu; of a one-reading snapshot cpu is null', () => {
    const one = withStat(demo(), fixture('local-2.txt'));
    expect(JSON.parse(modelJson(buildModel(one))).cpu).toBeNull();
    const two: RawSnapshot = { ...one, previous: { takenAt: one.takenAt, sections: { stat: section(fixture('local-1.txt')) } } };
    const json = JSON.parse(modelJson(buildModel(two)));
    expect(json.cpu).toMatchObject({ busyPercent: 100, iowaitPercent: 0, stealPercent: 0 });
    expect(json.cpu.perCore).toHaveLength(2);
  });

  it('live: the model of a tick uses the previous tick as its first reading', () => {
    const build = createModelBuilder();
    expect(build(withStat(demo(), fixture('local-1.txt'))).cpu).toBeNull();
    expect(build(withStat(demo(), fixture('local-2.txt'))).cpu?.busyPercent).toBe(100);
  });
});

describe('a snapshot from before /proc/stat was read', () => {
  it('opens without a warning about it and without a CPU line', () => {
    const m = buildModel(beforeStat());
    expect(m.sections.stat?.state).toBe('missing');
    expect(m.warnings.filter((w) => w.code === 'section' && w.section === 'stat')).toEqual([]);
    expect(m.cpu).toBeNull();
  });
});
