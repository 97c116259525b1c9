import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCliOptions } from '../../../src/cli/options.js';
import { cosiAsync } from '../../support/cli.js';
import { startRefusingServer, type RefusingServer } from '../../support/ssh-server.js';

// OpenSSH spells its options `-o Key=Value`; cosi's -o is the output file. A value that starts
// with an ssh option name and `=` (or a space) is an ssh option; anything else is the output file.
describe('-o: an ssh option or the output file', () => {
  it.each([
    [['lab', '-o', 'StrictHostKeyChecking=accept-new', '--json'], ['StrictHostKeyChecking=accept-new'], undefined],
    [['lab', '-oStrictHostKeyChecking=accept-new', '-o', 'out.cosi.json'], ['StrictHostKeyChecking=accept-new'], 'out.cosi.json'],
    [['lab', '-o', 'out.cosi.json', '-o', 'userknownhostsfile=/tmp/kh'], ['userknownhostsfile=/tmp/kh'], 'out.cosi.json'],
    [['lab', '-o', 'ProxyCommand nc %h %p', '--ssh-option', 'Port=2222'], ['ProxyCommand nc %h %p', 'Port=2222'], undefined],
    [['lab', '-o', 'notanoption=1.json'], [], 'notanoption=1.json'],
    [['lab', '-o', 'mounts.svg'], [], 'mounts.svg'],
  ] as [string[], string[], string | undefined][])('%j', (argv, ssh, output) => {
    const o = parseCliOptions(argv);
    expect(o.sshOptions).toEqual(ssh);
    expect(o.output).toBe(output);
  });
});

// The advice cosi prints when it cannot ask about an unknown host key is a whole command; run as
// printed (against an ssh2 server in this process) it gets past the host key and records it.
let server: RefusingServer;
let port = 0;
beforeAll(async () => {
  server = await startRefusingServer(['publickey']);
  port = server.port;
});
afterAll(() => server.close());

describe('unknown host key without a terminal', () => {
  it('prints one command that accepts the key; run as printed, it gets past the host key', async () => {
    const home = mkdtempSync(join(tmpdir(), 'cosi-advice-'));
    const env = { HOME: home, SSH_AUTH_SOCK: '' };
    const first = await cosiAsync(['snapshot', `core@127.0.0.1`, '-p', String(port), '-F', '/dev/null', '--json'], { env });
    expect(first.status).toBe(1);
    const lines = first.stderr.trim().split('\n');
    expect(lines[lines.length - 2]).toMatch(/^cosi: \[127\.0\.0\.1\]:\d+: host key is not known \(ED25519 SHA256:\S+\) and there is no terminal to confirm it$/);
    expect(lines[lines.length - 1]).toBe(`To accept the key and connect, run: cosi snapshot -o StrictHostKeyChecking=accept-new core@127.0.0.1 -p ${port} -F /dev/null --json`);
    const advice = lines[lines.length - 1].replace(/^.*run: cosi /, '').split(' ');
    const second = await cosiAsync(advice, { env });
    expect(second.stderr).toContain(`Warning: Permanently added '[127.0.0.1]:${port}' (ED25519) to the list of known hosts.`);
    expect(second.stderr).toContain('core@127.0.0.1: authentication failed');
    expect(readFileSync(join(home, '.ssh', 'known_hosts'), 'utf8')).toMatch(new RegExp(`^\\[127\\.0\\.0\\.1\\]:${port} ssh-ed25519 `));
  });
});
