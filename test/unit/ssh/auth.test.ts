import { describe, expect, it } from 'vitest';
import { authFailureLine, tildePath } from '../../../src/transport/ssh/auth.js';
import { resolveSshConfig } from '../../../src/transport/ssh/config.js';
import { hostKeyAlgorithms } from '../../../src/transport/ssh/connect.js';

describe('auth messages', () => {
  it('one line naming the user, host and what was tried', () => {
    const r = resolveSshConfig('core@node7', { configFile: '/dev/null' }, { home: '/home/me', env: {} });
    if (!r.ok) throw new Error(r.error);
    expect(authFailureLine(r.value, { tried: ['agent (2 keys)', 'publickey with ~/.ssh/id_ed25519', 'password'], offered: ['publickey', 'password'] })).toBe(
      'core@node7: authentication failed (tried: agent (2 keys), publickey with ~/.ssh/id_ed25519, password; server accepts: publickey, password)',
    );
    expect(authFailureLine(r.value, { tried: [], offered: ['publickey'] })).toBe('core@node7: authentication failed (tried: nothing; server accepts: publickey)');
  });

  it('paths under home are shown with ~', () => {
    expect(tildePath('/home/me/.ssh/id_rsa', '/home/me')).toBe('~/.ssh/id_rsa');
    expect(tildePath('/home/meta/id', '/home/me')).toBe('/home/meta/id');
  });
});

describe('host key algorithms', () => {
  it('puts the types known for the host first, like ssh', () => {
    expect(hostKeyAlgorithms(['ssh-rsa']).slice(0, 3)).toEqual(['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
    expect(hostKeyAlgorithms([])[0]).toBe('ssh-ed25519');
    expect(hostKeyAlgorithms(['ecdsa-sha2-nistp256'])).toHaveLength(7);
  });
});
