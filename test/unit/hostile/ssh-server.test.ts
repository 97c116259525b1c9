import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosiAsync } from '../../support/cli.js';
import { startRefusingServer, type RefusingServer } from '../../support/ssh-server.js';
import { EVIL, nonSgrEscapes } from './_support.js';

// A hostile SSH server: when it refuses authentication it names the methods it "accepts", and the
// names hold a title change and an OSC 52 clipboard write. cosi prints them in its error line.
const METHODS = ['publickey', `x${EVIL.title}`, `y${EVIL.osc52}`];
let server: RefusingServer;
let port = 0;
beforeAll(async () => {
  server = await startRefusingServer(METHODS);
  port = server.port;
});
afterAll(() => server.close());

describe('a hostile SSH server', () => {
  it('its auth-failure method names reach the error line escaped, never as terminal commands', async () => {
    const home = mkdtempSync(join(tmpdir(), 'cosi-home-'));
    const r = await cosiAsync(
      ['snapshot', `core@127.0.0.1`, '-p', String(port), '-F', '/dev/null', '--ssh-option', 'StrictHostKeyChecking=no', '--ssh-option', 'UserKnownHostsFile=/dev/null', '--ssh-option', 'BatchMode=yes', '--json'],
      { env: { HOME: home, SSH_AUTH_SOCK: '' } },
    );
    expect(r.status).toBe(1);
    expect(nonSgrEscapes(r.stderr)).toEqual([]);
    expect(r.stderr).toContain('core@127.0.0.1: authentication failed (tried: nothing; server accepts: publickey, x\\e]0;pwned\\x07, y\\e]52;c;cHduZWQ=\\x07)');
  });
});
