import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SectionSpec } from '../../../src/probe/section.js';
import { noBudget } from '../../../src/probe/budget.js';
import { ChildShellChannel } from '../../../src/transport/child-shell.js';
import { ProbeTransport } from '../../../src/transport/probe-transport.js';
import type { ReadLimits, ShellChannel } from '../../../src/transport/types.js';
import { probeShells } from '../../support/shells.js';

// A persistent shell is given the probe's helpers and one function per section once; a steady tick
// sends one call per section. A new shell (after a failed tick) is given them again, and one exec
// per tick (a new shell each time) every time.

/** Records the scripts sent; `exec`: a new shell for every run, as an SSH exec channel is. */
class Recording implements ShellChannel {
  readonly scripts: string[] = [];
  constructor(
    private readonly inner: ChildShellChannel,
    readonly mode: 'shell' | 'exec' = 'shell',
  ) {}
  get target() {
    return this.inner.target;
  }
  open() {
    return this.inner.open();
  }
  async run(script: string, terminator: string, limits: ReadLimits) {
    this.scripts.push(script);
    if (this.mode === 'shell') return this.inner.run(script, terminator, limits);
    await this.inner.open();
    try {
      return await this.inner.run(script, terminator, limits);
    } finally {
      await this.inner.close();
    }
  }
  close() {
    return this.inner.close();
  }
}

const open: ProbeTransport[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((t) => t.close()));
});

const sec = (id: string, script: string, extra: Partial<SectionSpec> = {}): SectionSpec => ({ id, title: id, script, maxBytes: 4096, timeoutSec: 0, ...extra });
const defines = (script: string) => [...script.matchAll(/^(_cosi_sec_[a-z0-9_]+|_cosi_emit)\(\)/gm)].map((m) => m[1]);

describe.each(probeShells())('section functions under %s', (_name, cmd, args) => {
  const setup = (mode: 'shell' | 'exec' = 'shell') => {
    const dir = mkdtempSync(join(tmpdir(), 'cosi-fn-'));
    const file = join(dir, 'moving');
    const mounts = join(dir, 'mountinfo');
    writeFileSync(file, 'one\n');
    writeFileSync(mounts, 'm1\n');
    const sections = [
      sec('moving', `cat ${file}`),
      sec('inline-one', '_cosi_put "inline $1"', { inline: true }),
      sec('bounded-one', 'echo "bounded"', { bounded: true }),
      sec('mountinfo', `cat ${mounts}`),
      // Slow sections with change markers: df's is the mount table as the shell last sent it,
      // systemd's a `set --` (the function's arguments must be read before it).
      sec('df', `echo "df of $(cat ${mounts})"`),
      sec('systemd', 'echo units'),
      sec('die', `if [ -e ${join(dir, 'die')} ]; then rm ${join(dir, 'die')}; kill -9 $$; fi; echo alive`),
    ];
    const ch = new Recording(new ChildShellChannel({ kind: 'local', label: 'fn' }, cmd, args), mode);
    const t = new ProbeTransport(ch, { budget: noBudget(), sections, timeoutMs: 20_000 });
    open.push(t);
    return { ch, t, file, mounts, dir };
  };

  it('defines each section once per shell; a steady tick only calls them and reads the same', async () => {
    const { ch, t, file, mounts } = setup();
    const first = await t.collect();
    expect(defines(ch.scripts[0]!)).toEqual(['_cosi_emit', '_cosi_sec_moving', '_cosi_sec_inline_one', '_cosi_sec_bounded_one', '_cosi_sec_mountinfo', '_cosi_sec_df', '_cosi_sec_systemd', '_cosi_sec_die']);
    expect(first.sections.moving!.text).toBe('one\n');
    writeFileSync(file, 'two\n');
    const second = await t.collect();
    expect(defines(ch.scripts[1]!)).toEqual([]);
    expect(ch.scripts[1]!.length).toBeLessThan(ch.scripts[0]!.length / 3);
    expect(second.sections).toMatchObject({ moving: { text: 'two\n' }, 'inline-one': { text: 'inline \n' }, 'bounded-one': { text: 'bounded\n' }, df: { text: 'df of m1\n' }, systemd: { text: 'units\n' } });
    // df follows its marker (the mount table the shell last sent), through the function's arguments.
    writeFileSync(mounts, 'm2\n');
    const third = await t.collect();
    expect(defines(ch.scripts[2]!)).toEqual([]);
    expect(third.sections.df!.text).toBe('df of m2\n');
    expect(t.changed).toEqual(['mountinfo', 'df']);
  });

  it('a new shell after a failed tick is given every function again', async () => {
    const { ch, t, dir, file } = setup();
    await t.collect();
    await t.collect();
    writeFileSync(file, 'gone\n');
    writeFileSync(join(dir, 'die'), '');
    await expect(t.collect()).rejects.toMatchObject({ reason: 'closed' });
    const raw = await t.collect();
    expect(defines(ch.scripts.at(-1)!)).toContain('_cosi_sec_moving');
    expect(raw.sections.moving!.text).toBe('gone\n');
    expect(raw.sections.die!.text).toBe('alive\n');
  });

  it('one exec per tick (a new shell each time) is given every function every tick', async () => {
    const { ch, t, file } = setup('exec');
    await t.collect();
    writeFileSync(file, 'two\n');
    const second = await t.collect();
    expect(defines(ch.scripts[1]!)).toContain('_cosi_sec_moving');
    expect(second.sections.moving!.text).toBe('two\n');
    expect(second.sections['bounded-one']!.text).toBe('bounded\n');
  });
});
