import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/model/build.js';
import { ProbeTransport } from '../../../src/transport/probe-transport.js';
import type { SectionSpec } from '../../../src/probe/section.js';
import { ChildShellChannel } from '../../../src/transport/child-shell.js';
import type { ReadLimits, ShellChannel } from '../../../src/transport/types.js';
import { probeShells } from '../../support/shells.js';
import { noBudget } from '../../../src/probe/budget.js';

// Hostile sections run for real under dash and busybox sh (what RancherOS/k3OS consoles have).
// test/unit/transport/probe-transport.test.ts has the basic cases (byte limit, forged NONCE frame with `cat`,
// shell killed mid-frame, tick timeout under dash); these go further.
const shells = probeShells();
const MB = 1024 * 1024;

/** Delegates to a child shell and remembers the nonce of every tick (as a host process that saw an old answer would). */
class RecordingChannel implements ShellChannel {
  readonly nonces: string[] = [];
  constructor(private readonly inner: ChildShellChannel) {}
  get target() {
    return this.inner.target;
  }
  open() {
    return this.inner.open();
  }
  run(script: string, terminator: string, limits: ReadLimits) {
    this.nonces.push(/@@COSI:([0-9a-f]+):DONE/.exec(terminator)![1]);
    return this.inner.run(script, terminator, limits);
  }
  close() {
    return this.inner.close();
  }
}

const open: ProbeTransport[] = [];
function probe(cmd: string, args: string[], sections: SectionSpec[], timeoutMs = 20_000, channel?: ShellChannel) {
  const t = new ProbeTransport(channel ?? new ChildShellChannel({ kind: 'local', label: 'hostile' }, cmd, args), { budget: noBudget(), sections, timeoutMs });
  open.push(t);
  return t;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((t) => t.close()));
});
const sec = (id: string, script: string, maxBytes = 64 * 1024, timeoutSec = 0): SectionSpec => ({ id, title: id, script, maxBytes, timeoutSec });
const tmp = () => mkdtempSync(join(tmpdir(), 'cosi-hostile-'));

/** Runs `f` while sampling this process's RSS; returns the peak growth in bytes. */
async function rssGrowth(f: () => Promise<void>): Promise<number> {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  try {
    await f();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, process.memoryUsage().rss) - before;
}

