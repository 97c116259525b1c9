import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSshConfig, SshChannel, type SshFlags } from '../../src/transport/ssh/index.js';
import { TransportError } from '../../src/transport/types.js';
import { addUser, cleanupTempDirs, genKey, miniProbe, removeUser, scriptedPrompts, Sshd, tempDir } from './sshd-fixture.js';

const USER = 'cosisshpj';
const limits = { timeoutMs: 10000, maxBytes: 100000 };
let bastion: Sshd;
let inner: Sshd;
let target: Sshd;
let home: string;

beforeAll(async () => {
  const dir = tempDir('cosi-ssh-pj-');
  addUser(USER, dir);
  const key = genKey(join(dir, 'id'));
  bastion = new Sshd({ port: 2233 });
  target = new Sshd({ port: 2234 });
  inner = new Sshd({ port: 2236, hostKeyType: 'ecdsa' });
  for (const s of [bastion, target, inner]) {
    s.authorize(USER, key + '.pub');
    await s.start();
  }
  home = join(dir, 'me');
  mkdirSync(join(home, '.ssh'), { recursive: true });
  writeFileSync(
    join(home, '.ssh', 'config'),
    [
      'Host bastion',
      '  HostName 127.0.0.1',
      '  Port 2233',
      'Host inner',
      '  HostName 127.0.0.1',
      '  Port 2236',
      'Host target',
      '  HostName 127.0.0.1',
      '  Port 2234',
      '  ProxyJump bastion',
      'Host *',
      `  User ${USER}`,
      `  IdentityFile ${key}`,
      '  StrictHostKeyChecking accept-new',
      '',
    ].join('\n'),
  );
});

afterAll(async () => {
  for (const s of [bastion, inner, target]) await s?.dispose();
  removeUser(USER);
  cleanupTempDirs();
});

function channel(dest: string, flags: SshFlags = {}) {
  const r = resolveSshConfig(dest, flags, { home, env: {}, systemConfig: '/dev/null' });
  if (!r.ok) throw new Error(r.error);
  const s = scriptedPrompts();
  return { ch: new SshChannel(r.value, { prompts: s.prompts, home }), shown: s.shown };
}

async function sshPort(ch: SshChannel): Promise<string> {
  // SSH_CONNECTION = client-ip client-port server-ip server-port: the server port proves which sshd we reached.
  return (await ch.run(miniProbe('set -- $SSH_CONNECTION; echo "$4"', 'EP'), 'EP', limits)).trim();
}

describe('ProxyJump', () => {
  it('from ~/.ssh/config: reaches the target through the bastion; the bastion going away drops the session', async () => {
    const { ch, shown } = channel('target');
    await ch.open();
    expect(ch.target.label).toBe(`${USER}@target:2234 via bastion`);
    expect(await sshPort(ch)).toBe('2234');
    // Both host keys were checked and recorded under their own names.
    expect(shown).toEqual([
      `Warning: Permanently added '[127.0.0.1]:2233' (ED25519) to the list of known hosts.`,
      `Warning: Permanently added '[127.0.0.1]:2234' (ED25519) to the list of known hosts.`,
    ]);
    await bastion.stop();
    const e = await ch.run(miniProbe('echo hi', 'E'), 'E', limits).then(
      () => null,
      (err: unknown) => err,
    );
    expect((e as TransportError).reason).toBe('closed');
    const down = await ch.open().then(
      () => null,
      (err: unknown) => err,
    );
    expect((down as TransportError).message).toBe('jump host bastion: 127.0.0.1 port 2233: connection refused');
    await bastion.start();
    await ch.open();
    expect(await sshPort(ch)).toBe('2234');
    await ch.close();
  });

  it('-J chain of two hops, user@host:port form', async () => {
    const { ch } = channel('target', { proxyJump: `${USER}@127.0.0.1:2233,inner` });
    await ch.open();
    expect(await sshPort(ch)).toBe('2234');
    await inner.stop();
    const e = await ch.run(miniProbe('echo hi', 'E'), 'E', limits).then(
      () => null,
      (err: unknown) => err,
    );
    expect((e as TransportError).reason).toBe('closed');
    await inner.start();
    await ch.close();
  });

  it('a jump host that cannot reach the target says so in one line', async () => {
    const { ch } = channel('127.0.0.1', { port: 2239, proxyJump: 'bastion' });
    const e = await ch.open().then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(TransportError);
    expect((e as TransportError).reason).toBe('refused');
    expect((e as TransportError).message).toMatch(/^127\.0\.0\.1 port 2239: the jump host could not connect \(/);
  });
});
