import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosiAsync } from '../../support/cli.js';
import { EVIL, nonSgrEscapes } from './_support.js';

// A hostile SSH server: when it refuses authentication it names the methods it "accepts", and the
// names hold a title change and an OSC 52 clipboard write. cosi prints them in its error line.
const { Server, utils } = ssh2;
const hostKey = utils.generateKeyPairSync('ed25519').private;
const METHODS = ['publickey', `x${EVIL.title}`, `y${EVIL.osc52}`];
let server: InstanceType<typeof Server>;
let port = 0;

beforeAll(async () => {
  server = new Server({ hostKeys: [hostKey] }, (client) => {
    client.on('authentication', (ctx) => ctx.reject(METHODS as never));
    client.on('error', () => undefined);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

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
