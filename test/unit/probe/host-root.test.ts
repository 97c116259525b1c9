import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDf } from '../../../parsers/df.js';
import { parseEnginesDiscovery } from '../../../parsers/engines-discovery.js';
import { parseIdentity } from '../../../parsers/identity.js';
import { parseKube } from '../../../parsers/kube.js';
import { parseOsRelease } from '../../../parsers/os-release.js';
import { parseRuntimeState } from '../../../parsers/runtime-state.js';
import { buildProbeScript, hostRootAssign } from '../../../src/probe/build.js';
import { SECTIONS } from '../../../src/probe/sections.js';
import { buildModel } from '../../../src/model/build.js';
import { ChildShellChannel } from '../../../src/transport/child-shell.js';
import { ProbeTransport } from '../../../src/transport/probe-transport.js';
import { probeShells } from '../../support/shells.js';
import { noBudget } from '../../../src/probe/budget.js';

// `--host-root DIR`: every host file the probe reads is read under DIR, a name that may hold a
// space and a quote. A recorded host tree is built in a temporary directory and the real probe
// runs over it under dash and busybox sh. Only the sections that read host files are checked:
// /proc and cgroupfs are this machine's, as a debug container's are the node's.

const ID = 'a'.repeat(64);
let base = '';
let root = '';
let server: Server;
const savedPath = process.env.PATH;

function put(rel: string, text: string): void {
  const p = join(root, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, text);
}

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'cosi-hostroot-'));
  root = join(base, "node's root");
  // Flatcar-like: /etc/os-release an ABSOLUTE link (followed inside the root, not in ours).
  put('usr/lib/os-release', 'NAME="Flatcar Container Linux by Kinvolk"\nID=flatcar\nVERSION_ID=3815.2.0\n');
  mkdirSync(join(root, 'etc'), { recursive: true });
  symlinkSync('/usr/lib/os-release', join(root, 'etc/os-release'));
  // /var/run -> /run, absolute too; dockerd's socket in the root's /run.
  mkdirSync(join(root, 'run'), { recursive: true });
  mkdirSync(join(root, 'var'), { recursive: true });
  symlinkSync('/run', join(root, 'var/run'));
  server = createServer();
  await new Promise<void>((resolve) => server.listen(join(root, 'run/docker.sock'), resolve));
  // containerd's task bundle of a CRI container, its pod's log file and the CRI's exit status.
  const task = `run/containerd/io.containerd.runtime.v2.task/k8s.io/${ID}`;
  put(`${task}/init.pid`, `${process.pid}\n`);
  put(
    `${task}/config.json`,
    JSON.stringify({ annotations: { 'io.kubernetes.cri.sandbox-name': 'web-0', 'io.kubernetes.cri.sandbox-namespace': 'default', 'io.kubernetes.cri.container-name': 'app' }, linux: { cgroupsPath: `/kubepods/besteffort/pod1/${ID}` }, process: { args: ['httpd'] } }),
  );
  put('var/log/pods/default_web-0_1111/app/2.log', '2026-12-01T10:00:00.000000000Z stdout F hi\n');
  put(`var/lib/containerd/io.containerd.grpc.v1.cri/containers/${ID}/status`, '{"ExitCode":3,"FinishedAt":1,"Reason":"Error"}\n');
  // systemd booted the host (its runtime dir), but no systemctl can reach its bus from here.
  mkdirSync(join(root, 'run/systemd/system'), { recursive: true });
  // The host's tools and modules.builtin (the release is this kernel's: uname is the same kernel).
  put('usr/sbin/ipset', '#!/bin/sh\n');
  chmodSync(join(root, 'usr/sbin/ipset'), 0o755);
  // df as the debug container sees it: its own mounts, the host's under the root.
  const bin = join(base, 'bin');
  mkdirSync(bin);
  const dfOut = [
    'Filesystem     1024-blocks    Used Available Capacity Mounted on',
    'overlay             1000     500       500      50% /',
    `/dev/sda9           2000    1000      1000      50% ${root}`,
    `/dev/sda6           3000    1000      2000      34% ${root}/var/lib/x y`,
    `/dev/sda6           3000    1000      2000      34% ${root}x`,
    'tmpfs                 10       0        10       0% /dev/shm',
  ].join('\n');
  writeFileSync(join(bin, 'df'), `#!/bin/sh\ncat <<'EOF'\n${dfOut}\nEOF\n`);
  chmodSync(join(bin, 'df'), 0o755);
  process.env.PATH = `${bin}:${savedPath}`;
});

