import { expect, it } from 'vitest';
import { parseCgroupCounters } from '../../../parsers/cgroup-counters.js';
import { createModelBuilder } from '../../../src/model/build.js';
import type { CgroupNode } from '../../../src/model/types.js';
import type { RawSnapshot } from '../../../src/snapshot/types.js';
import { staleText } from '../../../views/present/section-text.js';

// #13: the tree of a big host is read every few minutes; the rows on screen get their counters
// every tick (src/model/on-screen.ts), and their CPU comes from consecutive readings of the same cgroup.

const tree = (uptime: number, usage: number) =>
  [`@uptime ${uptime}.00`, '@root unified /sys/fs/cgroup', '/sys/fs/cgroup/a.service/cgroup.procs:10', `/sys/fs/cgroup/a.service/cpu.stat:usage_usec ${usage}`, '/sys/fs/cgroup/a.service/cpu.max:50000 100000', '/sys/fs/cgroup/a.service/memory.current:1000', '/sys/fs/cgroup/b.service/cgroup.procs:11', '/sys/fs/cgroup/b.service/cpu.stat:usage_usec 7', '/sys/fs/cgroup/b.service/memory.current:2000', ''].join('\n');
const counters = (uptime: number, usage: number, memory: number) => [`@uptime ${uptime}.00`, '@r /sys/fs/cgroup', `/sys/fs/cgroup/a.service/cpu.stat:usage_usec ${usage}`, '/sys/fs/cgroup/a.service/cpu.stat:nr_periods 10', '/sys/fs/cgroup/a.service/cpu.stat:nr_throttled 5', `/sys/fs/cgroup/a.service/memory.current:${memory}`, '/sys/fs/cgroup/a.service/pids.current:3', ''].join('\n');
const sec = (text: string) => ({ text, rc: 0, truncated: false, bytes: text.length, ms: 1 });
const raw = (sections: Record<string, string>, stale?: Record<string, number>): RawSnapshot => ({
  format: 'cosi-snapshot',
  version: 1,
  target: { kind: 'local', label: 'test' },
  takenAt: '2026-12-02T14:00:00Z',
  durationMs: 1,
  sections: Object.fromEntries(Object.entries(sections).map(([k, v]) => [k, sec(v)])),
  engines: [],
  ...(stale ? { stale } : {}),
});
const node = (root: CgroupNode | null, name: string) => root!.children.find((c) => c.name === name)!;

it('parses what the probe prints: paths sanitized as the tree does, unknown files and lines are issues', () => {
  const r = parseCgroupCounters(
    '@uptime 12.50\n@r /c/cpu\n@r /c/cpuacct\n/c/cpuacct/x\u001b[2J.service/cpuacct.usage:9000\n/c/cpu/x\u001b[2J.service/cpu.stat:nr_throttled 2\n/c/cpu/a/memory.current:5/b/memory.current:7\n/etc/passwd:root\n/c/other/memory.current:1\n/c/cpu/pids.current:x\n',
  );
  expect(r.value.uptimeSeconds).toBe(12.5);
  // the deepest mount point that holds a file names its cgroup; a name with "/memory.current:" in it stays whole
  expect([...r.value.groups.keys()]).toEqual(['/x\\e[2J.service', '/a/memory.current:5/b', '/']);
  expect(r.value.groups.get('/x\\e[2J.service')).toMatchObject({ cpu: { usageUsec: 9, throttled: 2 } });
  expect(r.value.groups.get('/a/memory.current:5/b')).toMatchObject({ memoryBytes: 7 });
  expect(r.issues.map((i) => i.code)).toEqual(['cgroup-not-counter', 'cgroup-not-counter', 'cgroup-bad-value']);
});

it('merges the counters into the held tree, with rates from consecutive readings of the same cgroup', () => {
  const build = createModelBuilder();
  const at = Date.parse('2026-12-02T14:02:11Z');
  // Two readings of the tree 600 s apart: a.service used 60 s of CPU (0.1 core).
  build(raw({ cgroups: tree(100, 0) }));
  const m0 = build(raw({ cgroups: tree(700, 60_000_000) }));
  expect(node(m0.cgroups, 'a.service').cpu).toMatchObject({ cores: 0.1, percentOfLimit: 20 });
  // The first counters after the tree's reading: 2 s later, 1 s of CPU used (0.5 core), memory new.
  const m1 = build(raw({ cgroups: tree(700, 60_000_000), 'cgroup-counters': counters(702, 61_000_000, 5000) }, { cgroups: at }));
  const a1 = node(m1.cgroups, 'a.service');
  expect(a1).toMatchObject({ memoryBytes: 5000, tasks: 3, cpu: { cores: 0.5, percentOfLimit: 100 } });
  // Rows not on screen keep the tree's figures; the limit stays the tree's.
  expect(node(m1.cgroups, 'b.service').memoryBytes).toBe(2000);
  expect(m1.sections.cgroups?.onScreen).toBe(1);
  expect(staleText(m1.sections)).toBe('cgroups (rows on screen live) read 14:02:11Z (costly here: r reads all)');
  // The next tick: from the last counters, not the tree (0.25 s of CPU in 2 s).
  const m2 = build(raw({ cgroups: tree(700, 60_000_000), 'cgroup-counters': counters(704, 61_250_000, 6000) }, { cgroups: at }));
  expect(node(m2.cgroups, 'a.service').cpu).toMatchObject({ cores: 0.13 });
  // The tree read again (no counters this tick): its rate runs from the last counters, 2 s before.
  const m3 = build(raw({ cgroups: tree(706, 62_250_000) }));
  expect(node(m3.cgroups, 'a.service').cpu).toMatchObject({ cores: 0.5 });
  expect(m3.sections.cgroups?.onScreen).toBeUndefined();
  expect(staleText(m3.sections)).toBe('');
  // Counters older than the tree (a reading from before it) change nothing.
  const m4 = build(raw({ cgroups: tree(706, 62_250_000), 'cgroup-counters': counters(705, 1, 1) }));
  expect(node(m4.cgroups, 'a.service')).toMatchObject({ memoryBytes: 1000, cpu: { cores: 0.5 } });
});

it('gives no rate from a counter that went back, and none over a gap of minutes', () => {
  const build = createModelBuilder();
  build(raw({ cgroups: tree(100, 0) }));
  build(raw({ cgroups: tree(700, 60_000_000) }));
  // The cgroup was made again: its counter restarted. No rate, not the tree's old one either.
  const again = build(raw({ cgroups: tree(700, 60_000_000), 'cgroup-counters': counters(702, 5, 5000) }));
  expect(node(again.cgroups, 'a.service').cpu).toBeNull();
  // A row that comes on screen 5 minutes after the tree's reading: the tree's rate stands for a tick.
  const b = createModelBuilder();
  b(raw({ cgroups: tree(100, 0) }));
  b(raw({ cgroups: tree(700, 60_000_000) }));
  const late = b(raw({ cgroups: tree(700, 60_000_000), 'cgroup-counters': counters(1000, 90_000_000, 5000) }));
  expect(node(late.cgroups, 'a.service')).toMatchObject({ memoryBytes: 5000, cpu: { cores: 0.1 } });
  const next = b(raw({ cgroups: tree(700, 60_000_000), 'cgroup-counters': counters(1002, 91_000_000, 5000) }));
  expect(node(next.cgroups, 'a.service').cpu).toMatchObject({ cores: 0.5 });
});
