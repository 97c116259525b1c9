// The persistent shell against real login shells over a real sshd (issue 11 items 9 and 6):
// dash (reads its input in blocks), bash, busybox ash, and a login shell whose profile prints a
// banner. Every tick runs in ONE shell (no exec fallback, no "server refused a shell"); a tick
// that times out leaves nothing running on the host.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProbeTransport } from '../../src/transport/probe-transport.js';
import type { SectionSpec } from '../../src/probe/section.js';
import { resolveSshConfig, SshChannel } from '../../src/transport/ssh/index.js';
import { addUser, cleanupTempDirs, genKey, removeUser, scriptedPrompts, Sshd, tempDir } from './sshd-fixture.js';

const PORT = 2252;
const busybox = execFileSync('sh', ['-c', 'command -v busybox']).toString().trim();
let sshd: Sshd;
let dir: string;
let key: string;
const USERS: Record<string, { shell: () => string; profile?: [string, string] }> = {
  cosishdash: { shell: () => '/bin/dash' },
  cosishbash: { shell: () => '/bin/bash' },
  cosishash: { shell: () => join(dir, 'ash') },
  cosishbanner: { shell: () => '/bin/dash', profile: ['.profile', 'echo "Welcome to the lab host (banner from .profile)"\necho "@@COSI-SH:not-yours:1"\n'] },
};
// --sudo: passwordless sudo, and sudo's own log file counts every invocation.
const SUDOER = 'cosishsudo';
const SUDOERS = `/etc/sudoers.d/${SUDOER}`;
// An account that refuses shells but runs commands (ForceCommand): one exec per tick.
const FORCED = 'cosishforced';

beforeAll(async () => {
  dir = tempDir('cosi-ssh-shells-');
  chmodSync(dir, 0o755);
  // busybox is ash when called by that name (a login shell's argv[0] is "-ash").
  symlinkSync(busybox, join(dir, 'ash'));
  const force = join(dir, 'force.sh');
  writeFileSync(force, '#!/bin/sh\nif [ -n "$SSH_ORIGINAL_COMMAND" ]; then exec /bin/sh -c "$SSH_ORIGINAL_COMMAND"; fi\necho "no shells here" >&2\nexit 1\n');
  chmodSync(force, 0o755);
  sshd = new Sshd({ port: PORT, extra: `Match User ${FORCED}\n  ForceCommand ${force}\n` });
  key = genKey(join(dir, 'id'));
  for (const [name, u] of Object.entries(USERS)) {
    const { home } = addUser(name, dir, undefined, u.shell());
    if (u.profile) writeFileSync(join(home, u.profile[0]), u.profile[1]);
    sshd.authorize(name, key + '.pub');
  }
  addUser(FORCED, dir);
  sshd.authorize(FORCED, key + '.pub');
  addUser(SUDOER, dir, undefined, '/bin/dash');
  sshd.authorize(SUDOER, key + '.pub');
  writeFileSync(SUDOERS, `${SUDOER} ALL=(ALL) NOPASSWD: ALL\nDefaults:${SUDOER} logfile=${join(dir, 'sudo.log')}\n`, { mode: 0o440 });
  await sshd.start();
});

afterAll(async () => {
  await sshd?.dispose();
  for (const name of [...Object.keys(USERS), SUDOER, FORCED]) removeUser(name);
  rmSync(SUDOERS, { force: true });
  cleanupTempDirs();
});

function channel(user: string): SshChannel {
  const r = resolveSshConfig(`${user}@127.0.0.1:${PORT}`, { configFile: '/dev/null', identityFiles: [key], options: ['StrictHostKeyChecking=accept-new', `UserKnownHostsFile=${join(dir, 'known_hosts')}`] }, { home: dir, env: {} });
  if (!r.ok) throw new Error(r.error);
  return new SshChannel(r.value, { prompts: scriptedPrompts().prompts, home: dir });
}

const section = (id: string, script: string, timeoutSec = 0): SectionSpec => ({ id, title: id, script, maxBytes: 10_000, timeoutSec });
// In the persistent shell a section is a subshell: its $$ is the shell's pid.
const SHELL_PID = section('shellpid', 'echo "$$"');
const COMM = section('comm', 'cat /proc/$$/comm');

/** Running processes of `user` on this machine (the sshd runs here), as "pid comm"; zombies are dead. */
function processesOf(user: string): string[] {
  const uid = Number(execFileSync('id', ['-u', user]).toString().trim());
  const out: string[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const status = readFileSync(`/proc/${d}/status`, 'utf8');
      if (Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]) !== uid || /^State:\s+Z/m.test(status)) continue;
      out.push(`${d} ${/^Name:\s+(.*)$/m.exec(status)?.[1]}`);
    } catch {
      // gone
    }
  }
  return out;
}

