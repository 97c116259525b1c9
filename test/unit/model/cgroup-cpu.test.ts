import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCgroups } from '../../../parsers/cgroups.js';
import { buildModel } from '../../../src/model/build.js';
import { cgroupCpuRates } from '../../../src/model/cgroup-cpu.js';
import { modelJson } from '../../../src/model/json.js';
import type { CgroupNode } from '../../../src/model/types.js';
import type { RawSection, RawSnapshot } from '../../../src/snapshot/types.js';
import { v2CpuReading } from '../../fixtures/cgroups/v2-cpu.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../../fixtures/cgroups', name), 'utf8');
const section = (text: string): RawSection => ({ text, rc: 0, truncated: false, bytes: text.length, ms: 0 });
const LIMITED = '/docker/6806676b3030e82b5f7ecef742a77aa39c859103ca086eb34992faeb84c88132';
const BUSY = '/docker/19e4439a596585b235fb2a70f08f64240e8bc0ac8c40ade6af5acab1a55b5988';

const v2 = v2CpuReading;

describe('per cgroup CPU counters and limits (cgroups section)', () => {
  it('reads v1 cpuacct.usage, cfs quota, memory.limit_in_bytes and pids.max of this machine; "no limit" is null', () => {
    const r = parseCgroups(fixture('hybrid-cpu-1.txt'));
    expect(r.issues).toEqual([]);
    expect(r.value.uptimeSeconds).toBe(5559.9);
    const limited = r.value.groups.find((g) => g.path === LIMITED)!;
    expect(limited).toMatchObject({ memoryLimitBytes: 64 * 1024 * 1024, pidsLimit: null, cpu: { usageUsec: 24079, limitCores: null, periods: 0, throttled: 0 } });
    const root = r.value.groups.find((g) => g.path === '/')!;
    expect(root.memoryLimitBytes).toBeNull(); // 9223372036854771712: v1's "no limit"
    expect(r.value.groups.find((g) => g.path.endsWith('/system.slice/ssh.service'))?.pidsLimit).toBe(28909);
  });

  it('v2 cpu.max "QUOTA PERIOD" is cores, "max" is no limit; throttled_usec is read', () => {
    const g = parseCgroups(v2('100.00', 1_000_000, 10, 0)).value.groups.find((x) => x.path === '/burn')!;
    expect(g).toMatchObject({ memoryLimitBytes: 268435456, pidsLimit: null, cpu: { usageUsec: 1_000_000, limitCores: 0.5, periods: 10, throttled: 0, throttledUsec: 0 } });
    expect(parseCgroups('@root unified /c\n/c/x/cpu.max:max 100000\n').value.groups.find((x) => x.path === '/x')?.cpu?.limitCores).toBeNull();
  });

  it('two recorded readings of this machine: cores used per cgroup over the host uptime between them', () => {
    const rates = cgroupCpuRates(parseCgroups(fixture('hybrid-cpu-1.txt')).value, parseCgroups(fixture('hybrid-cpu-2.txt')).value);
    expect(rates.get('/')).toEqual({ cores: 2, percentOfLimit: null, throttledPercent: null });
    expect(rates.get(BUSY)?.cores).toBe(0.05);
    expect(rates.get(LIMITED)).toEqual({ cores: 0, percentOfLimit: null, throttledPercent: null });
  });

  it('a container under half a core burning CPU: 100% of its limit, throttled in 80% of its periods', () => {
    // 2 s apart: 1 s of CPU time used = 0.5 cores; 16 of 20 periods throttled.
    const rates = cgroupCpuRates(parseCgroups(v2('100.00', 1_000_000, 10, 0)).value, parseCgroups(v2('102.00', 2_000_000, 30, 16)).value);
    expect(rates.get('/burn')).toEqual({ cores: 0.5, percentOfLimit: 100, throttledPercent: 80 });
  });

  it('no rate from one reading, the same reading twice, or a counter that went back', () => {
    const a = parseCgroups(v2('100.00', 1_000_000, 10, 0)).value;
    expect(cgroupCpuRates(null, a).size).toBe(0);
    expect(cgroupCpuRates(a, a).size).toBe(0);
    expect(cgroupCpuRates(a, parseCgroups(v2('101.00', 10, 10, 0)).value).has('/burn')).toBe(false);
  });

  it('--json: each cgroup has cpu {cores, percentOfLimit, throttledPercent} and limits {memoryBytes, cpuCores, pids}', () => {
    const raw: RawSnapshot = JSON.parse(readFileSync(join(import.meta.dirname, '../../../demo/coreos.cosi.json'), 'utf8'));
    const two: RawSnapshot = { ...raw, sections: { ...raw.sections, cgroups: section(v2('102.00', 2_000_000, 30, 16)) }, previous: { takenAt: raw.takenAt, sections: { cgroups: section(v2('100.00', 1_000_000, 10, 0)) } } };
    const root: CgroupNode = JSON.parse(modelJson(buildModel(two))).cgroups;
    expect(root.children.find((c) => c.name === 'burn')).toMatchObject({ cpu: { cores: 0.5, percentOfLimit: 100, throttledPercent: 80 }, limits: { memoryBytes: 268435456, cpuCores: 0.5, pids: null } });
    expect(JSON.parse(modelJson(buildModel({ ...two, previous: undefined }))).cgroups.children[0].cpu).toBeNull();
  });
});
