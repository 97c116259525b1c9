import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SectionSpec } from '../../../src/probe/section.js';
import { ChildShellChannel } from '../../../src/transport/child-shell.js';
import { ProbeTransport } from '../../../src/transport/probe-transport.js';
import { noBudget } from '../../../src/probe/budget.js';

// Issue 11 item 16: --sudo ran `sudo -n` in every tick (one auth-log entry per refresh). Now one
// `sudo -n` per session gives a root shell that every tick hands its root sections to. A `sudo`
// stand-in on PATH counts its calls and marks the shell it starts (this runs on any machine).
const dir = mkdtempSync(join(tmpdir(), 'cosi-sudo-once-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fakeSudo(name: string, body: string): string {
  const bin = join(dir, name);
  writeFileSync(join(dir, `${name}.log`), '');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'sudo'), `#!/bin/sh\nprintf 'call %s %s\\n' "$1" "$2" >> ${join(dir, `${name}.log`)}\n${body}\n`);
  chmodSync(join(bin, 'sudo'), 0o755);
  return bin;
}
const calls = (name: string) => readFileSync(join(dir, `${name}.log`), 'utf8').split('\n').filter(Boolean);

const section = (id: string, script: string, root = false): SectionSpec => ({ id, title: id, script, maxBytes: 10_000, timeoutSec: 0, root });
// COSI_ROOT is set only in the shell the stand-in sudo starts: it shows where a section ran.
const SECTIONS = [section('who', 'echo "user:${COSI_ROOT:-no}"'), section('priv', 'echo "root:${COSI_ROOT:-no}"', true), section('after', 'echo after')];

/** Four ticks through a shell whose PATH starts with `bin`: what each section printed, and the notice. */
async function fourTicks(bin: string): Promise<{ ticks: string[][]; notice: string | null }> {
  const ch = new ChildShellChannel({ kind: 'local', label: 'local' }, '/bin/sh', ['-c', `PATH=${bin}:$PATH; export PATH; exec /bin/sh`]);
  const t = new ProbeTransport(ch, { budget: noBudget(), sudo: true, sections: SECTIONS, timeoutMs: 10_000 });
  try {
    const ticks: string[][] = [];
    for (let i = 0; i < 4; i++) {
      const raw = await t.collect();
      ticks.push(SECTIONS.map((s) => `${raw.sections[s.id].rc} ${raw.sections[s.id].text}`));
    }
    return { ticks, notice: t.notice() };
  } finally {
    await t.close();
  }
}

describe('--sudo elevates once per session', () => {
  it('one sudo -n for 4 ticks; root sections run in the root shell, the others as the user', async () => {
    const r = await fourTicks(fakeSudo('ok', '[ "$1" = -n ] && shift; COSI_ROOT=yes; export COSI_ROOT; exec "$@"'));
    expect(r.ticks).toEqual(Array(4).fill(['0 user:no\n', '0 root:yes\n', '0 after\n']));
    expect(calls('ok')).toEqual(['call -n /bin/sh']);
    expect(r.notice).toBeNull();
  });

  it('a refused sudo -n is asked once, said once, and the root sections are read as the user', async () => {
    const r = await fourTicks(fakeSudo('no', 'echo "sudo: a password is required" >&2; exit 1'));
    expect(r.ticks).toEqual(Array(4).fill(['0 user:no\n', '0 root:no\n', '0 after\n']));
    expect(calls('no')).toEqual(['call -n /bin/sh']);
    expect(r.notice).toBe('sudo -n was refused (a password?): root-only sections are read without root');
  });
});
