import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readBundle } from '../../../parsers/bundle.js';
import { parseCgroupCounters } from '../../../parsers/cgroup-counters.js';
import { buildProbeScript, newNonce, terminatorFor } from '../../../src/probe/build.js';
import { CostBudget } from '../../../src/probe/budget.js';
import { askablePath, counterData } from '../../../src/probe/counters.js';
import type { SectionSpec } from '../../../src/probe/section.js';
import { sectionById, sectionLimits } from '../../../src/probe/sections.js';
import { ChildShellChannel } from '../../../src/transport/child-shell.js';
import { ProbeTransport } from '../../../src/transport/probe-transport.js';
import { onPath, probeShells } from '../../support/shells.js';

// #13: while the cost budget holds the cgroup tree back, each tick reads the counters of the cgroups
// on screen only. Their paths are the host's (a container may name its cgroups anything): they go
// to the shell as data, and nothing outside the cgroup mount is read.

const open: ProbeTransport[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((t) => t.close()));
});

const HOSTILE = ["it's", '$(touch pwned)', '`touch pwned`', 'a b;c|d&e', '$HOME', '-n', '*', 'x\\y', "'; touch pwned; '"];

/** A cgroup2 tree under a temporary directory: one cgroup per hostile name, and a file outside it. */
function fakeTree(): { mount: string; outside: string } {
  const top = mkdtempSync(join(tmpdir(), 'cosi-counters-'));
  const mount = join(top, 'cgroup');
  const outside = join(top, 'outside');
  mkdirSync(mount);
  mkdirSync(outside);
  writeFileSync(join(outside, 'memory.current'), '666\n');
  HOSTILE.forEach((name, i) => {
    const dir = join(mount, 'system.slice', name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'cpu.stat'), `usage_usec ${1000 + i}\nuser_usec 1\nsystem_usec 2\nnr_periods 10\nnr_throttled ${i}\nthrottled_usec 5\n`);
    writeFileSync(join(dir, 'memory.current'), `${4096 * (i + 1)}\n`);
    writeFileSync(join(dir, 'pids.current'), `${i}\n`);
  });
  writeFileSync(join(mount, 'cpu.stat'), 'usage_usec 99\n');
  return { mount, outside };
}

it('asks only for absolute paths without a newline, control character, backslash or ./.. component', () => {
  for (const p of ['/', '/system.slice/a b.service', "/it's", '/$(x)', '/`x`']) expect(askablePath(p), p).toBe(true);
  for (const p of ['', 'rel', '/a\nb', '/a/../b', '/..', '/./a', '/a\\nb', '/a\u001bb', '/a\u0085b']) expect(askablePath(p), JSON.stringify(p)).toBe(false);
  expect(counterData('@root unified /sys/fs/cgroup\n', ['/../x', '/a\nb'])).toBeNull();
  // No hierarchy with counters (v1 systemd and blkio only): nothing to read.
  expect(counterData('@root systemd /sys/fs/cgroup/systemd\n@root blkio /sys/fs/cgroup/blkio\n', ['/a'])).toBeNull();
  // One single-quoted word: the quote in a name is escaped, $ and backticks stay text.
  expect(counterData('@root unified /sys/fs/cgroup\n/sys/fs/cgroup/cpu.stat:usage_usec 1\n@root memory /x\n', ["/it's", '/$(x)'])).toBe(
    `_cosi_cq='r/sys/fs/cgroup\nfcpu.stat\nfmemory.current\nfpids.current\np/it'\\''s\np/$(x)\n'`,
  );
});

it("v1: each hierarchy's own files, the unified one only for what no v1 hierarchy gives", () => {
  const text = '@uptime 5.00\n@root systemd /c/systemd\n@root memory /c/memory\n@root cpu /c/cpu,cpuacct\n@root unified /c/unified\n';
  expect(counterData(text, ['/a'])).toBe(`_cosi_cq='r/c/memory\nfmemory.usage_in_bytes\np/a\nr/c/cpu,cpuacct\nfcpuacct.usage\nfcpu.stat\np/a\nr/c/unified\nfpids.current\np/a\n'`);
});

describe.each(probeShells())('the counters on screen under %s', (_name, cmd, args) => {
  it('are read while the tree is held back, for hostile names too, and nothing outside the mount', async () => {
    const { mount, outside } = fakeTree();
    const spec = sectionById('cgroup-counters')!;
    // The tree costs 50 ms of the host's time: held back after two runs.
    const tree: SectionSpec = { id: 'cgroups', title: 'cgroups', script: `sleep 0.05; printf '@uptime 1.00\\n@root unified %s\\n' '${mount}'`, maxBytes: 4096, timeoutSec: 0 };
    let clock = 1_000_000;
    const t = new ProbeTransport(new ChildShellChannel({ kind: 'local', label: 'counters' }, cmd, args), { sections: [spec, tree], timeoutMs: 20_000, now: () => clock, budget: new CostBudget(1e-6) });
    open.push(t);
    const paths = ['/', ...HOSTILE.map((n) => `/system.slice/${n}`), '/system.slice/../../outside', '/gone'];
    // The first tick reads the tree: no counters. The second reads them only if the tree's marker
    // (the set of processes) did not move, as the tree is read then.
    clock += 2000;
    const first = await t.collect({ counters: paths });
    expect(first.sections.cgroups!.text).toContain('@root unified');
    expect(first.sections['cgroup-counters']).toBeUndefined();
    clock += 2000;
    await t.collect({ counters: paths });
    clock += 2000;
    const held = await t.collect({ counters: paths });
    const got = parseCgroupCounters(held.sections['cgroup-counters']!.text);
    expect(got.issues).toEqual([]);
    expect(got.value.uptimeSeconds).toBeGreaterThan(0);
    // Every askable path was read; the one with a backslash (a sanitizer's escape) was not asked for.
    HOSTILE.forEach((name, i) => {
      const g = got.value.groups.get(`/system.slice/${name}`);
      if (name.includes('\\')) return expect(g).toBeUndefined();
      expect(g, name).toEqual({ memoryBytes: 4096 * (i + 1), tasks: i, cpu: { usageUsec: 1000 + i, periods: 10, throttled: i, throttledUsec: 5, limitCores: null } });
    });
    expect(got.value.groups.get('/')).toEqual({ memoryBytes: null, tasks: null, cpu: expect.objectContaining({ usageUsec: 99 }) });
    expect(got.value.groups.has('/gone')).toBe(false);
    expect([...got.value.groups.keys()].some((p) => p.includes('outside'))).toBe(false);
    expect(held.sections['cgroup-counters']!.text).not.toContain('666');
    expect(existsSync(join(process.cwd(), 'pwned'))).toBe(false);
    // Nothing on screen: nothing read. `r` reads the tree: no counters.
    clock += 2000;
    expect((await t.collect()).sections['cgroup-counters']).toBeUndefined();
    clock += 2000;
    const full = await t.collect({ full: true, counters: paths });
    expect(full.sections['cgroup-counters']).toBeUndefined();
    expect(full.pending).toBeUndefined();
  });
});

