import { chmodSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSshConfig, SshChannel, type SshFlags } from '../../src/transport/ssh/index.js';
import { TransportError } from '../../src/transport/types.js';
import { addUser, cleanupTempDirs, genKey, miniProbe, removeUser, scriptedPrompts, Sshd, startAgent, tempDir } from './sshd-fixture.js';

const PORT = 2231;
const KEYUSER = 'cosisshkey';
const PWUSER = 'cosisshpw';
const PASSWORD = 'c0si-Lab-pw!';
const limits = { timeoutMs: 10000, maxBytes: 1 << 20 };

let sshd: Sshd;
let dir: string;
let home: string;
let plainKey: string;
let encKey: string;
let agentKey: string;

beforeAll(async () => {
  dir = tempDir('cosi-ssh-auth-');
  chmodSync(dir, 0o755);
  home = join(dir, 'me');
  mkdirSync(join(home, '.ssh'), { recursive: true });
  sshd = new Sshd({ port: PORT });
  addUser(KEYUSER, dir);
  addUser(PWUSER, dir, PASSWORD);
  plainKey = genKey(join(dir, 'id_plain'));
  encKey = genKey(join(dir, 'id_enc'), 'ed25519', 'secret phrase');
  agentKey = genKey(join(dir, 'id_agent'), 'ecdsa');
  for (const k of [plainKey, encKey, agentKey]) sshd.authorize(KEYUSER, k + '.pub');
  // Every test starts from this known_hosts, so only the host key tests see prompts.
  await sshd.start();
});

afterAll(async () => {
  await sshd?.dispose();
  removeUser(KEYUSER);
  removeUser(PWUSER);
  cleanupTempDirs();
});

function resolved(dest: string, flags: SshFlags, env: Record<string, string> = {}) {
  const r = resolveSshConfig(dest, { configFile: '/dev/null', ...flags, options: ['StrictHostKeyChecking=accept-new', 'IdentityFile=none', ...(flags.options ?? [])] }, { home, env });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

async function whoami(ch: SshChannel): Promise<string> {
  const out = await ch.run(miniProbe('id -un', 'END-1'), 'END-1', limits);
  return out.trim();
}

async function failure(p: Promise<unknown>): Promise<TransportError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TransportError) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

