import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProcCpu } from '../../../parsers/proc-cpu.js';
import { buildModel } from '../../../src/model/build.js';
import { modelJson } from '../../../src/model/json.js';
import { procCpuRates } from '../../../src/model/proc-cpu.js';
import type { Process } from '../../../src/model/types.js';
import type { RawSection, RawSnapshot } from '../../../src/snapshot/types.js';

// Real: the proc-cpu section under dash on this machine, 2.83 s apart, while pid 19106 ran a busy
// loop on a loaded machine (it got 65 ticks of the 283 that passed).
const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../../fixtures/proc-cpu', name), 'utf8');
const first = fixture('dash-1.txt');
const second = fixture('dash-2.txt');
const section = (text: string): RawSection => ({ text, rc: 0, truncated: false, bytes: text.length, ms: 0 });

describe('per process CPU between two readings (proc-cpu section)', () => {
  it('parses every line of both readings: pid, utime+stime and start time in ticks', () => {
    const a = parseProcCpu(first);
    expect(a.issues).toEqual([]);
    expect(a.value.uptimeSeconds).toBe(4596.53);
    expect(a.value.procs.get(19106)).toEqual({ ticks: 32, start: 459538 });
    expect(parseProcCpu('@uptime 1.00\n1 2 3\n1 (sh) S 0\n').issues).toHaveLength(1);
  });

  it("the busy loop's share of one core since the last reading (top's %CPU, not ps's lifetime average)", () => {
    const rates = procCpuRates(parseProcCpu(first).value, parseProcCpu(second).value);
    expect(rates.get(19106)).toBe(23);
    expect(rates.get(1)).toBe(1.8);
  });

  it('no figure with one reading, for a reused pid (other start time), or a counter that went back', () => {
    const a = parseProcCpu(first).value;
    expect(procCpuRates(null, a).size).toBe(0);
    expect(procCpuRates(a, a).size).toBe(0);
    const reused = parseProcCpu(second.replace(/^19106 97 459538$/m, '19106 97 470000')).value;
    expect(procCpuRates(a, reused).has(19106)).toBe(false);
    expect(procCpuRates(parseProcCpu(second).value, { ...a, uptimeSeconds: 5000 }).has(19106)).toBe(false);
  });

  it('--json: processes[].cpuPercent from a two-reading snapshot; null with one reading', () => {
    const raw: RawSnapshot = JSON.parse(readFileSync(join(import.meta.dirname, '../../../demo/coreos.cosi.json'), 'utf8'));
    const two: RawSnapshot = { ...raw, sections: { ...raw.sections, 'proc-cpu': section(second) }, previous: { takenAt: raw.takenAt, sections: { 'proc-cpu': section(first) } } };
    const procs: Process[] = JSON.parse(modelJson(buildModel(two))).processes;
    expect(procs.find((p) => p.pid === 1)?.cpuPercent).toBe(1.8);
    const once: Process[] = JSON.parse(modelJson(buildModel({ ...two, previous: undefined }))).processes;
    expect(once.every((p) => p.cpuPercent === null)).toBe(true);
  });
});
