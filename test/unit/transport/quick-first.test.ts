import { afterEach, describe, expect, it } from 'vitest';
import type { SectionSpec } from '../../../src/probe/section.js';
import { ChildShellChannel } from '../../../src/transport/child-shell.js';
import { ProbeTransport } from '../../../src/transport/probe-transport.js';
import { probeShells } from '../../support/shells.js';
import { noBudget } from '../../../src/probe/budget.js';

// First frame (#13): the live TUI's first tick reads the once and fast sections only (the header and
// Overview draw at once); the slow ones are `pending` and run on the very next tick.

const open: ProbeTransport[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((t) => t.close()));
});

const [, cmd, args] = probeShells()[0]!;
// Registry ids give the tiers: meminfo fast, os-release once, df and engines slow.
const sec = (id: string, script: string): SectionSpec => ({ id, title: id, script, maxBytes: 4096, timeoutSec: 0 });
const sections = [sec('meminfo', 'echo mem'), sec('os-release', 'echo os'), sec('df', 'echo df'), sec('engines', 'echo socket')];

describe('the quick first tick', () => {
  it('leaves the slow sections and the engines pending, and reads them on the next tick', async () => {
    const asked: string[][] = [];
    const t = new ProbeTransport(new ChildShellChannel({ kind: 'local', label: 'quick' }, cmd, args), {
      budget: noBudget(),
      sections,
      quickFirst: true,
      timeoutMs: 20_000,
      collectEngines: async (s) => {
        asked.push(Object.keys(s));
        return [];
      },
    });
    open.push(t);
    const first = await t.collect();
    expect(Object.keys(first.sections)).toEqual(['meminfo', 'os-release']);
    expect(first.pending).toEqual(['df', 'engines']);
    expect(asked).toEqual([]);
    const second = await t.collect();
    expect(second.pending).toBeUndefined();
    expect(Object.keys(second.sections)).toEqual(['meminfo', 'os-release', 'df', 'engines']);
    expect(second.sections.df.text).toBe('df\n');
    expect(asked).toEqual([['meminfo', 'os-release', 'df', 'engines']]);
  });

  it('without quickFirst (cosi snapshot) the first tick reads every section', async () => {
    const t = new ProbeTransport(new ChildShellChannel({ kind: 'local', label: 'full' }, cmd, args), { budget: noBudget(), sections, timeoutMs: 20_000 });
    open.push(t);
    const first = await t.collect();
    expect(first.pending).toBeUndefined();
    expect(Object.keys(first.sections)).toEqual(['meminfo', 'os-release', 'df', 'engines']);
  });

  it('a section named in collect({run}) is read afresh on a tick where its tier would let the held answer stand', async () => {
    // df (slow, no marker moves it here) would be held on tick 1; cosi snapshot asks for its counters again.
    const counter = sec('df', 'echo "df $$ $(cat /proc/uptime)"');
    const t = new ProbeTransport(new ChildShellChannel({ kind: 'local', label: 'fresh' }, cmd, args), { budget: noBudget(), sections: [sections[0], counter], timeoutMs: 20_000 });
    open.push(t);
    const first = await t.collect();
    const held = await t.collect();
    expect(held.sections.df.text).toBe(first.sections.df.text);
    await new Promise((r) => setTimeout(r, 20));
    const fresh = await t.collect({ run: ['df'] });
    expect(fresh.sections.df.text).not.toBe(first.sections.df.text);
  });
});
