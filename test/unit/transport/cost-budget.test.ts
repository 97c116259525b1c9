import { afterEach, describe, expect, it } from 'vitest';
import type { SectionSpec } from '../../../src/probe/section.js';
import { CostBudget, MAX_WAIT_MS, STALE_MS } from '../../../src/probe/budget.js';
import { ChildShellChannel } from '../../../src/transport/child-shell.js';
import { ProbeTransport } from '../../../src/transport/probe-transport.js';
import { probeShells } from '../../support/shells.js';

// #13: a section that costs the host a lot is held back (its last answer stands) until its wait is
// over; the snapshot names it once its text is a minute old; the user's `r` (full) reads it at once.
// That cheap sections keep their tiers' rhythm under the default share is budget.test.ts's, on
// recorded costs: here it would depend on how loaded the machine running the test is.

const open: ProbeTransport[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((t) => t.close()));
});

// mountinfo is a fast section: without the budget it runs every tick. Its body here takes 50 ms of
// the host's time (costly) and prints something new each run; meminfo is cheap.
const sec = (id: string, script: string): SectionSpec => ({ id, title: id, script, maxBytes: 4096, timeoutSec: 0 });
const sections = [sec('meminfo', 'echo mem'), sec('mountinfo', 'sleep 0.05; echo "mounts $$ $(cat /proc/uptime)"')];

describe.each(probeShells())('the cost budget in the transport (%s)', (_name, cmd, args) => {
  it('holds a costly section back, names it once stale, and reads it at once when asked for everything', async () => {
    let clock = 1_000_000 - 4000;
    // A share so small that 50 ms waits the longest a wait can be.
    const t = new ProbeTransport(new ChildShellChannel({ kind: 'local', label: 'budget' }, cmd, args), { sections, timeoutMs: 20_000, now: () => clock, budget: new CostBudget(1e-6) });
    open.push(t);
    const zeroth = await t.collect();
    expect(zeroth.sections.mountinfo!.ms).toBeGreaterThanOrEqual(20);
    // One run is no proof: the next tick reads it again.
    clock = 1_000_000 - 2000;
    const first = await t.collect();
    const a = first.sections.mountinfo!.text;
    expect(a).not.toBe(zeroth.sections.mountinfo!.text);
    clock = 1_000_000;
    const held = await t.collect();
    expect(held.sections.mountinfo!.text).toBe(a);
    expect(t.changed).toEqual([]);
    expect(held.stale?.mountinfo).toBeUndefined();
    clock = 1_000_000 + STALE_MS;
    const old = await t.collect();
    expect(old.sections.mountinfo!.text).toBe(a);
    // Only mountinfo's figure is asserted: on a loaded machine even `echo mem` can take 20 ms twice.
    expect(old.stale?.mountinfo).toBe(1_000_000 - 2000);
    clock += 2000;
    const full = await t.collect({ full: true });
    const b = full.sections.mountinfo!.text;
    expect(b).not.toBe(a);
    expect(full.stale).toBeUndefined();
    const at = clock;
    clock += 2000;
    expect((await t.collect()).sections.mountinfo!.text).toBe(b);
    clock = at + MAX_WAIT_MS;
    expect((await t.collect()).sections.mountinfo!.text).not.toBe(b);
  });
});
