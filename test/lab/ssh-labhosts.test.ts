import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProbeTransport } from '../../src/transport/probe-transport.js';
import { noPrompts, resolveSshConfig, SshChannel, type SshFlags } from '../../src/transport/ssh/index.js';
import { labUp, LAB, sshConfigFor, type LabHostName } from './lab.js';
import { cleanupTempDirs, scriptedPrompts, tempDir } from './sshd-fixture.js';

/**
 * `cosi connect` / `cosi snapshot` against the lab's container-optimized hosts
 * (RancherOS-like console as `rancher`, CoreOS-like systemd host as `core`),
 * with the ssh config the lab generates (key, known_hosts, StrictHostKeyChecking yes).
 */
// [host, os-release ID, rc of the root-only 'mountinfo-host' section under --sudo:
//  0 in RancherOS's console (its own mount namespace, PID 1's table read through sudo -n),
//  127 "not needed" on the systemd host (already PID 1's namespace)]
const HOSTS: [LabHostName, string, number][] = [
  ['rancher', 'rancheros', 0],
  ['systemd', 'coreos', 127],
];

beforeAll(async () => {
  await labUp('all');
});
afterAll(cleanupTempDirs);

function channel(host: LabHostName, flags: SshFlags = {}, prompts = noPrompts()) {
  const { configPath } = sshConfigFor(host);
  const r = resolveSshConfig(LAB[host].sshAlias, { configFile: configPath, ...flags }, { home: homedir(), env: {} });
  if (!r.ok) throw new Error(r.error);
  return new SshChannel(r.value, { prompts });
}

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('npx', ['tsx', 'src/cli.ts', ...args], { cwd: join(__dirname, '..', '..'), timeout: 120000, maxBuffer: 256 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe.each(HOSTS)('lab host %s', (host, osId, hostMountRc) => {
  it('probes over one persistent shell with --sudo (root sections through sudo -n)', async () => {
    const ch = channel(host, { sudo: true });
    const t = new ProbeTransport(ch, { sudo: ch.resolved.sudo, timeoutMs: 60000 });
    const snap = await t.collect();
    expect(ch.mode).toBe('shell');
    expect(snap.target).toEqual({ kind: 'ssh', label: `${LAB[host].user}@${LAB[host].sshAlias}:${LAB[host].sshPort}` });
    expect(snap.sections['os-release']?.text).toMatch(new RegExp(`^ID=${osId}$`, 'm'));
    expect(snap.sections['mountinfo-host']?.rc).toBe(hostMountRc);
    // A second tick in the same shell.
    const again = await t.collect();
    expect(again.sections['meminfo']?.text).toContain('MemTotal:');
    await t.close();
  });

  it("logs in with the user's real password when no key is offered", async () => {
    const s = scriptedPrompts({ secret: [LAB[host].password] });
    const ch = channel(host, { options: ['PubkeyAuthentication=no'] }, s.prompts);
    await ch.open();
    const out = await ch.run(`id -un\nprintf '\\n%s\\n' END\n`, 'END', { timeoutMs: 10000, maxBytes: 10000 });
    expect(out.trim()).toBe(LAB[host].user);
    expect(s.shown).toEqual([`${LAB[host].user}@127.0.0.1's password: `]);
    await ch.close();
  });

  it('cosi snapshot ALIAS -F CONFIG --json prints the snapshot', async () => {
    const { configPath } = sshConfigFor(host);
    const r = await cli(['snapshot', LAB[host].sshAlias, '-F', configPath, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).target).toEqual({ kind: 'ssh', label: `${LAB[host].user}@${LAB[host].sshAlias}:${LAB[host].sshPort}` });
  });
});

describe('cosi snapshot first-connect failures: one line, status != 0', () => {
  it('unknown host key with StrictHostKeyChecking yes', async () => {
    const dir = tempDir('cosi-ssh-lab-');
    const cfg = join(dir, 'config');
    const kh = join(dir, 'known_hosts');
    writeFileSync(kh, '');
    writeFileSync(cfg, readFileSync(sshConfigFor('systemd').configPath, 'utf8').replaceAll(sshConfigFor('systemd').knownHostsPath, kh));
    const r = await cli(['snapshot', LAB.systemd.sshAlias, '-F', cfg, '--json']);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^cosi: \[127\.0\.0\.1\]:2223: host key is not known \(ED25519 SHA256:[A-Za-z0-9+/]{43}\) and StrictHostKeyChecking is yes$/m);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('a name that does not resolve', async () => {
    const r = await cli(['snapshot', 'core@no-such-host.invalid', '--json']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/^cosi: could not resolve host name no-such-host\.invalid$/m);
  });
});