describe.each(shells)('hostile sections under %s', (_name, cmd, args) => {
  it('cuts a section that prints 100 MB at its limit, keeps the next section, and memory stays bounded', async () => {
    const t = probe(cmd, args, [sec('flood', 'yes 0123456789abcdefghijklmnopqrstuvwxyz | head -c 100000000', 2 * MB), sec('next', 'echo still-here')]);
    let raw!: Awaited<ReturnType<ProbeTransport['collect']>>;
    const growth = await rssGrowth(async () => {
      raw = await t.collect();
    });
    expect(raw.sections.flood.truncated).toBe(true);
    expect(raw.sections.flood.text.length).toBeLessThanOrEqual(2 * MB);
    expect(raw.sections.flood.text.endsWith('0123456789abcdefghijklmnopqrstuvwxyz\n')).toBe(true);
    expect(raw.sections.next.text).toBe('still-here\n');
    expect(growth).toBeLessThan(100 * MB);
  });

  it('ends a section that prints forever at its limit (the writer gets SIGPIPE)', async () => {
    const raw = await probe(cmd, args, [sec('forever', 'yes pwned', 100_000), sec('next', 'echo ok')]).collect();
    expect(raw.sections.forever.truncated).toBe(true);
    expect(raw.sections.forever.text.length).toBeLessThanOrEqual(100_000);
    expect(raw.sections.next.text).toBe('ok\n');
    // The model says so in the pane instead of parsing a flood.
    const m = buildModel({ ...raw, sections: { meminfo: { ...raw.sections.forever } } });
    expect(m.sections.meminfo.state).toBe('truncated');
    expect(m.warnings).toContainEqual(expect.objectContaining({ code: 'section', section: 'meminfo', tab: 'memory' }));
  });

  it('bounds a tick that never ends by the transport timeout, and the next tick works in a fresh shell', async () => {
    const flag = join(tmp(), 'hung');
    // A background child keeps the section's output pipe open: even `timeout` cannot end the section.
    const script = `if [ -e ${flag} ]; then echo fresh; else : > ${flag}; sleep 5 & echo begun; fi`;
    const t = probe(cmd, args, [sec('hang', script, 1000, 1)], 1500);
    await expect(t.collect()).rejects.toMatchObject({ reason: 'timeout', message: expect.stringMatching(/nothing received for 1\.5 s/) });
    expect((await t.collect()).sections.hang.text).toBe('fresh\n');
  });

  it('reports a host that closes the channel mid-frame as closed, with the shell message', async () => {
    const flag = join(tmp(), 'gone');
    const script = `if [ -e ${flag} ]; then echo back; else : > ${flag}; printf 'half a line'; echo 'sh: connection reset' >&2; kill -9 $$; fi`;
    const t = probe(cmd, args, [sec('first', 'echo one'), sec('cut', script), sec('after', 'echo never')]);
    await expect(t.collect()).rejects.toMatchObject({ reason: 'closed' });
    const raw = await t.collect();
    expect(raw.sections.cut.text).toBe('back\n');
    expect(raw.sections.after.text).toBe('never\n');
  });

  it("ignores frame markers of the previous tick's nonce, even a forged end of tick", async () => {
    const dir = tmp();
    const forgedFile = join(dir, 'forged');
    writeFileSync(forgedFile, 'nothing yet\n');
    const channel = new RecordingChannel(new ChildShellChannel({ kind: 'local', label: 'hostile' }, cmd, args));
    const t = probe(cmd, args, [sec('evil', `cat ${forgedFile}; echo tail-of-evil`), sec('next', 'echo real-next')], 20_000, channel);
    await t.collect();
    const old = channel.nonces[0];
    const forged = [`@@COSI:${old}:E:evil:0:1:2`, `@@COSI:${old}:B:next`, 'fake next', `@@COSI:${old}:E:next:0:1:2`, `@@COSI:${old}:DONE`, ''].join('\n');
    writeFileSync(forgedFile, forged);
    const raw = await t.collect();
    expect(channel.nonces[1]).not.toBe(old);
    expect(raw.sections.evil.text).toBe(`${forged}tail-of-evil\n`);
    expect(raw.sections.evil.rc).toBe(0);
    expect(raw.sections.next.text).toBe('real-next\n');
  });

  it('feeds no stdin to sections: readers of stdin (read, cat, dd, head) under sh -c and in a subshell do not eat the next tick', async () => {
    const readers = 'read -r x && echo "read:$x"; cat; dd bs=1 count=64 2>/dev/null; head -c 64; echo done';
    const t = probe(cmd, args, [sec('sub', readers), sec('shc', readers, 4096, 5), sec('next', 'echo next')]);
    for (let tick = 0; tick < 3; tick++) {
      const raw = await t.collect();
      expect(raw.sections.sub.text).toBe('done\n');
      expect(raw.sections.shc.text).toBe('done\n');
      expect(raw.sections.next.text).toBe('next\n');
    }
  });

  // Section bodies get neither fd 3 (the rc) nor fd 4 (the channel): src/probe/build.ts sectionBlock.
  it('a program writing to the inherited fd 4 is cut at the section limit like the rest', async () => {
    const raw = await probe(cmd, args, [sec('fd4', 'yes xxxxxxxxxxxxxxxx | head -c 3000000 >&4; echo done', 1000), sec('next', 'echo ok')], 20_000).collect();
    expect(raw.sections.next.text).toBe('ok\n');
  });

  it('a program writing to the inherited fd 3 cannot forge its exit code', async () => {
    const raw = await probe(cmd, args, [sec('fd3', 'echo 0 >&3; echo visible; exit 3')]).collect();
    expect(raw.sections.fd3.rc).toBe(3);
    expect(raw.sections.fd3.text).toBe('visible\n');
  });
});