/**
 * Whole counter files as the kernel writes them, by host (its hierarchies, then path -> lines): the
 * real v1 files of this machine's hybrid-pressure reading (every line of cpu.stat; /cosi-tenth
 * throttled under a quota), and a v2 host whose cpu.stat has every field of a 6.x kernel
 * (CONSTRUCTED: no v2 cpu controller here), throttled, never under a quota, without the controller.
 */
function wholeFiles(): { roots: string[]; files: Map<string, string[]> }[] {
  const v1 = new Map<string, string[]>();
  const text = readFileSync(new URL('../../fixtures/cgroups/hybrid-pressure-1.txt', import.meta.url), 'utf8');
  for (const l of text.split('\n')) {
    const m = /^\/sys\/fs\/cgroup\/((?:cpu|cpuacct|memory|pids)\/.*\/(?:cpu\.stat|cpuacct\.usage|memory\.usage_in_bytes|pids\.current)):(.*)$/.exec(l);
    if (m) v1.set(m[1]!, [...(v1.get(m[1]!) ?? []), m[2]!]);
  }
  const stat = (usage: number, periods: number, throttled: number) => [`usage_usec ${usage}`, 'user_usec 1', 'system_usec 2', 'core_sched.force_idle_usec 0', `nr_periods ${periods}`, `nr_throttled ${throttled}`, `throttled_usec ${throttled * 7}`, 'nr_bursts 0', 'burst_usec 0'];
  const v2 = new Map([
    ['unified/busy/cpu.stat', stat(5000, 40, 9)],
    ['unified/busy/memory.current', ['4096']],
    ['unified/busy/pids.current', ['3']],
    ['unified/free/cpu.stat', stat(700, 0, 0)],
    ['unified/plain/cpu.stat', ['usage_usec 3', 'user_usec 2', 'system_usec 1']],
  ]);
  return [
    { roots: ['cpu', 'cpuacct', 'memory', 'pids'], files: v1 },
    { roots: ['unified'], files: v2 },
  ];
}

const bash = onPath('bash');
describe.each([...probeShells(), ...(bash ? [['bash', bash, []] as [string, string, string[]]] : [])])('the counters on screen, cut to what cosi reads, under %s', (_name, cmd, args) => {
  it.each(wholeFiles().map((h) => [h.roots.join(' '), h] as const))('give the figures the whole files give, in fewer bytes (%s)', async (_roots, { roots, files }) => {
    const top = mkdtempSync(join(tmpdir(), 'cosi-counters-cut-'));
    const paths = new Set<string>();
    for (const [rel, lines] of files) {
      mkdirSync(join(top, dirname(rel)), { recursive: true });
      writeFileSync(join(top, rel), lines.join('\n') + '\n');
      paths.add(dirname(rel).slice(rel.indexOf('/')));
    }
    const tree = roots.map((r) => `@root ${r === 'cpuacct' ? 'cpu' : r} ${top}/${r}\n`).join('');
    const spec = sectionById('cgroup-counters')!;
    const nonce = newNonce();
    const ch = new ChildShellChannel({ kind: 'local', label: 'counters-cut' }, cmd, args);
    try {
      await ch.open();
      const answer = await ch.run(buildProbeScript([{ ...spec, script: `${counterData(tree, [...paths])}\n${spec.script}` }], nonce), terminatorFor(nonce), { timeoutMs: 20_000, maxBytes: 1 << 20 });
      const cut = readBundle(answer, nonce, sectionLimits([spec])).value['cgroup-counters']!.text;
      // The whole files as `grep -H ''` prints them, read by the same parser.
      const whole = `@uptime 1.00\n${roots.map((r) => `@r ${top}/${r}\n`).join('')}${[...files].flatMap(([rel, lines]) => lines.map((l) => `${top}/${rel}:${l}\n`)).join('')}`;
      const a = parseCgroupCounters(cut);
      const b = parseCgroupCounters(whole);
      expect(a.issues).toEqual([]);
      expect(a.value.groups.size).toBe(paths.size);
      expect(new Map([...a.value.groups].sort())).toEqual(new Map([...b.value.groups].sort()));
      expect(cut).not.toMatch(/user_usec|burst|core_sched/);
      expect(cut.length).toBeLessThan(0.7 * whole.length);
    } finally {
      await ch.close();
    }
  });
});
