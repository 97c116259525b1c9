import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveSshConfig, type ResolvedSsh } from '../../../src/transport/ssh/config.js';
import { verifyHostKey } from '../../../src/transport/ssh/hostkey.js';
import { checkHostKey, parseKnownHosts } from '../../../src/transport/ssh/known-hosts.js';
import type { SshPrompts } from '../../../src/transport/ssh/prompts.js';

const fx = (f: string) => readFileSync(join(__dirname, 'fixtures', f), 'utf8');
const k1 = fx('k1.pub').trim().split(' ');
const k2 = fx('k2.pub').trim().split(' ');
const blob1 = Buffer.from(k1[1], 'base64');
const fp1 = fx('k1.fp').split(' ')[1];

/** Answers questions from a script and records everything shown. */
function scripted(answers: (string | null)[]) {
  const shown: string[] = [];
  const prompts: SshPrompts = {
    ask: async (q) => {
      shown.push(q);
      return answers.length ? (answers.shift() as string | null) : null;
    },
    secret: async () => null,
    notice: (t) => shown.push(t),
  };
  return { prompts, shown };
}

const homes: string[] = [];
afterAll(() => {
  for (const h of homes) rmSync(h, { recursive: true, force: true });
});

function target(opts: string[], knownHosts = ''): { r: ResolvedSsh; kh: string } {
  const home = mkdtempSync(join(tmpdir(), 'cosi-hk-'));
  homes.push(home);
  const kh = join(home, 'known_hosts');
  if (knownHosts) writeFileSync(kh, knownHosts);
  const r = resolveSshConfig('node7:2222', { configFile: '/dev/null', options: [`UserKnownHostsFile=${kh}`, 'GlobalKnownHostsFile=none', ...opts] }, { home, env: {} });
  if (!r.ok) throw new Error(r.error);
  return { r: r.value, kh };
}