/** The user's shells and sleepers after up to 5 s (a killed process is gone a moment later, not at once). */
async function stillRunning(user: string): Promise<string[]> {
  for (let waited = 0; ; waited += 100) {
    const left = processesOf(user).filter((p) => / (sleep|sh|bash|dash)$/.test(p));
    if (left.length === 0 || waited >= 5000) return left;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the persistent shell under real login shells', () => {
  it.each(Object.keys(USERS))('%s: one /bin/sh for every tick, no exec fallback, no notice', async (user) => {
    const ch = channel(user);
    const t = new ProbeTransport(ch, { sections: [SHELL_PID, COMM], timeoutMs: 20_000 });
    try {
      const pids = new Set<string>();
      for (let i = 0; i < 4; i++) {
        const raw = await t.collect();
        expect(raw.sections.shellpid.rc).toBe(0);
        pids.add(raw.sections.shellpid.text.trim());
        // whatever the login shell was, it became /bin/sh
        expect(raw.sections.comm.text).toBe('sh\n');
      }
      expect(ch.mode).toBe('shell');
      expect(t.notice()).toBeNull();
      expect(pids.size).toBe(1);
      expect([...pids][0]).toMatch(/^\d+$/);
    } finally {
      await t.close();
    }
  });
});

describe('--sudo over SSH', () => {
  it('runs sudo -n once per session, not per tick: 4 ticks, one entry in sudo\'s log, root sections as root', async () => {
    const ch = channel(SUDOER);
    const uid = execFileSync('id', ['-u', SUDOER]).toString().trim();
    const root: SectionSpec = { ...section('priv', 'id -u'), root: true };
    const t = new ProbeTransport(ch, { sudo: true, sections: [section('me', 'id -u'), root, SHELL_PID], timeoutMs: 20_000 });
    try {
      for (let i = 0; i < 4; i++) {
        const raw = await t.collect();
        expect([raw.sections.me.text, raw.sections.priv.text]).toEqual([`${uid}\n`, '0\n']);
      }
      expect(ch.mode).toBe('shell');
      expect(t.notice()).toBeNull();
    } finally {
      await t.close();
    }
    const log = existsSync(join(dir, 'sudo.log')) ? readFileSync(join(dir, 'sudo.log'), 'utf8') : '';
    expect(log.match(/COMMAND=/g) ?? []).toHaveLength(1);
  });
});

/** Root's processes whose command line is exactly `argv`, after up to 5 s (a killed process is gone a moment later). */
async function rootStillRunning(argv: string): Promise<string[]> {
  const find = (): string[] =>
    readdirSync('/proc').filter((d) => {
      if (!/^\d+$/.test(d)) return false;
      try {
        if (/^State:\s+Z/m.test(readFileSync(`/proc/${d}/status`, 'utf8'))) return false;
        return readFileSync(`/proc/${d}/cmdline`, 'latin1').split('\0').join(' ').trim() === argv;
      } catch {
        return false;
      }
    });
  for (let waited = 0; ; waited += 100) {
    const left = find();
    if (left.length === 0 || waited >= 5000) return left;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('a root section that times out under --sudo', () => {
  it('is killed on the host too, although the login user may not kill root processes', async () => {
    const ch = channel(SUDOER);
    // A duration no other process uses, so the sleeper is ours.
    const sleeper = `sleep ${4000 + (process.pid % 900)}`;
    const hang: SectionSpec = { ...section('hang', `${sleeper} & ${sleeper}`), root: true };
    const t = new ProbeTransport(ch, { sudo: true, sections: [SHELL_PID, hang], timeoutMs: 1500 });
    try {
      await expect(t.collect()).rejects.toMatchObject({ reason: 'timeout' });
      expect(await rootStillRunning(sleeper)).toEqual([]);
    } finally {
      await t.close();
    }
  });
});

describe('a tick that times out over SSH', () => {
  it.each(['cosishbash', FORCED])('%s: kills the section on the host too: its process group is gone once the tick has failed', async (user) => {
    const ch = channel(user);
    // No host-side `timeout` (timeoutSec 0): only cosi's deadline can end it.
    const t = new ProbeTransport(ch, { sections: [SHELL_PID, section('hang', 'sleep 1000 & sleep 1000')], timeoutMs: 1500 });
    try {
      await expect(t.collect()).rejects.toMatchObject({ reason: 'timeout' });
      expect(ch.mode).toBe(user === FORCED ? 'exec' : 'shell');
      expect(await stillRunning(user)).toEqual([]);
      // The next tick opens a fresh shell and works.
      const ok = new ProbeTransport(ch, { sections: [SHELL_PID], timeoutMs: 20_000 });
      expect((await ok.collect()).sections.shellpid.text).toMatch(/^\d+\n$/);
    } finally {
      await t.close();
    }
  });
});
