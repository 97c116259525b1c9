import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintSha256, resolveSshConfig, SshChannel } from '../../src/transport/ssh/index.js';
import { TransportError } from '../../src/transport/types.js';
import { REPO_DIR } from './lib/paths.js';
import { requireBuilt } from './support/peers.js';
import { addUser, cleanupTempDirs, genKey, miniProbe, removeUser, scriptedPrompts, Sshd, tempDir } from './sshd-fixture.js';

const PORT = 2232;
const USER = 'cosisshhk';
const NAME = `[127.0.0.1]:${PORT}`;
let sshd: Sshd;
let dir: string;
let key: string;
let n = 0;

beforeAll(async () => {
  dir = tempDir('cosi-ssh-hk-');
  sshd = new Sshd({ port: PORT });
  addUser(USER, dir);
  key = genKey(join(dir, 'id'));
  sshd.authorize(USER, key + '.pub');
  await sshd.start();
});

afterAll(async () => {
  await sshd?.dispose();
  removeUser(USER);
  cleanupTempDirs();
});

/** A fresh home with ~/.ssh/config (and known_hosts text when given). */
function freshHome(config: string, knownHosts?: string): string {
  const home = join(dir, `home${++n}`);
  mkdirSync(join(home, '.ssh'), { recursive: true });
  writeFileSync(join(home, '.ssh', 'config'), `Host lab\n  HostName 127.0.0.1\n  Port ${PORT}\n  User ${USER}\n  IdentityFile ${key}\n${config}`);
  if (knownHosts !== undefined) writeFileSync(join(home, '.ssh', 'known_hosts'), knownHosts);
  return home;
}

function channel(home: string, answers: (string | null)[] = [], onKeyExchange?: () => void) {
  const r = resolveSshConfig('lab', {}, { home, env: {}, systemConfig: '/dev/null' });
  if (!r.ok) throw new Error(r.error);
  const s = scriptedPrompts({ ask: answers });
  return { ch: new SshChannel(r.value, { prompts: s.prompts, home, onKeyExchange }), shown: s.shown };
}

async function works(ch: SshChannel) {
  await ch.open();
  expect((await ch.run(miniProbe('echo ok', 'E'), 'E', { timeoutMs: 5000, maxBytes: 10000 })).trim()).toBe('ok');
  await ch.close();
}

async function refused(ch: SshChannel): Promise<TransportError> {
  const e = await ch.open().then(
    () => null,
    (err: unknown) => err,
  );
  await ch.close();
  if (!(e instanceof TransportError)) throw new Error(`expected a TransportError, got ${String(e)}`);
  return e;
}

function hostKey(): { type: string; b64: string; fp: string } {
  const [type, b64] = sshd.hostKeyLine().split(' ');
  return { type, b64, fp: fingerprintSha256(Buffer.from(b64, 'base64')) };
}

