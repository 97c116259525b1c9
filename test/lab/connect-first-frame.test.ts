// The first frame of `cosi connect HOST` over SSH (#13): the connection starts before Ink loads,
// and the first tick reads what the host is with builtins (no uname, grep, readlink or cat for
// it). What that tick reads must be what the tools say on the host, and the first frame that
// says "live" already shows it. Runs the built cosi (bin/cosi.js), as a user does.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIdentity } from '../../parsers/identity.js';
import { ProbeTransport } from '../../src/transport/probe-transport.js';
import { noPrompts, resolveSshConfig, SshChannel } from '../../src/transport/ssh/index.js';
import { killTagged, leftovers } from '../support/tagged.js';
import { labUp, LAB, sshConfigFor, type LabHostName } from './lab.js';
import { REPO_DIR } from './lib/paths.js';
import { requireBuilt } from './support/peers.js';
import { tmuxPane } from './support/tmux.js';

const pexec = promisify(execFile);
const shq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** A command on the lab host as its ssh user, through OpenSSH and the lab's ssh config. */
async function viaOpenSsh(host: LabHostName, command: string): Promise<string> {
  const { configPath } = sshConfigFor(host);
  return (await pexec('ssh', ['-F', configPath, LAB[host].sshAlias, command], { timeout: 60_000 })).stdout;
}

beforeAll(async () => {
  await labUp('all');
  requireBuilt();
});

describe.each(['systemd', 'rancher'] as LabHostName[])('the first tick on lab host %s', (host) => {
  it('reads uname, the cpu count, os-release and the mount namespace as the tools do', async () => {
    const { configPath } = sshConfigFor(host);
    const r = resolveSshConfig(LAB[host].sshAlias, { configFile: configPath }, { home: homedir(), env: {} });
    if (!r.ok) throw new Error(r.error);
    const t = new ProbeTransport(new SshChannel(r.value, { prompts: noPrompts() }), { quickFirst: true, timeoutMs: 60_000 });
    try {
      const first = await t.collect();
      // What cannot change while connected; the namespace as the old check saw it (readlink, or the
      // whole mount tables when PID 1's link cannot be read).
      const tools = await viaOpenSsh(
        host,
        `uname -srvm; grep -c '^processor' /proc/cpuinfo; a=$(readlink /proc/self/ns/mnt 2>/dev/null); b=$(readlink /proc/1/ns/mnt 2>/dev/null)
if [ -n "$b" ]; then [ "$a" = "$b" ] && echo same || echo other
elif [ "$(cat /proc/1/mountinfo 2>/dev/null)" = "$(cat /proc/self/mountinfo)" ]; then echo same; else echo other; fi
echo @@; cat /etc/os-release`,
      );
      const [head, osRelease] = tools.split('@@\n');
      const [uname, cpus, ns] = head.trim().split('\n');
      const id = parseIdentity(first.sections.identity!.text).value;
      expect(`${id.kernelName} ${id.kernelRelease} ${id.kernelVersion} ${id.arch}`).toBe(uname);
      expect(id.cpus).toBe(Number(cpus));
      expect(first.sections['os-release']).toMatchObject({ text: osRelease, rc: 0 });
      // PID 1's own table is read only when it lives in another mount namespace.
      expect(first.sections['mountinfo-host']!.rc === 127 ? 'same' : 'other').toBe(ns);
      expect(first.pending).toContain('cgroups');
    } finally {
      await t.close();
    }
  });
});

describe('cosi connect over SSH', () => {
  const pane = tmuxPane('cosi-first-frame-test');
  afterAll(() => pane.kill());

  it("the first live frame shows the host: its name, OS, kernel and cpus; q exits 0", async () => {
    const { configPath } = sshConfigFor('systemd');
    const [hostname, release, machine, cpus] = (await viaOpenSsh('systemd', "cat /proc/sys/kernel/hostname; uname -r; uname -m; grep -c '^processor' /proc/cpuinfo")).trim().split('\n');
    const pretty = /^PRETTY_NAME="?([^"\n]*)/m.exec(await viaOpenSsh('systemd', 'cat /etc/os-release'))![1];
    const tag = randomBytes(6).toString('hex');
    const cmd = ['cd', shq(REPO_DIR), '&&', `COSI_TEST_TAG=${tag}`, shq(process.execPath), 'bin/cosi.js', 'connect', '-F', shq(configPath), LAB.systemd.sshAlias].join(' ');
    pane.start(`${cmd}; echo "EXIT=$?"; sleep 600`, 140, 30);
    try {
      const screen = await pane.waitScreen(/● live/);
      expect(screen).toMatch(new RegExp(`^Host\\s+${hostname} · ${pretty.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
      expect(screen).toMatch(new RegExp(`^Kernel\\s+Linux ${release.replace(/\./g, '\\.')} ${machine} · ${cpus} CPUs?$`, 'm'));
      pane.tmux(['send-keys', '-t', 'cosi', 'q']);
      expect(await pane.waitScreen(/EXIT=\d+/)).toContain('EXIT=0');
      expect(await leftovers(tag)).toEqual([]);
    } finally {
      pane.kill();
      killTagged(tag);
    }
  });
});