describe('verifyHostKey', () => {
  it('unknown host: shows the SHA256 fingerprint, asks, "yes" records [host]:port', async () => {
    const { r, kh } = target([]);
    const { prompts, shown } = scripted(['yes']);
    expect(await verifyHostKey(r, blob1, prompts)).toEqual({ ok: true, added: true });
    expect(shown[0]).toBe(
      `The authenticity of host '[node7]:2222' can't be established.\nED25519 key fingerprint is ${fp1}.\n` +
        `This key is not known by any other names.\nAre you sure you want to continue connecting (yes/no/[fingerprint])? `,
    );
    expect(shown[1]).toBe(`Warning: Permanently added '[node7]:2222' (ED25519) to the list of known hosts.`);
    expect(readFileSync(kh, 'utf8')).toBe(`[node7]:2222 ssh-ed25519 ${k1[1]}\n`);
  });

  it('typing the fingerprint accepts too; other words ask again', async () => {
    const { r } = target([]);
    const { prompts, shown } = scripted(['maybe', fp1]);
    expect((await verifyHostKey(r, blob1, prompts)).ok).toBe(true);
    expect(shown[1]).toBe(`Please type 'yes', 'no' or the fingerprint: `);
  });

  it('"no" refuses and records nothing', async () => {
    const { r, kh } = target([]);
    const res = await verifyHostKey(r, blob1, scripted(['no']).prompts);
    expect(res).toEqual({ ok: false, error: '[node7]:2222: host key not accepted. Host key verification failed.' });
    expect(existsSync(kh)).toBe(false);
  });

  it('no terminal to ask: refuses, and names the ssh option that accepts the key (the CLI prints the whole command)', async () => {
    const { r } = target([]);
    const res = await verifyHostKey(r, blob1, scripted([null]).prompts);
    expect(res).toEqual({
      ok: false,
      error: `[node7]:2222: host key is not known (ED25519 ${fp1}) and there is no terminal to confirm it`,
      retryOption: 'StrictHostKeyChecking=accept-new',
    });
  });

  it('accept-new records without asking, hashed when HashKnownHosts yes', async () => {
    const { r, kh } = target(['StrictHostKeyChecking=accept-new', 'HashKnownHosts=yes']);
    const { prompts, shown } = scripted([]);
    expect(await verifyHostKey(r, blob1, prompts)).toEqual({ ok: true, added: true });
    expect(shown).toEqual([`Warning: Permanently added '[node7]:2222' (ED25519) to the list of known hosts.`]);
    const text = readFileSync(kh, 'utf8');
    expect(text.startsWith('|1|')).toBe(true);
    expect(text).not.toContain('node7');
    expect(checkHostKey(parseKnownHosts(text, kh), ['[node7]:2222'], blob1).kind).toBe('known');
  });

  it('StrictHostKeyChecking yes refuses an unknown host', async () => {
    const { r } = target(['StrictHostKeyChecking=yes']);
    const res = await verifyHostKey(r, blob1, scripted([]).prompts);
    expect(res).toEqual({ ok: false, error: `[node7]:2222: host key is not known (ED25519 ${fp1}) and StrictHostKeyChecking is yes` });
  });

  it('a CHANGED key is refused with OpenSSH warning naming the file and line, even with StrictHostKeyChecking no', async () => {
    const other = Buffer.from(blob1);
    other[other.length - 1] ^= 1;
    const { r, kh } = target(['StrictHostKeyChecking=no'], `# mine\n[node7]:2222 ssh-ed25519 ${other.toString('base64')}\n`);
    const { prompts, shown } = scripted(['yes']);
    const res = await verifyHostKey(r, blob1, prompts);
    expect(res).toEqual({ ok: false, error: `[node7]:2222: REMOTE HOST IDENTIFICATION HAS CHANGED (ED25519 ${fp1}); offending key in ${kh}:2` });
    expect(shown).toHaveLength(1);
    expect(shown[0]).toContain('@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @');
    expect(shown[0]).toContain(`Offending ED25519 key in ${kh}:2`);
    expect(shown[0]).toContain(fp1);
    expect(readFileSync(kh, 'utf8')).not.toContain(k1[1]);
  });

  it('@revoked refuses', async () => {
    const { r, kh } = target(['StrictHostKeyChecking=no'], `@revoked * ssh-ed25519 ${k1[1]}\n`);
    const { prompts, shown } = scripted([]);
    const res = await verifyHostKey(r, blob1, prompts);
    expect(res).toEqual({ ok: false, error: `[node7]:2222: host key ${fp1} is REVOKED (${kh}:1); Host key verification failed.` });
    expect(shown[0]).toContain('WARNING: REVOKED HOST KEY DETECTED!');
  });

  it('a known key passes silently; a host known only by another key type asks, with a note', async () => {
    const { r } = target([], `[node7]:2222 ssh-ed25519 ${k1[1]}\n`);
    const quiet = scripted([]);
    expect(await verifyHostKey(r, blob1, quiet.prompts)).toEqual({ ok: true, added: false });
    expect(quiet.shown).toEqual([]);
    const { r: r2 } = target([], `[node7]:2222 ssh-rsa ${k2[1]}\n`);
    const s = scripted(['yes']);
    expect((await verifyHostKey(r2, blob1, s.prompts)).ok).toBe(true);
    expect(s.shown[0]).toBe('Note: keys of another type (ssh-rsa) are already known for [node7]:2222.');
  });

  it('appends on a new line when the file lacks a final newline', async () => {
    const { r, kh } = target(['StrictHostKeyChecking=accept-new'], `other ssh-rsa ${k2[1]}`);
    await verifyHostKey(r, blob1, scripted([]).prompts);
    expect(readFileSync(kh, 'utf8')).toBe(`other ssh-rsa ${k2[1]}\n[node7]:2222 ssh-ed25519 ${k1[1]}\n`);
  });
});
