import { describe, expect, it } from 'vitest';
import { parseStat } from '../../../parsers/stat.js';
import { checkNeverThrows, fixture } from './_support.js';

describe('parseStat', () => {
  it("reads this machine's cpu lines of /proc/stat (10 columns, kernel 6.18)", () => {
    const r = parseStat(fixture('stat/local-1.txt'));
    expect(r.issues).toEqual([]);
    expect(r.value.total).toEqual({ user: 696142, nice: 9818, system: 66501, idle: 25555, iowait: 202, irq: 0, softirq: 287, steal: 1368 });
    expect(r.value.cores.map((c) => c.id)).toEqual([0, 1]);
    expect(r.value.cores[1].times.steal).toBe(686);
  });

  it('reads a whole /proc/stat of a 2.6.18 kernel (8 columns, no guest): intr/ctxt/btime lines are skipped', () => {
    const r = parseStat(fixture('stat/kernel-2.6.18.txt'));
    expect(r.issues).toEqual([]);
    expect(r.value.total).toEqual({ user: 2255, nice: 34, system: 2290, idle: 22625563, iowait: 6290, irq: 127, softirq: 456, steal: 0 });
    expect(r.value.cores).toHaveLength(2);
  });

  it('reads a 2.4 kernel (4 columns): iowait, irq and steal are 0', () => {
    const r = parseStat(fixture('stat/kernel-2.4.txt'));
    expect(r.issues).toEqual([]);
    expect(r.value.total).toEqual({ user: 1279, nice: 0, system: 1118, idle: 138766, iowait: 0, irq: 0, softirq: 0, steal: 0 });
    expect(r.value.cores).toEqual([{ id: 0, times: r.value.total }]);
  });

  it('reports a damaged cpu line by number and keeps the others', () => {
    const r = parseStat('cpu  1 2 3 4\ncpu0 1 x 3 4\ncpu1 5 6\n');
    expect(r.issues.map((i) => i.line)).toEqual([2, 3]);
    expect(r.value.total?.idle).toBe(4);
    expect(r.value.cores).toEqual([]);
  });

  it('never throws on random, binary and truncated input', () => {
    checkNeverThrows(parseStat, [fixture('stat/local-1.txt'), fixture('stat/kernel-2.6.18.txt')]);
  });
});
