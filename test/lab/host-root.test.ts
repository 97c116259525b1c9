// `--host-root DIR` through a debug container (test/lab/lib/debug-host.ts): a shell in a privileged
// container that sees this machine's root at /host and shares its PID namespace, as `kubectl debug
// node/NAME` gives. What cosi reads there must be the machine's, as a direct `--local` snapshot
// reads it: os-release, the mount table, the engines and their containers. Mounts and containers
// move (other lab containers start and stop), so they are bracketed: what both local readings
// (before and after) hold must be in the debug container's reading.
import { beforeAll, describe, expect, it } from 'vitest';
import { cosi } from '../support/cli.js';
import { labUp } from './lab.js';
import { ensureDebugHost, type DebugHost } from './lib/debug-host.js';

interface Model {
  identity: { osId: string; osVersion: string; osPrettyName: string; initComm: string | null; hostRoot?: { dir: string; pidNamespace: string } };
  mounts: { target: string }[];
  hostMounts: { target: string }[] | null;
  engines: { name: string; kind: string; status: string; containers: { name: string }[] }[];
  units: { name: string; active: string }[] | null;
  unitsUnreadable?: string;
}

function snapshot(args: string[]): Model {
  const r = cosi(['snapshot', ...args, '--interval', '0', '--json']);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Model;
}

const both = (a: Set<string>, c: Set<string>) => new Set([...a].filter((x) => c.has(x)));
const targets = (m: Model) => new Set(m.mounts.map((x) => x.target));
const containers = (m: Model) => new Set(m.engines.flatMap((e) => e.containers.map((c) => `${e.name}/${c.name}`)));

describe('--host-root through a debug container', () => {
  let host: DebugHost;
  let before: Model;
  let debug: Model;
  let after: Model;

  beforeAll(async () => {
    await labUp('all');
    host = await ensureDebugHost();
    before = snapshot(['--local']);
    debug = snapshot(['--via', host.via, '--host-root', host.hostRoot]);
    after = snapshot(['--local']);
  }, 240_000);

  it('says where the host is and that /proc is the host’s (it shares the PID namespace)', () => {
    expect(debug.identity.hostRoot).toEqual({ dir: '/host', pidNamespace: 'host' });
    expect(before.identity.hostRoot).toBeUndefined();
    expect(debug.identity.initComm).toBe(before.identity.initComm);
  });

  it("reads the host's os-release, not the debug image's", () => {
    expect(before.identity.osId).not.toBe('');
    expect({ id: debug.identity.osId, version: debug.identity.osVersion, pretty: debug.identity.osPrettyName }).toEqual({ id: before.identity.osId, version: before.identity.osVersion, pretty: before.identity.osPrettyName });
  });

  it("shows the host's mount table (PID 1's), with host paths: every mount present in both local readings", () => {
    const stable = both(targets(before), targets(after));
    const seen = targets(debug);
    expect(stable.size).toBeGreaterThan(5);
    expect([...stable].filter((t) => !seen.has(t))).toEqual([]);
    // Not the container's own view: nothing of it is named under /host.
    expect([...seen].filter((t) => t === '/host' || t.startsWith('/host/'))).toEqual([]);
    expect(debug.hostMounts).toBeNull();
  });

  it('finds no systemd where the host has none (not "not readable")', () => {
    expect(before.units).toBeNull();
    expect(debug.units).toBeNull();
    expect(debug.unitsUnreadable).toBeUndefined();
  });

  it("cosi logs reads a host container's lines with the shell's docker CLI at the host's socket", () => {
    const r = cosi(['logs', '--via', host.via, '--host-root', host.hostRoot, 'batch', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const last = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { source: string; target: string; message: string };
    expect(last).toMatchObject({ source: 'docker', target: 'batch', message: 'batch done' });
  });

  it("reads the host's engines through their sockets under /host, with their containers", () => {
    const names = (m: Model) => m.engines.map((e) => `${e.name} ${e.kind} ${e.status}`);
    expect(names(before)).toEqual(expect.arrayContaining(['docker docker up', 'system-docker system-docker up']));
    expect(names(debug)).toEqual(names(before));
    expect(names(after)).toEqual(names(before));
    const stable = both(containers(before), containers(after));
    expect(stable.has('docker/web')).toBe(true);
    expect(stable.has('system-docker/console')).toBe(true);
    expect([...stable].filter((c) => !containers(debug).has(c))).toEqual([]);
  });
});

// The systemd host (CoreOS-like) seen through its own PID 1's root: `--host-root /proc/1/root` in a
// shell of the container is a host root that holds systemd's /run, so units are read by the host's
// systemctl chrooted there. Without CAP_SYS_CHROOT (setpriv drops it) they cannot be: Services says
// "not readable" and the socket-activated docker, whose state is then unknown, is not opened.
describe('--host-root on a systemd host: units through chroot, or "not readable"', () => {
  const ROOT = '/proc/1/root';
  let direct: Model;
  let chrooted: Model;
  let noChroot: Model;
  let again: Model;

  beforeAll(async () => {
    const hosts = await labUp('systemd');
    const via = hosts.systemd.viaCommand;
    direct = snapshot(['--via', via]);
    chrooted = snapshot(['--via', via, '--host-root', ROOT]);
    noChroot = snapshot(['--via', via.replace(/ sh$/, ' setpriv --bounding-set -sys_chroot --inh-caps -sys_chroot sh'), '--host-root', ROOT]);
    again = snapshot(['--via', via]);
  }, 240_000);

  it('reads the units with the host’s systemctl chrooted into the root: those of both direct readings', () => {
    expect(chrooted.identity.hostRoot).toEqual({ dir: ROOT, pidNamespace: 'host' });
    const names = (m: Model) => new Set((m.units ?? []).map((u) => u.name));
    const stable = both(names(direct), names(again));
    expect(stable.has('broken.service')).toBe(true);
    expect([...stable].filter((n) => !names(chrooted).has(n))).toEqual([]);
    expect(chrooted.units?.find((u) => u.name === 'broken.service')?.active).toBe('failed');
    expect(chrooted.engines.map((e) => `${e.name} ${e.status}`)).toEqual(['docker socket-activated']);
  });

  it('without chroot: "not readable" with its reason, not "no systemd"; docker is not opened', () => {
    expect(noChroot.units).toBeNull();
    expect(noChroot.unitsUnreadable).toMatch(/chroot/);
    expect(noChroot.identity.osId).toBe(direct.identity.osId);
    expect(noChroot.engines.map((e) => `${e.name} ${e.status}`)).toEqual(['docker unknown']);
    expect(again.units?.find((u) => u.name === 'docker.service')?.active).toBe('inactive');
  });
});