afterAll(() => {
  process.env.PATH = savedPath;
  server?.close();
});

it('the prefix is one shell-quoted word; a trailing slash is dropped and "/" is no prefix', () => {
  expect(hostRootAssign("/x/node's root/")).toBe(`_cosi_hr='/x/node'\\''s root'`);
  expect(hostRootAssign('/')).toBe('_cosi_hr=');
  expect(hostRootAssign(undefined)).toBe('_cosi_hr=');
  // Set in the probe's shell, and inside every `sh -c` body (timeout, sudo): both see it.
  const s = buildProbeScript(SECTIONS.filter((x) => x.id === 'df'), 'N', { hostRoot: '/h' });
  expect(s).toContain("\n_cosi_hr='/h'\n");
  expect(s).toMatch(/sh -c '_cosi_hr='\\''\/h'\\''\n/);
});

describe.each(probeShells())('the probe over a host root under %s', (name, cmd, args) => {
  it('says so when the shell has no such directory', async () => {
    const t = new ProbeTransport(new ChildShellChannel({ kind: 'local', label: 'hostroot' }, cmd, args), { budget: noBudget(), hostRoot: join(base, 'no such root'), timeoutMs: 30_000 });
    try {
      const s = (await t.collect()).sections;
      expect(parseIdentity(s.identity.text).value.hostRoot).toEqual({ dir: join(base, 'no such root'), pidNamespace: 'missing' });
      expect(s['os-release'].text).toBe('');
    } finally {
      await t.close();
    }
  }, 60_000);

  it("reads os-release, engine sockets, containerd's state, systemd's, df and the host's tools under the root", async () => {
    const t = new ProbeTransport(new ChildShellChannel({ kind: 'local', label: 'hostroot' }, cmd, args), { budget: noBudget(), hostRoot: root, timeoutMs: 30_000 });
    try {
      const snap = await t.collect();
      const s = snap.sections;
      expect(parseOsRelease(s['os-release'].text).value).toMatchObject({ ID: 'flatcar', VERSION_ID: '3815.2.0' });

      const id = parseIdentity(s.identity.text).value;
      expect(id.hostRoot?.dir).toBe(root);
      expect(['host', 'own', 'unknown']).toContain(id.hostRoot?.pidNamespace);

      // The socket is named as the host names it; systemd's units could not be asked: unknown.
      const disc = parseEnginesDiscovery(s.engines.text).value;
      expect(disc.sockets).toEqual([{ path: '/var/run/docker.sock', access: 'rw' }]);
      expect(disc.init).toBe('systemd');

      const rt = parseRuntimeState(s.runtimes.text);
      expect(rt.issues).toEqual([]);
      expect(rt.value.roots).toHaveLength(1);
      expect(rt.value.roots[0]).toMatchObject({ kind: 'containerd', dir: '/run/containerd/io.containerd.runtime.v2.task', socket: false });
      expect(rt.value.roots[0].tasks).toEqual([
        expect.objectContaining({ namespace: 'k8s.io', id: ID, pid: process.pid, alive: true, cgroupsPath: `/kubepods/besteffort/pod1/${ID}`, args: ['httpd'] }),
      ]);
      expect(rt.value.podLogs).toEqual([expect.objectContaining({ namespace: 'default', pod: 'web-0', container: 'app', attempt: 2 })]);
      expect(rt.value.exits[ID]).toMatchObject({ code: 3 });

      // The host booted with systemd; chrooted systemctl cannot answer here: "not readable", not "no systemd".
      expect(s.systemd.text).toMatch(/^@unreadable /);
      const model = buildModel(snap);
      expect(model.units).toBeNull();
      expect(typeof model.unitsUnreadable).toBe('string');
      expect(model.identity.osId).toBe('flatcar');
      expect(model.identity.hostRoot?.dir).toBe(root);

      // Only the mounts at or under the root, named as the host names them (busybox sh runs its
      // own df applet, not the recorded one on PATH).
      if (name !== 'busybox sh') expect(parseDf(s.df.text).value.map((d) => [d.source, d.target])).toEqual([
        ['/dev/sda9', '/'],
        ['/dev/sda6', '/var/lib/x y'],
      ]);
      expect(parseKube(s.kube.text).value.tools.filter((x) => x.present).map((x) => x.name)).toEqual(['ipset']);
    } finally {
      await t.close();
    }
  }, 60_000);
});
