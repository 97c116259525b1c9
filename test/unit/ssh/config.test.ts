import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveSshConfig, type ResolveEnv } from '../../../src/transport/ssh/config.js';
import { splitConfigLine } from '../../../src/transport/ssh/config-file.js';
import { expandTokens } from '../../../src/transport/ssh/tokens.js';

const homes: string[] = [];
afterAll(() => {
  for (const h of homes) rmSync(h, { recursive: true, force: true });
});

function setup(config: string, extra: Record<string, string> = {}): ResolveEnv {
  const home = mkdtempSync(join(tmpdir(), 'cosi-sshcfg-'));
  homes.push(home);
  mkdirSync(join(home, '.ssh'));
  writeFileSync(join(home, '.ssh', 'config'), config);
  for (const [f, text] of Object.entries(extra)) {
    mkdirSync(join(home, '.ssh', f, '..'), { recursive: true });
    writeFileSync(join(home, '.ssh', f), text);
  }
  return { home, env: { SSH_AUTH_SOCK: '/tmp/agent.sock' }, localUser: 'me', uid: 1000, localHost: 'laptop.lan', systemConfig: join(home, 'no-system-config') };
}

function resolve(dest: string, config: string, flags = {}, extra: Record<string, string> = {}) {
  const env = setup(config, extra);
  const r = resolveSshConfig(dest, flags, env);
  if (!r.ok) throw new Error(r.error);
  return { r: r.value, home: env.home };
}

