import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readBundle } from '../../../parsers/bundle.js';
import { buildProbeScript, SAME_TEXT_MAX } from '../../../src/probe/build.js';
import type { SectionSpec } from '../../../src/probe/section.js';
import { ChildShellChannel } from '../../../src/transport/child-shell.js';
import { ProbeTransport } from '../../../src/transport/probe-transport.js';
import type { ReadLimits, ShellChannel } from '../../../src/transport/types.js';
import { said } from '../parsers/_support.js';
import { onPath, probeShells } from '../../support/shells.js';
import { sectionById } from '../../../src/probe/sections.js';
import { SLOW_EVERY } from '../../../src/probe/tiers.js';
import { noBudget } from '../../../src/probe/budget.js';

// "Unchanged is free": the host answers a section whose output did not change with one S line,
// from what the shell remembers (in its variables, never on disk); cosi keeps the previous text.

describe('S frames in a recorded answer', () => {
  const limits = { meminfo: 1000, df: 1000, kube: 1000 };
  it('reads "same as last time" with its exit code and timing, next to full sections', () => {
    const answer = [
      '@@COSI:N1:S:meminfo:0:100.00:100.02',
      '@@COSI:N1:B:df',
      'Filesystem 1024-blocks Used Available Capacity Mounted on',
      '@@COSI:N1:E:df:0:100.02:100.03',
      '',
      '@@COSI:N1:DONE',
      '',
    ].join('\n');
    const r = readBundle(answer, 'N1', limits);
    expect(r.issues).toEqual([]);
    expect(r.value.meminfo).toEqual({ text: '', rc: 0, truncated: false, bytes: 0, ms: 20, same: true });
    expect(r.value.df.text).toBe('Filesystem 1024-blocks Used Available Capacity Mounted on');
    expect(r.value.df.same).toBeUndefined();
  });

  it('ignores S frames of another nonce and of ids the probe did not ask for', () => {
    const answer = '@@COSI:OLD:S:meminfo:0:1:2\n@@COSI:N1:S:zzz:0:1:2\n@@COSI:N1:DONE\n';
    const r = readBundle(answer, 'N1', limits);
    expect(r.value).toEqual({});
    expect(said(r.issues)[0]!.message).toMatch(/dropped 1 section the probe did not ask for: zzz/);
  });

  it('the script sends an S frame only for sections cosi says it holds', () => {
    const sec: SectionSpec = { id: 'meminfo', title: 'm', script: 'cat /proc/meminfo', maxBytes: 100, timeoutSec: 0 };
    expect(buildProbeScript([sec], 'N', { same: new Set(['meminfo']) })).toMatch(/^_cosi_sec_meminfo 1 0$/m);
    expect(buildProbeScript([sec], 'N')).toMatch(/^_cosi_sec_meminfo 0 0$/m);
  });
});

// dash and busybox sh where this machine has them (found on PATH), else its /bin/sh: no machine path named.
const shells = probeShells();

/** Delegates to a child shell and keeps every answer (the bytes that crossed the channel). */
class Recording implements ShellChannel {
  readonly answers: string[] = [];
  constructor(private readonly inner: ChildShellChannel) {}
  get target() {
    return this.inner.target;
  }
  open() {
    return this.inner.open();
  }
  async run(script: string, terminator: string, limits: ReadLimits) {
    const a = await this.inner.run(script, terminator, limits);
    this.answers.push(a);
    return a;
  }
  close() {
    return this.inner.close();
  }
}

const open: ProbeTransport[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((t) => t.close()));
});