describe('known_hosts against a real sshd', () => {
  it('unknown host: shows the fingerprint and asks; yes records [host]:port, next time no question', async () => {
    const home = freshHome('');
    const { ch, shown } = channel(home, ['yes']);
    await works(ch);
    expect(shown[0]).toContain(`The authenticity of host '${NAME}' can't be established.`);
    expect(shown[0]).toContain(`ED25519 key fingerprint is ${hostKey().fp}.`);
    expect(readFileSync(join(home, '.ssh', 'known_hosts'), 'utf8')).toBe(`${NAME} ${hostKey().type} ${hostKey().b64}\n`);
    const again = channel(home);
    await works(again.ch);
    expect(again.shown).toEqual([]);
  });

  it('unknown host answered "no": refused with reason hostkey, nothing recorded', async () => {
    const home = freshHome('');
    const e = await refused(channel(home, ['no']).ch);
    expect([e.reason, e.message]).toEqual(['hostkey', `${NAME}: host key not accepted. Host key verification failed.`]);
    expect(existsSync(join(home, '.ssh', 'known_hosts'))).toBe(false);
  });

  it('accept-new with HashKnownHosts yes records a hashed line that the next connect trusts', async () => {
    const home = freshHome('  StrictHostKeyChecking accept-new\n  HashKnownHosts yes\n');
    const first = channel(home);
    await works(first.ch);
    expect(first.shown).toEqual([`Warning: Permanently added '${NAME}' (ED25519) to the list of known hosts.`]);
    const text = readFileSync(join(home, '.ssh', 'known_hosts'), 'utf8');
    expect(text).toMatch(/^\|1\|[^ ]+ ssh-ed25519 /);
    expect(text).not.toContain('127.0.0.1');
    const second = channel(home);
    await works(second.ch);
    expect(second.shown).toEqual([]);
  });

  it('a hashed entry written by ssh-keygen -H is trusted', async () => {
    const home = freshHome('  StrictHostKeyChecking yes\n', `${NAME} ${hostKey().type} ${hostKey().b64}\n`);
    const { execFileSync } = await import('node:child_process');
    execFileSync('ssh-keygen', ['-H', '-f', join(home, '.ssh', 'known_hosts')], { stdio: 'ignore' });
    expect(readFileSync(join(home, '.ssh', 'known_hosts'), 'utf8')).toMatch(/^\|1\|/);
    await works(channel(home).ch);
  });

  // `cosi connect` compiles Ink and the views once the key exchange is done (src/cli/commands.ts):
  // after the host key is accepted, and never for a key refused.
  it('onKeyExchange: once when the host key is accepted (not again on a reconnect), never when it is refused', async () => {
    let exchanges = 0;
    const home = freshHome('');
    const no = channel(home, ['no'], () => exchanges++);
    expect((await refused(no.ch)).reason).toBe('hostkey');
    expect(exchanges).toBe(0);
    const strict = channel(freshHome('  StrictHostKeyChecking yes\n'), [], () => exchanges++);
    expect((await refused(strict.ch)).reason).toBe('hostkey');
    expect(exchanges).toBe(0);
    const yes = channel(home, ['yes'], () => exchanges++);
    await yes.ch.open();
    expect(exchanges).toBe(1);
    await yes.ch.close();
    await works(yes.ch);
    expect(exchanges).toBe(1);
  });

  it('StrictHostKeyChecking yes refuses an unknown host', async () => {
    const e = await refused(channel(freshHome('  StrictHostKeyChecking yes\n')).ch);
    expect(e.reason).toBe('hostkey');
    expect(e.message).toContain('StrictHostKeyChecking is yes');
  });

  it('a key filed for the plain host name (port 22) does not vouch for [host]:port', async () => {
    const e = await refused(channel(freshHome('  StrictHostKeyChecking yes\n', `127.0.0.1 ${hostKey().type} ${hostKey().b64}\n`)).ch);
    expect(e.reason).toBe('hostkey');
  });

  it('@revoked key: refused', async () => {
    const home = freshHome('  StrictHostKeyChecking no\n', `${NAME} ${hostKey().type} ${hostKey().b64}\n@revoked * ${hostKey().type} ${hostKey().b64}\n`);
    const { ch, shown } = channel(home);
    const e = await refused(ch);
    expect(e.reason).toBe('hostkey');
    expect(e.message).toContain('is REVOKED');
    expect(e.message).toContain(`${join(home, '.ssh', 'known_hosts')}:2`);
    expect(shown[0]).toContain('WARNING: REVOKED HOST KEY DETECTED!');
  });

  it('CHANGED key (sshd got a new host key): refused with the OpenSSH warning, file and line', async () => {
    const home = freshHome('  StrictHostKeyChecking no\n', `# old key\n${NAME} ${hostKey().type} ${hostKey().b64}\n`);
    await works(channel(home).ch);
    await sshd.stop();
    sshd.newHostKey();
    await sshd.start();
    const { ch, shown } = channel(home, ['yes']);
    const e = await refused(ch);
    const kh = join(home, '.ssh', 'known_hosts');
    expect(e.reason).toBe('hostkey');
    expect(e.message).toBe(`${NAME}: REMOTE HOST IDENTIFICATION HAS CHANGED (ED25519 ${hostKey().fp}); offending key in ${kh}:2`);
    expect(shown[0]).toContain('WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!');
    expect(shown[0]).toContain(`Offending ED25519 key in ${kh}:2`);
    expect(readFileSync(kh, 'utf8')).not.toContain(hostKey().b64);
  });
});

/** Runs a command line with sh in its own session (no controlling terminal, as in a script or cron). */
function run(line: string, env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', line], { env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('the advice printed for an unknown host key', () => {
  // cosi's -o is also the output file: the advice is the user's own command with
  // `-o StrictHostKeyChecking=accept-new` added, and run as printed it connects.
  it('without a terminal: the printed command, run as printed, accepts the key and connects', async () => {
    requireBuilt();
    const home = freshHome('');
    const bin = join(home, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'cosi'), `#!/bin/sh\nexec '${process.execPath}' '${join(REPO_DIR, 'bin/cosi.js')}' "$@"\n`);
    chmodSync(join(bin, 'cosi'), 0o755);
    const env = { HOME: home, SSH_AUTH_SOCK: '', PATH: `${bin}:${process.env.PATH}` };
    const first = await run('cosi snapshot lab --json', env);
    expect(first.status).toBe(1);
    expect(first.stderr).toContain(`cosi: ${NAME}: host key is not known (ED25519 ${hostKey().fp}) and there is no terminal to confirm it\n`);
    const advice = /^To accept the key and connect, run: (cosi .*)$/m.exec(first.stderr);
    expect(advice?.[1]).toBe('cosi snapshot -o StrictHostKeyChecking=accept-new lab --json');
    const second = await run(advice![1], env);
    expect(second.stderr).toContain(`Warning: Permanently added '${NAME}' (ED25519) to the list of known hosts.`);
    expect(second.status).toBe(0);
    expect(JSON.parse(second.stdout).identity.hostname).toBeTruthy();
    // Hashed or not as /etc/ssh/ssh_config says (HashKnownHosts): the key is on file.
    expect(readFileSync(join(home, '.ssh', 'known_hosts'), 'utf8')).toContain(`${hostKey().type} ${hostKey().b64}\n`);
  });
});