describe('resolveSshConfig', () => {
  it('defaults like ssh -G with an empty config', () => {
    const { r, home } = resolve('node7', '');
    expect(r).toMatchObject({
      host: 'node7',
      hostname: 'node7',
      user: 'me',
      port: 22,
      identitiesOnly: false,
      identityAgent: '/tmp/agent.sock',
      jumps: [],
      strictHostKeyChecking: 'ask',
      hashKnownHosts: false,
      connectTimeoutMs: null,
      serverAliveInterval: 0,
      serverAliveCountMax: 3,
      userKnownHostsFiles: [`${home}/.ssh/known_hosts`, `${home}/.ssh/known_hosts2`],
      globalKnownHostsFiles: ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'],
    });
    expect(r.identityFiles[0]).toBe(`${home}/.ssh/id_rsa`);
    expect(r.identityFiles).toContain(`${home}/.ssh/id_ed25519`);
  });

  it('first matching value wins; Host patterns with ! negation; IdentityFile accumulates', () => {
    const cfg = [
      'Host *.lab !bad.lab',
      '  User labuser',
      '  IdentityFile ~/.ssh/lab_%h_%r_%p',
      'Host n1.lab',
      '  User ignored',
      '  Port 2201',
      '  IdentityFile %d/second',
      'Host *',
      '  User fallback',
      '  StrictHostKeyChecking accept-new',
    ].join('\n');
    const { r, home } = resolve('n1.lab', cfg);
    expect(r.user).toBe('labuser');
    expect(r.port).toBe(2201);
    expect(r.identityFiles).toEqual([`${home}/.ssh/lab_n1.lab_labuser_2201`, `${home}/second`]);
    expect(r.strictHostKeyChecking).toBe('accept-new');
    const bad = resolve('bad.lab', cfg).r;
    expect(bad.user).toBe('fallback');
  });

  it('HostName with %h, lowercased; Host patterns are matched case-sensitively against the typed name', () => {
    expect(resolve('web', 'Host web\n HostName %h.Example.COM\n').r.hostname).toBe('web.example.com');
    expect(resolve('WEB', 'Host w*\n HostName x\n').r.hostname).toBe('web');
  });

  it('destination and flags override the config', () => {
    const cfg = 'Host node7\n User cfg\n Port 2200\n ProxyJump cfgjump\n IdentityFile ~/cfgkey\n';
    const env = setup(cfg);
    writeFileSync(join(env.home, 'flagkey'), 'x');
    const r = resolveSshConfig('node7', { user: 'flag', port: 2300, proxyJump: 'none', identityFiles: ['~/flagkey', '~/missing'] }, env);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect([r.value.user, r.value.port, r.value.jumps]).toEqual(['flag', 2300, []]);
    expect(r.value.identityFiles).toEqual([`${env.home}/flagkey`, `${env.home}/cfgkey`]);
    expect(r.value.warnings).toEqual(['Warning: Identity file ~/missing not accessible: No such file or directory.']);
    const d = resolveSshConfig('dest@node7:2400', { user: 'flag', port: 2300 }, env);
    expect(d.ok && [d.value.user, d.value.port]).toEqual(['dest', 2400]);
  });

  it('-o options come before the config', () => {
    const { r } = resolve('h', 'Host h\n User cfg\n', { options: ['User=opt', 'StrictHostKeyChecking no'] });
    expect([r.user, r.strictHostKeyChecking]).toEqual(['opt', 'no']);
  });

  it('ProxyJump chains resolve each hop through the config', () => {
    const cfg = ['Host target', '  ProxyJump bastion,ops@inner:2022', 'Host bastion', '  HostName 203.0.113.9', '  User jump', '  Port 2222', 'Host inner', '  ProxyJump ignored-for-later-hops'].join('\n');
    const { r } = resolve('target', cfg);
    expect(r.proxyJump).toBe('bastion,ops@inner:2022');
    expect(r.jumps.map((j) => `${j.user}@${j.hostname}:${j.port}`)).toEqual(['jump@203.0.113.9:2222', 'ops@inner:2022']);
  });

  it('the first hop keeps its own ProxyJump (nested bastions)', () => {
    const cfg = ['Host target', '  ProxyJump mid', 'Host mid', '  ProxyJump edge'].join('\n');
    expect(resolve('target', cfg).r.jumps.map((j) => j.host)).toEqual(['edge', 'mid']);
  });

  it('a global ProxyJump does not apply to the jump host itself; jumping through yourself is refused', () => {
    const cfg = 'Host *\n  ProxyJump bastion\n';
    expect(resolve('node7', cfg).r.jumps.map((j) => [j.host, j.jumps.length])).toEqual([['bastion', 0]]);
    expect(resolveSshConfig('bastion', {}, setup(cfg))).toEqual({ ok: false, error: 'jumphost loop via bastion' });
  });

  it('a ProxyJump loop gives an error, not a hang', () => {
    const env = setup('Host a\n ProxyJump b\nHost b\n ProxyJump a\n');
    const r = resolveSshConfig('a', {}, env);
    expect(r.ok).toBe(false);
  });

  it('Include relative to ~/.ssh with globs, conditional inside Host', () => {
    const cfg = ['Include conf.d/*.conf', 'Host other', '  Include only-other', 'Host *', '  User last'].join('\n');
    const extra = {
      'conf.d/10-a.conf': 'Host node7\n  Port 2207\n',
      'conf.d/20-b.conf': 'Host node7\n  Port 9999\n  User fromb\n',
      'conf.d/skip.txt': 'Host *\n  User wrong\n',
      'only-other': 'User otheruser\n',
    };
    const a = resolve('node7', cfg, {}, extra).r;
    expect([a.port, a.user]).toEqual([2207, 'fromb']);
    const b = resolve('other', cfg, {}, extra).r;
    expect(b.user).toBe('otheruser');
  });

  it('Match host / originalhost / user / all; exec never matches', () => {
    const cfg = [
      'Host n1',
      '  HostName n1.example.com',
      'Match exec "true"',
      '  Port 1111',
      'Match host *.example.com user me',
      '  Port 2222',
      'Match originalhost n1',
      '  IdentitiesOnly yes',
      'Match all',
      '  ConnectTimeout 7',
    ].join('\n');
    const { r } = resolve('n1', cfg);
    expect([r.port, r.identitiesOnly, r.connectTimeoutMs]).toEqual([2222, true, 7000]);
  });

  it('known hosts files, hashing, keepalive, agent and none values', () => {
    const cfg = [
      'Host h',
      '  UserKnownHostsFile ~/kh1 %d/kh_%h',
      '  GlobalKnownHostsFile none',
      '  HashKnownHosts yes',
      '  ServerAliveInterval 5',
      '  ServerAliveCountMax 2',
      '  IdentityAgent none',
      '  IdentityFile none',
      '  BatchMode yes',
    ].join('\n');
    const { r, home } = resolve('h', cfg);
    expect(r.userKnownHostsFiles).toEqual([`${home}/kh1`, `${home}/kh_h`]);
    expect(r.globalKnownHostsFiles).toEqual([]);
    expect([r.hashKnownHosts, r.serverAliveInterval, r.serverAliveCountMax, r.identityAgent, r.batchMode]).toEqual([true, 5, 2, null, true]);
    expect(r.identityFiles).toEqual([]);
  });

  it('bad values give one line', () => {
    const env = setup('Host h\n Port banana\n');
    expect(resolveSshConfig('h', {}, env)).toEqual({ ok: false, error: 'bad port "banana"' });
    const env2 = setup('StrictHostKeyChecking maybe\n');
    expect(resolveSshConfig('h', {}, env2)).toEqual({ ok: false, error: 'bad StrictHostKeyChecking value "maybe"' });
    expect(resolveSshConfig('h', { configFile: '/nonexistent/cfg' }, env2)).toEqual({ ok: false, error: 'cannot read ssh config /nonexistent/cfg: no such file' });
  });

  it('ProxyCommand keeps the rest of the line verbatim; ProxyJump wins when both are set', () => {
    expect(resolve('h', 'ProxyCommand nc %h %p\n').r.proxyCommand).toBe('nc %h %p');
    expect(resolve('h', 'ProxyCommand sh -c "exec nc %h %p"  \n').r.proxyCommand).toBe('sh -c "exec nc %h %p"');
    const both = resolve('h', 'Host h\n ProxyJump j\nProxyCommand nc %h %p\n').r;
    expect([both.proxyCommand, both.jumps.length]).toEqual([null, 1]);
  });
});

describe('config lines and tokens', () => {
  it('splits keyword=value, quotes and trailing comments', () => {
    expect(splitConfigLine('  IdentityFile "~/my keys/id" # mine')).toMatchObject({ keyword: 'identityfile', args: ['~/my keys/id'] });
    expect(splitConfigLine('Port=2222')).toMatchObject({ keyword: 'port', args: ['2222'] });
    expect(splitConfigLine('Host = a b')).toMatchObject({ keyword: 'host', args: ['a', 'b'] });
    expect(splitConfigLine('# only a comment')).toBeNull();
  });

  it('expands %% tokens and keeps unknown ones', () => {
    const v = { host: 'h.example', originalHost: 'h', port: 2222, remoteUser: 'core', localUser: 'me', home: '/home/me', localHost: 'laptop.lan', uid: 1000 };
    expect(expandTokens('%d/%h-%n-%p-%r-%u-%l-%L-%i-%%-%z', v)).toBe('/home/me/h.example-h-2222-core-me-laptop.lan-laptop-1000-%-%z');
  });
});