describe.each(shells)('unchanged sections under %s', (_name, cmd, args) => {
  const setup = (sections: SectionSpec[]) => {
    const ch = new Recording(new ChildShellChannel({ kind: 'local', label: 'same' }, cmd, args));
    const t = new ProbeTransport(ch, { budget: noBudget(), sections, timeoutMs: 20_000 });
    open.push(t);
    return { ch, t };
  };
  const sec = (id: string, script: string, extra: Partial<SectionSpec> = {}): SectionSpec => ({ id, title: id, script, maxBytes: 1 << 20, timeoutSec: 0, ...extra });

  it('are one line on the wire and keep their text, their exit code and their place', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cosi-same-'));
    const file = join(dir, 'changing');
    writeFileSync(file, 'one\n');
    const big = 'x'.repeat(99) + '\n';
    const { ch, t } = setup([
      sec('steady', 'echo steady; exit 3'),
      sec('moving', `cat ${file}`),
      // Over the size the shell remembers as text: compared by cksum.
      sec('large', `i=0; while [ $i -lt 1000 ]; do echo ${'x'.repeat(99)}; i=$((i+1)); done`),
      sec('bounded', 'echo "a bounded one"', { bounded: true }),
    ]);
    const first = await t.collect();
    expect(t.changed).toEqual(['steady', 'moving', 'large', 'bounded']);
    writeFileSync(file, 'two\n');
    const second = await t.collect();
    expect(t.same).toEqual(['steady', 'large', 'bounded']);
    expect(t.changed).toEqual(['moving']);
    expect(ch.answers[1]).not.toContain('steady\n');
    expect(ch.answers[1]).toContain('two\n');
    expect(ch.answers[1].length).toBeLessThan(500);
    expect(ch.answers[0].length).toBeGreaterThan(100_000);
    expect(second.sections.steady).toMatchObject({ text: 'steady\n', rc: 3 });
    expect(second.sections.large.text).toBe(big.repeat(1000));
    expect(second.sections.bounded.text).toBe('a bounded one\n');
    expect(second.sections.moving.text).toBe('two\n');
    expect(Object.keys(second.sections)).toEqual(Object.keys(first.sections));
  });

  it('a failed tick forgets everything: the next shell sends every section in full', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cosi-same-'));
    const flag = join(dir, 'die');
    const { ch, t } = setup([sec('steady', 'echo steady'), sec('die', `if [ -e ${flag} ]; then rm ${flag}; kill -9 $$; fi; echo alive`)]);
    await t.collect();
    writeFileSync(flag, '');
    await expect(t.collect()).rejects.toMatchObject({ reason: 'closed' });
    const raw = await t.collect();
    expect(t.same).toEqual([]);
    expect(ch.answers.at(-1)).toContain('steady\n');
    expect(raw.sections.steady.text).toBe('steady\n');
  });

  it('a slow section runs again only when its marker moves (df after a mount table change)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cosi-same-'));
    const mounts = join(dir, 'mountinfo');
    const df = join(dir, 'df');
    writeFileSync(mounts, 'm1\n');
    writeFileSync(df, 'df1\n');
    const { t } = setup([sec('mountinfo', `cat ${mounts}`), sec('df', `cat ${df}`), sec('os-release', `cat ${df}`)]);
    await t.collect();
    writeFileSync(df, 'df2\n');
    // Tick 1: df is not due and the mount table did not move: the last df stands; os-release is never read again.
    const quiet = await t.collect();
    expect(quiet.sections.df.text).toBe('df1\n');
    expect(quiet.sections['os-release'].text).toBe('df1\n');
    writeFileSync(mounts, 'm1\nm2\n');
    const moved = await t.collect();
    expect(t.changed).toEqual(['mountinfo', 'df']);
    expect(moved.sections.df.text).toBe('df2\n');
    expect(moved.sections['os-release'].text).toBe('df1\n');
  });

  it("containerd's tasks, globbed once per tick, move the markers of runtimes and containerd-meta", async () => {
    const root = mkdtempSync(join(tmpdir(), 'cosi-tasks-'));
    const ch = new Recording(new ChildShellChannel({ kind: 'local', label: 'tasks' }, cmd, args));
    // Each prints the glob its marker saw: a section runs only on a tick where the tasks moved.
    const t = new ProbeTransport(ch, { budget: noBudget(), hostRoot: root, timeoutMs: 20_000, sections: [sec('runtimes', 'echo "r $_cosi_tasks"'), sec('containerd-meta', 'echo "m $_cosi_tasks"')] });
    open.push(t);
    await t.collect();
    expect(t.changed).toEqual(['runtimes', 'containerd-meta']);
    await t.collect();
    expect(t.changed).toEqual([]);
    mkdirSync(join(root, 'run/containerd/io.containerd.runtime.v2.task/k8s.io/abc'), { recursive: true });
    const moved = await t.collect();
    expect(t.changed).toEqual(['runtimes', 'containerd-meta']);
    expect(moved.sections.runtimes.text).toBe(`r ${root}/run/containerd/io.containerd.runtime.v2.task/k8s.io/abc ${root}/run/k3s/containerd/io.containerd.runtime.v2.task/*/*\n`);
    expect(moved.sections['containerd-meta'].text).toBe(moved.sections.runtimes.text.replace(/^r/, 'm'));
    await t.collect();
    expect(t.changed).toEqual([]);
  });

  it('a section that said absent (rc 127) skips its marker until its periodic run', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cosi-absent-'));
    const runs = join(root, 'runs');
    const ch = new Recording(new ChildShellChannel({ kind: 'local', label: 'absent' }, cmd, args));
    // Both markers are the task list, which moves every tick; runtimes says absent, containerd-meta does not.
    const t = new ProbeTransport(ch, { budget: noBudget(), hostRoot: root, timeoutMs: 20_000, sections: [sec('runtimes', `echo r >> ${runs}; exit 127`), sec('containerd-meta', `echo m >> ${runs}`)] });
    open.push(t);
    for (let tick = 0; tick <= SLOW_EVERY; tick++) {
      mkdirSync(join(root, `run/containerd/io.containerd.runtime.v2.task/k8s.io/t${tick}`), { recursive: true });
      await t.collect();
    }
    const lines = readFileSync(runs, 'utf8').split('\n');
    expect(lines.filter((l) => l === 'r')).toHaveLength(2);
    expect(lines.filter((l) => l === 'm')).toHaveLength(SLOW_EVERY + 1);
  });
});

