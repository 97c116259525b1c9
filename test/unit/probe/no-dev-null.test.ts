import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildProbeScript, newNonce } from '../../../src/probe/build.js';
import { SECTIONS } from '../../../src/probe/sections.js';
import { elevateScript } from '../../../src/probe/sudo.js';
import { ChildShellChannel } from '../../../src/transport/child-shell.js';
import { ProbeTransport } from '../../../src/transport/probe-transport.js';
import { noBudget } from '../../../src/probe/budget.js';

// A rescue chroot without /dev: every `2>/dev/null` of the probe would create /dev/null as a regular
// file on the host (and later writes would fill it). The probe checks first and writes nothing.
const canUnshare = spawnSync('unshare', ['-m', '--propagation', 'private', 'true']).status === 0;

describe('the probe script without a /dev/null', () => {
  it('checks for the device before its first redirection', () => {
    for (const script of [buildProbeScript(SECTIONS, newNonce()), elevateScript('T')]) {
      const guard = script.indexOf('[ -c /dev/null ]');
      expect(guard).toBeGreaterThanOrEqual(0);
      expect(script.indexOf('/dev/null')).toBe(guard + '[ -c '.length);
    }
  });
});

const open: ProbeTransport[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((t) => t.close()));
});

// /dev/null replaced by a regular file in a private mount namespace: what a chroot where a redirection
// already created it looks like. Whatever the probe wrote to /dev/null would land in that file.
describe.runIf(canUnshare)('a shell whose /dev/null is not the device', () => {
  it('is not probed: the error says why, and nothing was written to /dev/null', async () => {
    const fake = join(mkdtempSync(join(tmpdir(), 'cosi-devnull-')), 'null');
    writeFileSync(fake, '');
    const shell = `mount --bind ${fake} /dev/null && exec dash`;
    const t = new ProbeTransport(new ChildShellChannel({ kind: 'command', label: 'chroot' }, 'unshare', ['-m', '--propagation', 'private', 'sh', '-c', shell]), { budget: noBudget(), timeoutMs: 20_000 });
    open.push(t);
    await expect(t.collect()).rejects.toThrow(/^the host has no \/dev\/null device \(a rescue chroot\?\): cosi did not probe it, because its shell redirections would create \/dev\/null as a file$/);
    expect(readFileSync(fake, 'utf8')).toBe('');
  });
});
