import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCgroups } from '../../../parsers/cgroups.js';
import { buildModel } from '../../../src/model/build.js';
import { cgroupCpuRates, cgroupIoRates } from '../../../src/model/cgroup-cpu.js';
import { modelJson } from '../../../src/model/json.js';
import { cgroupsScript } from '../../../src/probe/scripts.js';
import type { CgroupNode } from '../../../src/model/types.js';
import type { RawSection, RawSnapshot } from '../../../src/snapshot/types.js';
import { probeShells } from '../../support/shells.js';

// Real readings of this machine's cgroups section 2.86 s apart (test/fixtures/cgroups/README.md): a busy
// loop under a tenth of a core, two under half a core, an O_DIRECT dd under a 20 MiB/s write limit, a
// shell OOM-killed under 16 MiB.
const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../../fixtures/cgroups', name), 'utf8');
const first = fixture('hybrid-pressure-1.txt');
const second = fixture('hybrid-pressure-2.txt');
const section = (text: string): RawSection => ({ text, rc: 0, truncated: false, bytes: text.length, ms: 0 });

describe('per cgroup throttling, I/O, pressure and OOM kills (real readings)', () => {
  const a = parseCgroups(first);
  const b = parseCgroups(second);
  const group = (path: string) => b.value.groups.find((g) => g.path === path)!;

  it('parses both readings without an issue; v1 blkio gives the bytes, v2 the pressure, v1 memory the OOM kills', () => {
    expect(a.issues).toEqual([]);
    expect(b.issues).toEqual([]);
    expect(b.value.psi).toBe(true);
    expect(group('/cosi-io').io).toEqual({ readBytes: 4096, writeBytes: 105906176 });
    expect(group('/cosi-io').pressure).toEqual({ cpu: 2.09, memory: 0, io: 35.08 });
    expect(group('/cosi-tenth').pressure).toEqual({ cpu: 37.01, memory: 0, io: 0 });
    expect(group('/cosi-oom')).toMatchObject({ oomKills: 1, memoryLimitBytes: 16 * 1024 * 1024 });
  });

  it('the probe dropped idle and "full" PSI lines and blkio Sync/Async/Total lines on the host', () => {
    expect(second).not.toMatch(/:full avg10=/);
    expect(second).not.toMatch(/:some avg10=0\.00 /);
    expect(second).not.toMatch(/ (Sync|Async|Discard|Total) \d+$/m);
    // an idle cgroup: no pressure line, so 0 everywhere ("@psi": the kernel keeps the figures)
    expect(group('/cosi-oom').pressure).toEqual({ cpu: 0, memory: 0, io: 0 });
    // on this hybrid host the v2 tree gave its pressure lines alone (v1 gives the rest)
    expect(second.split('\n').filter((l) => l.startsWith('/sys/fs/cgroup/unified/')).every((l) => /\/(cpu|memory|io)\.pressure:some /.test(l))).toBe(true);
  });

  it('rates between the readings: the tenth of a core is at 100% of it and throttled in every period; dd writes ~20 MiB/s', () => {
    const cpu = cgroupCpuRates(a.value, b.value);
    expect(cpu.get('/cosi-tenth')).toEqual({ cores: 0.1, percentOfLimit: 100.8, throttledPercent: 100 });
    expect(cpu.get('/cosi-burn')).toMatchObject({ cores: 0.26, throttledPercent: 0 });
    const io = cgroupIoRates(a.value, b.value);
    expect(io.get('/cosi-io')).toEqual({ readBytesPerSec: 0, writeBytesPerSec: 20531558 });
    expect(io.get('/cosi-burn')).toBeUndefined();
    expect(cgroupIoRates(b.value, a.value).get('/cosi-io')).toBeUndefined(); // counters went back
  });

  it('--json: io {readBytesPerSec, writeBytesPerSec}, pressure {cpu, memory, io}, cpu.throttledPercent and oomKills per cgroup', () => {
    const raw: RawSnapshot = JSON.parse(readFileSync(join(import.meta.dirname, '../../../demo/coreos.cosi.json'), 'utf8'));
    const two: RawSnapshot = { ...raw, sections: { ...raw.sections, cgroups: section(second) }, previous: { takenAt: raw.takenAt, sections: { cgroups: section(first) } } };
    const root: CgroupNode = JSON.parse(modelJson(buildModel(two))).cgroups;
    const kid = (name: string) => root.children.find((c) => c.name === name)!;
    expect(kid('cosi-io')).toMatchObject({ io: { readBytesPerSec: 0, writeBytesPerSec: 20531558 }, pressure: { cpu: 2.09, memory: 0, io: 35.08 } });
    expect(kid('cosi-tenth')).toMatchObject({ cpu: { cores: 0.1, throttledPercent: 100 }, limits: { cpuCores: 0.1 } });
    expect(kid('cosi-oom')).toMatchObject({ oomKills: 1, pressure: { cpu: 0, memory: 0, io: 0 }, io: null });
  });

  it('a v1-only host (RancherOS-like) has no pressure per cgroup', () => {
    expect(parseCgroups(fixture('v1-host-dash.txt')).value.groups.every((g) => g.pressure === null)).toBe(true);
  });
});

describe('the cgroups script drops what cosi does not read, on the host', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cosi-cg-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'a'));
  writeFileSync(join(dir, 'a/cpu.pressure'), 'some avg10=12.50 avg60=3.00 avg300=1.00 total=9\nfull avg10=1.00 avg60=0.00 avg300=0.00 total=1\n');
  writeFileSync(join(dir, 'a/io.pressure'), 'some avg10=0.00 avg60=0.00 avg300=0.00 total=0\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n');
  writeFileSync(join(dir, 'a/blkio.throttle.io_service_bytes_recursive'), '8:0 Read 10\n8:0 Write 20\n8:0 Sync 20\n8:0 Async 10\n8:0 Discard 0\n8:0 Total 30\nTotal 30\n');
  writeFileSync(join(dir, 'a/cgroup.procs'), '7\n');
  const scan = cgroupsScript.slice(0, cgroupsScript.indexOf('u=; read -r u'));
  for (const [name, cmd, args] of probeShells()) {
    it(`under ${name}: idle and full PSI lines and blkio totals never leave the host`, () => {
      const r = spawnSync(cmd, [...args, '-c', `${scan}\nwalk cpu.pressure io.pressure cgroup.procs blkio.throttle.io_service_bytes_recursive -- "$1"`, 'sh', dir], { encoding: 'utf8' });
      const lines = r.stdout.split('\n').filter(Boolean).map((l) => l.slice(dir.length)).sort();
      expect(lines).toEqual(['/a/blkio.throttle.io_service_bytes_recursive:8:0 Read 10', '/a/blkio.throttle.io_service_bytes_recursive:8:0 Write 20', '/a/cgroup.procs:7', '/a/cpu.pressure:some avg10=12.50 avg60=3.00 avg300=1.00 total=9']);
    });
  }
});