describe('authentication against a real OpenSSH server', () => {
  it('with an identity file (-i), in a persistent shell', async () => {
    const ch = new SshChannel(resolved(`${KEYUSER}@127.0.0.1:${PORT}`, { identityFiles: [plainKey] }), { prompts: scriptedPrompts().prompts });
    await ch.open();
    expect(ch.mode).toBe('shell');
    expect(await whoami(ch)).toBe(KEYUSER);
    // Same shell between runs: a variable set in one run is still there in the next.
    await ch.run(miniProbe('COSI_X=42', 'E2'), 'E2', limits);
    expect((await ch.run(miniProbe('echo "$COSI_X"', 'E3'), 'E3', limits)).trim()).toBe('42');
    await ch.close();
  });

  it('with an encrypted key: asks the passphrase (hidden), retries after a wrong one', async () => {
    const s = scriptedPrompts({ secret: ['wrong', 'secret phrase'] });
    const ch = new SshChannel(resolved(`${KEYUSER}@127.0.0.1:${PORT}`, { identityFiles: [encKey] }), { prompts: s.prompts });
    await ch.open();
    expect(await whoami(ch)).toBe(KEYUSER);
    expect(s.shown.filter((l) => l.startsWith('Enter passphrase'))).toEqual([`Enter passphrase for key '${encKey}': `, `Enter passphrase for key '${encKey}': `]);
    expect(s.shown).toContain('Bad passphrase, try again.');
    await ch.close();
  });

  it('through ssh-agent (SSH_AUTH_SOCK), before any identity file', async () => {
    const agent = await startAgent(dir);
    try {
      agent.add(agentKey);
      const s = scriptedPrompts();
      const ch = new SshChannel(resolved(`${KEYUSER}@127.0.0.1:${PORT}`, { identityFiles: [encKey] }, { SSH_AUTH_SOCK: agent.sock }), { prompts: s.prompts });
      await ch.open();
      expect(await whoami(ch)).toBe(KEYUSER);
      // The agent key worked, so the encrypted key's passphrase was never asked.
      expect(s.shown.filter((l) => l.startsWith('Enter passphrase'))).toEqual([]);
      await ch.close();
    } finally {
      agent.stop();
    }
  });

  it('with a password (hidden prompt), the real user password', async () => {
    const s = scriptedPrompts({ secret: [PASSWORD] });
    const ch = new SshChannel(resolved(`${PWUSER}@127.0.0.1:${PORT}`, {}), { prompts: s.prompts });
    await ch.open();
    expect(await whoami(ch)).toBe(PWUSER);
    expect(s.shown).toContain(`${PWUSER}@127.0.0.1's password: `);
    await ch.close();
  });

  it('failure is one line naming user, host, methods and keys tried', async () => {
    const s = scriptedPrompts({ secret: ['bad1', 'bad2', 'bad3'] });
    const ch = new SshChannel(resolved(`${PWUSER}@127.0.0.1:${PORT}`, { identityFiles: [plainKey] }), { prompts: s.prompts });
    const e = await failure(ch.open());
    expect(e.reason).toBe('auth');
    expect(e.message).toBe(`${PWUSER}@127.0.0.1: authentication failed (tried: publickey with ${plainKey}, password; server accepts: publickey, password)`);
    expect(s.shown.filter((l) => l.endsWith('password: '))).toHaveLength(3);
  });

  it('no terminal and no key: refused at once, nothing typed', async () => {
    const ch = new SshChannel(resolved(`${PWUSER}@127.0.0.1:${PORT}`, {}), { prompts: scriptedPrompts().prompts });
    const e = await failure(ch.open());
    expect(e.message).toBe(`${PWUSER}@127.0.0.1: authentication failed (tried: nothing; server accepts: publickey, password)`);
  });

  it('forwards a unix socket on the host over the same connection', async () => {
    const sockPath = join(dir, 'echo.sock');
    const server: Server = createServer((c) => c.on('data', (d) => c.end(`echo:${d.toString()}`)));
    await new Promise<void>((r) => server.listen(sockPath, r));
    chmodSync(sockPath, 0o777);
    try {
      const ch = new SshChannel(resolved(`${KEYUSER}@127.0.0.1:${PORT}`, { identityFiles: [plainKey] }), { prompts: scriptedPrompts().prompts });
      await ch.open();
      const stream = await ch.forwardUnixSocket(sockPath);
      const answer = await new Promise<string>((resolve) => {
        let got = '';
        stream.on('data', (d: Buffer) => (got += d.toString()));
        stream.on('end', () => resolve(got));
        stream.write('ping');
      });
      expect(answer).toBe('echo:ping');
      const missing = await failure(ch.forwardUnixSocket(join(dir, 'nope.sock')));
      expect(missing.message).toContain(`cannot open ${join(dir, 'nope.sock')} over ssh`);
      await ch.close();
    } finally {
      server.close();
    }
  });

  it('first-connect errors carry their reason: refused, dns', async () => {
    const refused = await failure(new SshChannel(resolved(`${KEYUSER}@127.0.0.1:2239`, {}), { prompts: scriptedPrompts().prompts }).open());
    expect([refused.reason, refused.message]).toEqual(['refused', '127.0.0.1 port 2239: connection refused']);
    const dns = await failure(new SshChannel(resolved(`${KEYUSER}@no-such-host.invalid`, {}), { prompts: scriptedPrompts().prompts }).open());
    expect([dns.reason, dns.message]).toEqual(['dns', 'could not resolve host name no-such-host.invalid']);
  });

  it('a port that accepts TCP but never speaks SSH times out with ConnectTimeout', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(2238, '127.0.0.1', r));
    try {
      const ch = new SshChannel(resolved(`${KEYUSER}@127.0.0.1:2238`, { options: ['ConnectTimeout=1'] }), { prompts: scriptedPrompts().prompts });
      const e = await failure(ch.open());
      expect([e.reason, e.message]).toEqual(['timeout', '127.0.0.1 port 2238: no SSH answer within 1 s']);
    } finally {
      silent.close();
    }
  });

  it('bounds a run by bytes and time', async () => {
    const ch = new SshChannel(resolved(`${KEYUSER}@127.0.0.1:${PORT}`, { identityFiles: [plainKey] }), { prompts: scriptedPrompts().prompts });
    await ch.open();
    const big = await failure(ch.run(miniProbe('head -c 300000 /dev/zero', 'EB'), 'EB', { timeoutMs: 10000, maxBytes: 100000 }));
    expect(big.reason).toBe('limit');
    await ch.open(); // a new shell on the same connection
    const slow = await failure(ch.run(miniProbe('sleep 5', 'ES'), 'ES', { timeoutMs: 300, maxBytes: 100000 }));
    expect([slow.reason, slow.message]).toEqual(['timeout', `${KEYUSER}@127.0.0.1:${PORT}: nothing received for 0.3 s`]);
    await ch.open();
    expect(await whoami(ch)).toBe(KEYUSER);
    await ch.close();
  });
});


describe('keyboard-interactive (PAM asks for the password)', () => {
  const KBD = 'cosisshkbd';
  const KBD_PW = 'kbd-Pass-1';
  let pam: Sshd;
  beforeAll(async () => {
    addUser(KBD, dir, KBD_PW);
    pam = new Sshd({ port: 2237, settings: 'UsePAM yes\nKbdInteractiveAuthentication yes\nPasswordAuthentication no\n' });
    await pam.start();
  });
  afterAll(async () => {
    await pam?.dispose();
    removeUser(KBD);
  });

  it("answers the server's hidden prompt and remembers it for a reconnect", async () => {
    const s = scriptedPrompts({ secret: [KBD_PW] });
    const ch = new SshChannel(resolved(`${KBD}@127.0.0.1:2237`, {}), { prompts: s.prompts });
    await ch.open();
    expect(await whoami(ch)).toBe(KBD);
    expect(s.shown.filter((l) => l === 'Password: ')).toHaveLength(1);
    // sshd restarts; the reconnect uses the remembered answer and asks nobody.
    await pam.stop();
    await failure(ch.run(miniProbe('true', 'E'), 'E', limits));
    await pam.start();
    await ch.open();
    expect(await whoami(ch)).toBe(KBD);
    expect(s.shown.filter((l) => l === 'Password: ')).toHaveLength(1);
    await ch.close();
  });
});
