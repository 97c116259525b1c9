import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCgroups } from '../../../parsers/cgroups.js';
import { buildModel } from '../../../src/model/build.js';
import { modelJson } from '../../../src/model/json.js';
import type { RawSection, RawSnapshot } from '../../../src/snapshot/types.js';

// One cgroup tree, two probes: the cgroups script before (one `grep -r` per hierarchy, each
// hierarchy's files after its own "@root" line, idle lines dropped with `grep -v`) and now (every
// "@root" first, one `grep -r` for the hierarchy that gives the processes and one for all the
// others, only the lines cosi reads kept), run on the same frozen copy of lab-coreos's cgroup files
// (test/fixtures/cgroups/README.md). Same tree, so the same figures, to the last digit.
const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../../fixtures/cgroups', name), 'utf8');
const pair = (name: string) => ({ old: fixture(`${name}-old.txt`), now: fixture(`${name}-new.txt`) });
const section = (text: string): RawSection => ({ text, rc: 0, truncated: false, bytes: text.length, ms: 0 });

describe('the cgroups section as the probe prints it now reads as it did before', () => {
  for (const name of ['lab-coreos-frozen-1', 'lab-coreos-frozen-2', 'lab-coreos-v1-only-frozen']) {
    it(`${name}: the same parsed value, with no issue`, () => {
      const { old, now } = pair(name);
      expect(now).not.toBe(old);
      const a = parseCgroups(old);
      const b = parseCgroups(now);
      expect(a.issues).toEqual([]);
      expect(b.issues).toEqual([]);
      expect(b.value).toEqual(a.value);
      // (toEqual ignores undefined keys; the order of the host's listing is kept exactly)
      expect(b.value.groups.map((g) => [g.path, g.order])).toEqual(a.value.groups.map((g) => [g.path, g.order]));
    });
  }

  it('lab-coreos (hybrid): real limits, I/O, pressure and processes come through', () => {
    const v = parseCgroups(pair('lab-coreos-frozen-1').now).value;
    expect(v.version).toBe('hybrid');
    expect(v.roots.map((r) => r.kind)).toEqual(['cpu', 'cpu', 'memory', 'blkio', 'pids', 'systemd', 'unified']);
    expect(v.groups.some((g) => g.memoryLimitBytes === 64 * 1024 * 1024)).toBe(true);
    expect(v.groups.some((g) => g.io !== null && g.io.writeBytes > 0)).toBe(true);
    expect(v.groups.some((g) => g.pressure !== null && g.pressure.cpu > 0)).toBe(true);
    expect(v.groups.some((g) => g.cpu?.usageUsec)).toBe(true);
    expect(v.groups.some((g) => g.pids.length > 0)).toBe(true);
  });

  it('the model and --json of two readings (CPU and I/O rates) are the same from either probe', () => {
    const raw: RawSnapshot = JSON.parse(readFileSync(join(import.meta.dirname, '../../../demo/coreos.cosi.json'), 'utf8'));
    const json = (which: 'old' | 'now') => {
      const [one, two] = [pair('lab-coreos-frozen-1')[which], pair('lab-coreos-frozen-2')[which]];
      const model = JSON.parse(modelJson(buildModel({ ...raw, sections: { ...raw.sections, cgroups: section(two) }, previous: { takenAt: raw.takenAt, sections: { cgroups: section(one) } } })));
      // the one figure meant to change: the size of the section's text
      expect(model.sections.cgroups.bytes).toBe(two.length);
      delete model.sections.cgroups.bytes;
      return JSON.stringify(model, null, 1);
    };
    const now = json('now');
    expect(now).toBe(json('old'));
    expect(now).toMatch(/"cores": 0\.\d+/);
    expect(pair('lab-coreos-frozen-2').now.length).toBeLessThan(pair('lab-coreos-frozen-2').old.length * 0.9);
  });

  it('v2 (constructed from the kernel formats): the same value; a cpu.stat key the parser cannot read no longer reaches it', () => {
    const { old, now } = pair('v2-frozen-constructed');
    const a = parseCgroups(old);
    const b = parseCgroups(now);
    expect(b.value).toEqual(a.value);
    expect(a.value.groups.some((g) => g.cpu?.limitCores === 1.5 && g.memoryLimitBytes === 1073741824 && g.pidsLimit === 4915 && g.io && g.pressure?.io)).toBe(true);
    // before: each core_sched.force_idle_usec line (kernels with core scheduling) was an issue
    expect(a.issues.map((i) => i.code)).toEqual(['cgroup-bad-value', 'cgroup-bad-value', 'cgroup-bad-value', 'cgroup-bad-value']);
    expect(old).toMatch(/core_sched\.force_idle_usec/);
    expect(b.issues).toEqual([]);
  });
});

describe('parseCgroups: every hierarchy listed first, then the files of all of them', () => {
  const text = [
    '@root cpu /c/cpu',
    '@root memory /c/memory',
    '@root systemd /c/systemd',
    '@root unified /c/unified',
    '/c/systemd/a/cgroup.procs:7',
    '/c/unified/a/cpu.pressure:some avg10=1.50 avg60=0.00 avg300=0.00 total=9',
    '/c/cpu/a/cpuacct.usage:5000',
    '/c/memory/a/memory.usage_in_bytes:4096',
    '/c/systemd/b/cgroup.procs:8',
    '/c/memoryx/a/memory.usage_in_bytes:1',
  ].join('\n');
  const r = parseCgroups(text);

  it('gives each file to the hierarchy whose mount point holds it, in whatever order they come', () => {
    expect(r.value.groups.find((g) => g.path === '/a')).toMatchObject({ pids: [7], memoryBytes: 4096, cpu: { usageUsec: 5 }, pressure: { cpu: 1.5, memory: 0, io: 0 } });
    expect(r.value.groups.find((g) => g.path === '/b')).toMatchObject({ pids: [8], memoryBytes: null });
  });

  it('a file under no listed mount point is an issue', () => {
    expect(r.issues.map((i) => [i.code, i.line])).toEqual([['cgroup-file-outside', 10]]);
  });
});
