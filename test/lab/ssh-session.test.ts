import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProbeTransport } from '../../src/transport/probe-transport.js';
import { resolveSshConfig, SshChannel } from '../../src/transport/ssh/index.js';
import { TransportError } from '../../src/transport/types.js';
import { addUser, cleanupTempDirs, genKey, miniProbe, removeUser, scriptedPrompts, Sshd, tempDir } from './sshd-fixture.js';

const PORT = 2235;
const USER = 'cosisshses';
const FORCED = 'cosisshfc';
let sshd: Sshd;
let dir: string;
let key: string;

beforeAll(async () => {
  dir = tempDir('cosi-ssh-ses-');
  chmodSync(dir, 0o755);
  // An account that refuses interactive shells but runs commands (a common ForceCommand wrapper).
  const force = join(dir, 'force.sh');
  writeFileSync(
    force,
    '#!/bin/sh\nif [ -n "$SSH_ORIGINAL_COMMAND" ]; then exec /bin/sh -c "$SSH_ORIGINAL_COMMAND"; fi\necho "interactive shells are disabled for this account" >&2\nexit 1\n',
  );
  chmodSync(force, 0o755);
  sshd = new Sshd({ port: PORT, extra: `Match User ${FORCED}\n  ForceCommand ${force}\n` });
  addUser(USER, dir);
  addUser(FORCED, dir);
  key = genKey(join(dir, 'id'));
  sshd.authorize(USER, key + '.pub');
  sshd.authorize(FORCED, key + '.pub');
  await sshd.start();
});

afterAll(async () => {
  await sshd?.dispose();
  removeUser(USER);
  removeUser(FORCED);
  cleanupTempDirs();
});

function channel(user: string, options: string[] = []) {
  const r = resolveSshConfig(`${user}@127.0.0.1:${PORT}`, { configFile: '/dev/null', identityFiles: [key], options: ['StrictHostKeyChecking=accept-new', `UserKnownHostsFile=${join(dir, 'known_hosts')}`, ...options] }, { home: dir, env: {} });
  if (!r.ok) throw new Error(r.error);
  return new SshChannel(r.value, { prompts: scriptedPrompts().prompts, home: dir });
}

describe('one persistent session', () => {
  it('probes through ProbeTransport; sshd killed mid-session -> closed; sshd back -> next collect reconnects', async () => {
    const ch = channel(USER);
    const t = new ProbeTransport(ch, { timeoutMs: 20000 });
    const first = await t.collect();
    expect(ch.mode).toBe('shell');
    expect(first.target).toEqual({ kind: 'ssh', label: `${USER}@127.0.0.1:${PORT}` });
    expect(first.sections['os-release']?.rc).toBe(0);
    expect(first.sections['meminfo']?.text).toContain('MemTotal:');

    await sshd.stop();
    const lost = await t.collect().then(
      () => null,
      (e: unknown) => e,
    );
    expect(lost).toBeInstanceOf(TransportError);
    expect((lost as TransportError).reason).toBe('closed');
    // While sshd is down, a reconnect attempt fails with "refused" (the TUI keeps its stale data and retries).
    const down = await t.collect().then(
      () => null,
      (e: unknown) => e,
    );
    expect((down as TransportError).reason).toBe('refused');

    await sshd.start();
    const again = await t.collect();
    expect(again.sections['meminfo']?.text).toContain('MemTotal:');
    expect(ch.mode).toBe('shell');
    await t.close();
  });

  it('keepalives notice a peer that stopped answering (ServerAliveInterval/CountMax)', async () => {
    const ch = channel(USER, ['ServerAliveInterval=1', 'ServerAliveCountMax=1']);
    await ch.open();
    // Freeze every sshd process of this session: the TCP connection stays up but nothing answers.
    const pids = execFileSync('sh', ['-c', `ps -o pid= --ppid ${sshdPid()} ; ps -o pid= -u ${USER}`]).toString().split(/\s+/).filter(Boolean).map(Number);
    for (const p of pids) process.kill(p, 'SIGSTOP');
    try {
      const e = await ch.run(miniProbe('echo hi', 'EK'), 'EK', { timeoutMs: 30000, maxBytes: 10000 }).then(
        () => null,
        (err: unknown) => err,
      );
      expect((e as TransportError).reason).toBe('closed');
    } finally {
      for (const p of pids) {
        try {
          process.kill(p, 'SIGCONT');
        } catch {
          /* gone */
        }
      }
    }
    await ch.close();
  });

  it('ProxyCommand: SSH over a command\'s stdin/stdout; a failing command is one line with its stderr', async () => {
    const ch = channel(USER, ['ProxyCommand=busybox nc 127.0.0.1 %p']);
    await ch.open();
    expect(ch.mode).toBe('shell');
    expect((await ch.run(miniProbe('echo via-proxy', 'EP'), 'EP', { timeoutMs: 5000, maxBytes: 10000 })).trim()).toBe('via-proxy');
    await ch.close();
    const bad = channel(USER, ['ProxyCommand=sh -c "echo no route to the bastion >&2; exit 1"']);
    const e = await bad.open().then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(TransportError);
    expect((e as TransportError).reason).toBe('closed');
    expect((e as TransportError).message).toBe(`127.0.0.1 port ${PORT}: ProxyCommand ended before the SSH handshake: no route to the bastion`);
  });

  it('an account that refuses shells (ForceCommand) falls back to one exec per run', async () => {
    const ch = channel(FORCED);
    const t = new ProbeTransport(ch, { timeoutMs: 20000 });
    const snap = await t.collect();
    expect(ch.mode).toBe('exec');
    expect(snap.sections['meminfo']?.text).toContain('MemTotal:');
    // Each run is its own exec: no state carries over.
    await ch.run(miniProbe('COSI_X=42', 'E1'), 'E1', { timeoutMs: 5000, maxBytes: 10000 });
    expect((await ch.run(miniProbe('echo "[$COSI_X]"', 'E2'), 'E2', { timeoutMs: 5000, maxBytes: 10000 })).trim()).toBe('[]');
    await t.close();
  });
});

function sshdPid(): number {
  return Number(readFileSync(join(sshd.dir, 'sshd.pid'), 'utf8').trim());
}
