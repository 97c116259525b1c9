import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ChildShellChannel } from '../../../src/transport/child-shell.js';
import { ProbeTransport } from '../../../src/transport/probe-transport.js';
import { SECTIONS } from '../../../src/probe/sections.js';
import type { SectionSpec } from '../../../src/probe/section.js';
import { probeShells } from '../../support/shells.js';
import { noBudget } from '../../../src/probe/budget.js';

const shells = probeShells();
const [, firstCmd, firstArgs] = shells[0];

const open: ProbeTransport[] = [];
function probe(cmd: string, args: string[], sections?: SectionSpec[], timeoutMs?: number) {
  const t = new ProbeTransport(new ChildShellChannel({ kind: 'local', label: 'test' }, cmd, args), { budget: noBudget(), sections, timeoutMs });
  open.push(t);
  return t;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((t) => t.close()));
});

describe.each(shells)('the probe under %s', (_name, cmd, args) => {
  it('returns every section with its exit code, twice in the same shell', async () => {
    const t = probe(cmd, args);
    for (let tick = 0; tick < 2; tick++) {
      const raw = await t.collect();
      // (The counters of the cgroups on screen are read only when rows are on screen: none here.)
      expect(Object.keys(raw.sections)).toEqual(SECTIONS.map((s) => s.id).filter((id) => id !== 'cgroup-counters'));
      expect(raw.sections.meminfo.rc).toBe(0);
      expect(raw.sections.meminfo.text).toMatch(/^MemTotal:\s+\d+ kB$/m);
      expect(raw.sections.mountinfo.text.split('\n').length).toBeGreaterThan(3);
      expect(raw.sections.identity.text).toMatch(/^uname=Linux /m);
      // Every section finished (an exit code, 127 for a tool this machine lacks); what the
      // sections hold depends on the machine: test/lab/tools.test.ts compares them with it.
      expect(Object.values(raw.sections).filter((s) => s.rc === null)).toEqual([]);
    }
  });

  it('cuts a section at its byte limit and records the truncation', async () => {
    const t = probe(cmd, args, [{ id: 'big', title: 'big', script: 'i=0; while [ $i -lt 5000 ]; do echo "line $i"; i=$((i+1)); done', maxBytes: 1000, timeoutSec: 0 }]);
    const s = (await t.collect()).sections.big;
    expect(s.truncated).toBe(true);
    expect(s.text.length).toBeLessThanOrEqual(1000);
    expect(s.text.endsWith('\n')).toBe(true);
    expect(s.text.startsWith('line 0\nline 1\n')).toBe(true);
  });

  it('ignores frame markers printed by the host, and reads no stdin in sections', async () => {
    const forged = [
      { id: 'evil', title: 'evil', script: "printf '@@COSI:NONCE:E:evil:0:1:2\\n@@COSI:deadbeef:DONE\\n'; cat; echo after", maxBytes: 4096, timeoutSec: 0 },
      { id: 'next', title: 'next', script: 'echo still-here', maxBytes: 4096, timeoutSec: 0 },
    ];
    const raw = await probe(cmd, args, forged).collect();
    expect(raw.sections.evil.text).toBe('@@COSI:NONCE:E:evil:0:1:2\n@@COSI:deadbeef:DONE\nafter\n');
    expect(raw.sections.next.text).toBe('still-here\n');
  });

  it('reports a shell that dies mid-frame, and reconnects on the next tick', async () => {
    const flag = join(mkdtempSync(join(tmpdir(), 'cosi-')), 'died');
    const script = `if [ -e ${flag} ]; then echo back; else : > ${flag}; echo partial; kill -9 $$; fi`;
    const t = probe(cmd, args, [{ id: 'die', title: 'die', script, maxBytes: 4096, timeoutSec: 0 }]);
    await expect(t.collect()).rejects.toMatchObject({ reason: 'closed' });
    expect((await t.collect()).sections.die.text).toBe('back\n');
  });
});

it('gives up on a tick that never ends, kills the shell, and the next tick works', async () => {
  const flag = join(mkdtempSync(join(tmpdir(), 'cosi-')), 'hung');
  const script = `if [ -e ${flag} ]; then echo fresh; else : > ${flag}; sleep 30; fi`;
  // 3 s, not less: the deadline also bounds the next tick, which starts a new shell (slow at load 16)
  const t = probe(firstCmd, firstArgs, [{ id: 'hang', title: 'hang', script, maxBytes: 100, timeoutSec: 0 }], 3000);
  await expect(t.collect()).rejects.toMatchObject({ reason: 'timeout' });
  expect((await t.collect()).sections.hang.text).toBe('fresh\n');
});

it('bounds a slow section in time when the host has GNU timeout', async () => {
  const slow: SectionSpec[] = [
    { id: 'slow', title: 'slow', script: 'echo begun; sleep 20; echo never', maxBytes: 100, timeoutSec: 1 },
    { id: 'after', title: 'after', script: 'echo ok', maxBytes: 100, timeoutSec: 0 },
  ];
  const raw = await probe(firstCmd, firstArgs, slow, 10_000).collect();
  expect(raw.sections.slow.text).toBe('begun\n');
  expect(raw.sections.slow.rc).toBe(124);
  expect(raw.sections.after.text).toBe('ok\n');
});

it('says so when the channel runs one exec per tick (a server that refused a shell)', async () => {
  const inner = new ChildShellChannel({ kind: 'local', label: 'test' }, firstCmd, firstArgs);
  const execLike = Object.assign(Object.create(inner) as ChildShellChannel, { mode: 'exec' as const });
  const t = new ProbeTransport(execLike, { budget: noBudget(), sections: [{ id: 'x', title: 'x', script: 'echo x', maxBytes: 100, timeoutSec: 0 }] });
  open.push(t);
  expect((await t.collect()).sections.x.text).toBe('x\n');
  expect(t.notice()).toBe('the server refused a shell: one exec per refresh (slower, same data)');
  expect(probe(firstCmd, firstArgs).notice()).toBeNull();
});
