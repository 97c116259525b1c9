import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { homedir, hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveSshConfig, takeSshFlags, type ResolvedSsh } from '../../src/transport/ssh/index.js';
import { expandTilde, expandTokens } from '../../src/transport/ssh/tokens.js';
import { cleanupTempDirs, tempDir } from './sshd-fixture.js';

/**
 * cosi's ssh_config resolution against OpenSSH's own: `ssh -G` (which
 * resolves without connecting) must print the same hostname, user, port,
 * identity files, ProxyJump, StrictHostKeyChecking, known hosts files,
 * HashKnownHosts, IdentitiesOnly, ConnectTimeout and keepalive settings.
 */
const dir = tempDir('cosi-ssh-G-');
mkdirSync(join(dir, 'conf.d'));
writeFileSync(join(dir, 'conf.d', '10-lab.conf'), 'Host *.lab\n  User labuser\n  Port 2210\n');
writeFileSync(join(dir, 'conf.d', '20-more.conf'), 'Host n2.lab\n  User ignored\n  IdentityFile ~/.ssh/n2_%r\n');
writeFileSync(join(dir, 'other.conf'), 'Host *\n  ServerAliveCountMax 9\n');

const CONFIG = `
Include ${dir}/conf.d/*.conf
Host bastion
  HostName 203.0.113.10
  User jump
  Port 2222
Host node? !node9
  HostName %h.example.net
  ProxyJump bastion
  IdentityFile ~/.ssh/cluster_%h_%p_%r
  IdentityFile %d/.ssh/second
  IdentitiesOnly yes
  StrictHostKeyChecking accept-new
Host node9
  User nine
  HostKeyAlias node-nine
Host web*
  HostName web.internal
  ProxyJump ops@bastion:2200,gate
  UserKnownHostsFile ~/.ssh/kh_%h %d/kh2
  GlobalKnownHostsFile none
Match host web.internal
  ServerAliveInterval 7
  ConnectTimeout 4
Match originalhost *.lab user labuser
  HashKnownHosts yes
Host cond
  Include ${dir}/other.conf
Host *
  StrictHostKeyChecking yes
  ServerAliveCountMax 5
`;
const cfg = join(dir, 'config');
writeFileSync(cfg, CONFIG);
afterAll(cleanupTempDirs);

const CASES: string[][] = [
  ['node1'],
  ['node9'],
  ['core@node2', '-p', '2200'],
  ['web1'],
  ['web1', '-J', 'none'],
  ['n1.lab'],
  ['n2.lab', '-l', 'me2'],
  ['ssh://u@n3.lab:2299'],
  ['cond'],
  ['bastion', '-i', cfg],
  ['plain', '-o', 'StrictHostKeyChecking=no', '-o', 'User=ouser'],
  ['NODE1'],
];

function sshG(args: string[]): Map<string, string[]> {
  const out = execFileSync('ssh', ['-G', '-F', cfg, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const m = new Map<string, string[]>();
  for (const line of out.split('\n')) {
    const sp = line.indexOf(' ');
    if (sp < 0) continue;
    const k = line.slice(0, sp);
    m.set(k, [...(m.get(k) ?? []), line.slice(sp + 1)]);
  }
  return m;
}

function mine(argv: string[]): ResolvedSsh {
  const f = takeSshFlags(argv);
  if (!f.ok) throw new Error(f.error);
  const r = resolveSshConfig(f.rest[0], { ...f.flags, configFile: cfg }, { home: homedir(), env: {}, localUser: userInfo().username, localHost: hostname() });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('ssh config resolution matches `ssh -G`', () => {
  it.each(CASES.map((c) => [c.join(' '), c]))('%s', (_name, argv) => {
    const g = sshG(argv as string[]);
    const r = mine(argv as string[]);
    const one = (k: string) => g.get(k)?.[0];
    const tv = { host: r.hostname, originalHost: r.host, port: r.port, remoteUser: r.user, localUser: userInfo().username, home: homedir(), localHost: hostname(), uid: process.getuid?.() ?? 0 };
    // ssh -G prints identity files before %-expansion.
    const ids = (g.get('identityfile') ?? []).map((p) => expandTilde(expandTokens(p, tv), homedir()));
    const shk = { true: 'yes', false: 'no' }[one('stricthostkeychecking') as 'true' | 'false'] ?? one('stricthostkeychecking');
    const files = (k: string) => (one(k) ?? '').split(' ').filter((x) => x !== '' && x !== 'none');
    expect({
      hostname: r.hostname,
      user: r.user,
      port: String(r.port),
      identityfile: r.identityFiles,
      proxyjump: r.proxyJump ?? undefined,
      stricthostkeychecking: r.strictHostKeyChecking,
      userknownhostsfile: r.userKnownHostsFiles,
      globalknownhostsfile: r.globalKnownHostsFiles,
      hashknownhosts: r.hashKnownHosts ? 'yes' : 'no',
      identitiesonly: r.identitiesOnly ? 'yes' : 'no',
      connecttimeout: r.connectTimeoutMs === null ? 'none' : String(r.connectTimeoutMs / 1000),
      serveraliveinterval: String(r.serverAliveInterval),
      serveralivecountmax: String(r.serverAliveCountMax),
      hostkeyalias: r.hostKeyAlias ?? undefined,
    }).toEqual({
      hostname: one('hostname'),
      user: one('user'),
      port: one('port'),
      identityfile: ids,
      proxyjump: one('proxyjump'),
      stricthostkeychecking: shk,
      userknownhostsfile: files('userknownhostsfile'),
      globalknownhostsfile: files('globalknownhostsfile'),
      hashknownhosts: one('hashknownhosts'),
      identitiesonly: one('identitiesonly'),
      connecttimeout: one('connecttimeout'),
      serveraliveinterval: one('serveraliveinterval'),
      serveralivecountmax: one('serveralivecountmax'),
      hostkeyalias: one('hostkeyalias'),
    });
  });

  it('the jump chain of a ProxyJump host resolves each hop like `ssh -G hop`', () => {
    const r = mine(['web1']);
    expect(r.jumps.map((j) => [j.user, j.hostname, j.port])).toEqual([
      [sshG(['ops@bastion', '-p', '2200']).get('user')?.[0], '203.0.113.10', 2200],
      [sshG(['gate']).get('user')?.[0], 'gate', 22],
    ]);
  });
});
