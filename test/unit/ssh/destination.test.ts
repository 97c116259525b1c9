import { describe, expect, it } from 'vitest';
import { parseSshDestination, takeSshFlags } from '../../../src/transport/ssh/destination.js';

describe('parseSshDestination', () => {
  it.each([
    ['node7', { host: 'node7' }],
    ['core@10.0.0.5', { user: 'core', host: '10.0.0.5' }],
    ['rancher@node7:2222', { user: 'rancher', host: 'node7', port: 2222 }],
    ['ssh://rancher@node7:2222', { user: 'rancher', host: 'node7', port: 2222 }],
    ['ssh://node7/', { host: 'node7' }],
    ['ssh://me%40corp@node7', { user: 'me@corp', host: 'node7' }],
    ['[fe80::1]:2200', { host: 'fe80::1', port: 2200 }],
    ['core@fe80::1', { user: 'core', host: 'fe80::1' }],
    ['a@b@host', { user: 'a@b', host: 'host' }],
  ])('%s', (text, want) => {
    const r = parseSshDestination(text);
    expect(r).toEqual({ ok: true, value: { user: undefined, port: undefined, ...want } });
  });

  it.each([
    ['', 'empty destination'],
    ['core@', 'no host name in core@'],
    ['@host', 'empty user name in @host'],
    ['host:0', 'bad port "0" in host:0'],
    ['host:70000', 'bad port "70000" in host:70000'],
    ['host:ssh', 'bad port "ssh" in host:ssh'],
    ['-oProxyCommand=x', 'host name must not start with "-": -oProxyCommand=x'],
    ['ssh://host/path', 'ssh:// destination must not have a path: ssh://host/path'],
  ])('refuses %j with one line', (text, error) => {
    expect(parseSshDestination(text)).toEqual({ ok: false, error });
  });

  it('refuses control characters in the host name', () => {
    const r = parseSshDestination('ho\u001bst');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('control characters');
  });
});

describe('takeSshFlags', () => {
  it('takes ssh flags and keeps the rest in order', () => {
    const r = takeSshFlags(['node7', '-i', 'a', '-ib', '-J', 'bastion,u@j2:22', '-p2222', '-l', 'rancher', '-F', 'cfg', '-o', 'User=x', '--sudo', '--json']);
    expect(r).toEqual({
      ok: true,
      flags: { identityFiles: ['a', 'b'], proxyJump: 'bastion,u@j2:22', port: 2222, user: 'rancher', configFile: 'cfg', options: ['User=x'], sudo: true },
      rest: ['node7', '--json'],
    });
  });

  it('first -p wins, like ssh', () => {
    const r = takeSshFlags(['-p', '1', '-p', '2']);
    expect(r.ok && r.flags.port).toBe(1);
  });

  it.each([
    [['-i'], 'option -i needs a value'],
    [['-p', 'x'], 'bad port "x" for -p'],
    [['-o', 'nonsense'], 'bad -o option "nonsense" (want Key=Value)'],
  ])('%j -> %s', (argv, error) => {
    expect(takeSshFlags(argv)).toEqual({ ok: false, error });
  });
});
