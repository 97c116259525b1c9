import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveSshConfig } from '../../../src/transport/ssh/config.js';
import { proxyCommandLine } from '../../../src/transport/ssh/proxy-command.js';
import { cosi } from '../../support/cli.js';

describe('ProxyCommand', () => {
  it('expands %h %p %r %n %% like ssh and leaves other text alone', () => {
    const r = resolveSshConfig('alias', { configFile: '/dev/null', options: ['HostName=10.0.0.7', 'Port=2200', 'User=core', 'ProxyCommand=ssh -W %h:%p -l %r jump # %n 100%% %x'] }, { home: '/home/me', env: {} });
    if (!r.ok) throw new Error(r.error);
    expect(proxyCommandLine(r.value)).toBe('ssh -W 10.0.0.7:2200 -l core jump # alias 100% %x');
  });

  it('quotes an expansion that holds anything but plain host-name characters', () => {
    const r = resolveSshConfig('core$x@node*~1', { configFile: '/dev/null', options: ['ProxyCommand=nc %h %p # %r %n'] }, { home: '/home/me', env: {} });
    if (!r.ok) throw new Error(r.error);
    expect(proxyCommandLine(r.value)).toBe(`nc 'node*~1' 22 # 'core$x' 'node*~1'`);
  });
});

// CVE-2023-51385: with `ProxyCommand nc %h %p` in the user's config, a destination or user name with
// shell syntax ran a local command. Like OpenSSH, such names are refused before any % expansion.
describe('shell metacharacters in the host or user name with a ProxyCommand', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cosi-proxy-'));
  const config = join(dir, 'config');
  writeFileSync(config, 'Host *\n  ProxyCommand true %h %p %r %n\n');
  const cases: [string, string[], string][] = [
    ['$( ) in the host', [`x$(>PWNED)`], 'host name contains invalid characters'],
    ['backticks in the host', [`x\`>PWNED\``], 'host name contains invalid characters'],
    ['; in the host', [`x;>PWNED`], 'host name contains invalid characters'],
    ['backticks in user@', [`a\`touch PWNED\`@x`], 'remote user name contains invalid characters'],
    ['$( ) in -l', ['-l', `a$(touch PWNED)`, 'x'], 'remote user name contains invalid characters'],
    ['| in -l', ['-l', `a|touch PWNED`, 'x'], 'remote user name contains invalid characters'],
  ];
  it.each(cases)('%s: refused with a clear line, nothing runs', (_name, dest, message) => {
    // Each case touches its own file, so one case's leftover cannot hide another's.
    const pwned = join(dir, `pwned-${_name.replace(/\W+/g, '-')}`);
    const r = cosi(['snapshot', ...dest.map((a) => a.replace('PWNED', pwned)), '-F', config, '--json']);
    expect(existsSync(pwned)).toBe(false);
    expect(r.status).toBe(1);
    expect(r.stderr.split('\n')[0]).toMatch(new RegExp(`^cosi: ${message}: `));
    expect(r.stdout).toBe('');
  });
});
