import { beforeAll, describe, expect, it } from 'vitest';
import { cosiAsync } from '../support/cli.js';
import { labUp, sshConfigFor } from './lab.js';

/**
 * `cosi logs` over SSH against the lab hosts, with the ssh config the lab
 * generates: the systemd host's journal (core reads it through `sudo -n`, as
 * it is not in systemd-journal there) and the RancherOS-like console's user
 * docker through the docker CLI in its shell.
 */
beforeAll(async () => {
  await labUp('all');
}, 600_000);

describe('cosi logs over SSH', () => {
  it("a unit that failed to start: PID 1's 'Failed to start' line, with its priority", async () => {
    const { configPath, alias } = sshConfigFor('systemd');
    const r = await cosiAsync(['logs', '-F', configPath, alias, 'broken.service', '--sudo']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^\S+Z err systemd\[1\]: Failed to start broken\.service/m);
    expect(r.status).toBe(0);
  }, 120_000);

  it('without read access to the journal the user is told why and what to do', async () => {
    const { configPath, alias } = sshConfigFor('systemd');
    const r = await cosiAsync(['logs', '-F', configPath, alias, 'broken.service']);
    expect([r.status, r.stderr]).toEqual([1, 'cosi: journalctl -u broken.service failed: No journal files were opened due to insufficient permissions. (try --sudo, or add the user to the systemd-journal group)\n']);
  }, 120_000);

  it('an unknown unit and an unknown container are named as such', async () => {
    const { configPath, alias } = sshConfigFor('systemd');
    const unit = await cosiAsync(['logs', '-F', configPath, alias, 'no-such-unit.service', '--sudo']);
    expect([unit.status, unit.stderr]).toEqual([1, `cosi: unknown unit 'no-such-unit.service' on core@${alias}:2223\n`]);
  }, 120_000);

  it("a container's lines through the docker CLI on the RancherOS-like console, as JSON", async () => {
    const { configPath, alias } = sshConfigFor('rancher');
    const r = await cosiAsync(['logs', '-F', configPath, alias, 'batch', '--json']);
    expect(r.stderr).toBe('');
    const objs = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(objs.at(-1)).toEqual({ time: expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/), source: 'docker', target: 'batch', stream: 'stdout', priority: null, message: 'batch done' });
    const missing = await cosiAsync(['logs', '-F', configPath, alias, 'no-such-ctr']);
    expect(missing.status).toBe(1);
    // The console's system-docker is root's: without --sudo cosi says it could not ask it.
    expect(missing.stderr.trim().split('\n').at(-1)).toBe(`cosi: no unit named 'no-such-ctr.service' on rancher@${alias}:2222, and system-docker could not be asked (try --sudo)`);
  }, 120_000);
});
