import { describe, expect, it } from 'vitest';
import { resolveSshConfig } from '../../../src/transport/ssh/config.js';
import { proxyCommandLine } from '../../../src/transport/ssh/proxy-command.js';

describe('ProxyCommand', () => {
  it('expands %h %p %r %n %% like ssh and leaves other text alone', () => {
    const r = resolveSshConfig('alias', { configFile: '/dev/null', options: ['HostName=10.0.0.7', 'Port=2200', 'User=core', 'ProxyCommand=ssh -W %h:%p -l %r jump # %n 100%% %x'] }, { home: '/home/me', env: {} });
    if (!r.ok) throw new Error(r.error);
    expect(proxyCommandLine(r.value)).toBe('ssh -W 10.0.0.7:2200 -l core jump # alias 100% %x');
  });
});