// The mount table of a big node (10,000 lines, MBs) is over SAME_TEXT_MAX: the shell keeps its
// cksum, not its text, and answers "same" from it; df's marker is that kept value. Under bash too
// (the usual login shell), whose _cosi_slurp reads the table with one builtin.
const bash = onPath('bash');
describe.each([...shells, ...(bash ? [['bash', bash, []] as [string, string, string[]]] : [])])('the mount table over SAME_TEXT_MAX under %s', (_name, cmd, args) => {
  it('is answered "same" from its cksum, sent again when one byte moved, and moves df with it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cosi-mounts-'));
    const table = join(dir, 'mountinfo');
    const lines = (k: number) => Array.from({ length: 2000 }, (_, i) => `${100 + i} 1 0:${i} / /run/k8s/pod-${i === 7 ? k : i} rw,relatime - tmpfs tmpfs rw\n`).join('');
    writeFileSync(table, lines(7));
    expect(lines(7).length).toBeGreaterThan(SAME_TEXT_MAX);
    const mountinfo = sectionById('mountinfo')!;
    expect(mountinfo.script).toContain('_f=/proc/self/mountinfo;');
    const ch = new Recording(new ChildShellChannel({ kind: 'local', label: 'mounts' }, cmd, args));
    const dfRuns = join(dir, 'df-runs');
    const t = new ProbeTransport(ch, {
      budget: noBudget(),
      timeoutMs: 20_000,
      sections: [{ ...mountinfo, script: mountinfo.script.replace('_f=/proc/self/mountinfo;', `_f=${table};`) }, { id: 'df', title: 'df', script: `echo run >> ${dfRuns}; cat ${dfRuns}`, maxBytes: 1000, timeoutSec: 0 }],
    });
    open.push(t);
    await t.collect();
    expect(ch.answers[0]!.length).toBeGreaterThan(SAME_TEXT_MAX);
    const same = await t.collect();
    expect(t.same).toEqual(['mountinfo']);
    expect(ch.answers[1]!.length).toBeLessThan(300);
    expect(same.sections.mountinfo.text).toBe(lines(7));
    // One byte moved in the middle of the table, same length: sent in full, and df runs again.
    writeFileSync(table, lines(8));
    const moved = await t.collect();
    expect(t.changed).toEqual(['mountinfo', 'df']);
    expect(moved.sections.mountinfo.text).toBe(lines(8));
    await t.collect();
    expect(t.same).toEqual(['mountinfo']);
    expect(readFileSync(dfRuns, 'utf8')).toBe('run\nrun\n');
  });
});
