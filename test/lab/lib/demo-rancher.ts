// The RancherOS demo host, set up by the demo recorder alone (not by `lab up`):
// an isolated host (isolated-host.ts) called `rancher` whose PID 1 is its
// system-docker, with a user docker beside it, both keeping their data on the
// host's own state disk (an ext4 image, RancherOS's /dev/sda1) at
// /var/lib/system-docker and /var/lib/docker as on RancherOS 1.5.5. The system
// services, the console and the user containers are made as the lab makes
// them, but nothing is bind-mounted from this machine: files the console needs
// are written on the state disk or copied into the container.
import { chmodSync, chownSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { DAEMONS, dockerAt, type DaemonSpec } from './daemons.js';
import { ensureContainer } from './containers.js';
import { ensureBusyboxImage, ensureDebianImage } from './images.js';
import { cgroupMountScript, hierarchies, startIsolatedHost, type IsolatedHost } from './isolated-host.js';
import { CONSOLE_DISK_BINDS, consoleOptions, ensureSystemServices, RANCHER_UID } from './rancher.js';
import { LOGS, ROOTFS_SRC, STATE } from './paths.js';
import { log, run, waitFor } from './run.js';

export const RANCHER_HOSTNAME = 'rancher';

/** dockerd flags both daemons share: no bridge, no iptables (the host has its own empty network). */
const DOCKERD_FLAGS =
  '--iptables=false --ip6tables=false --ip-masq=false --bridge=none --userland-proxy=false --storage-driver overlay2 --log-level warn';

function dockerd(name: 'system-docker' | 'docker', group: string): string {
  return (
    `dockerd --config-file /run/${name}.json --data-root /var/lib/${name} --exec-root /run/${name} ` +
    `--pidfile /run/${name}.pid -H unix:///run/${name}.sock --group ${group} ${DOCKERD_FLAGS}`
  );
}

/**
 * PID 1's script. Its mount table must not be this machine's either (cosi shows PID 1's
 * mounts when they differ from the console's): a new root is made of this machine's root
 * file system alone (bound read-only, without the mounts below it), the host's API file
 * systems, its state disk on /mnt, /var/lib and /run of its own; then PID 1 pivots into
 * it, starts the user docker and becomes system-docker.
 */
function initScript(disk: string, token: string): string {
  const r = '/mnt';
  return [
    `mount --bind / ${r}`,
    `mount -o remount,bind,ro ${r}`,
    `mount -t proc proc ${r}/proc`,
    `mount -t sysfs -o ro,nosuid,nodev,noexec sysfs ${r}/sys`,
    cgroupMountScript(hierarchies(), r),
    `mount --rbind /dev ${r}/dev`,
    `mount -t tmpfs -o mode=755 none ${r}/run`,
    `mount -t tmpfs -o mode=1777 none ${r}/tmp`,
    `mount -o loop ${disk} ${r}/mnt`,
    `mkdir -p ${r}/mnt/var/lib/system-docker ${r}/mnt/var/lib/docker`,
    `mount -t tmpfs -o mode=755 none ${r}/var/lib`,
    `mkdir -p ${r}/var/lib/system-docker ${r}/var/lib/docker`,
    `mount --bind ${r}/mnt/var/lib/system-docker ${r}/var/lib/system-docker`,
    `mount --bind ${r}/mnt/var/lib/docker ${r}/var/lib/docker`,
    `mkdir -p ${r}/tmp/.oldroot`,
    `cd ${r}`,
    'pivot_root . tmp/.oldroot',
    'cd /',
    'umount -l /tmp/.oldroot',
    'rmdir /tmp/.oldroot',
    'mkdir -p /run/lock',
    "echo '{}' > /run/system-docker.json",
    "echo '{}' > /run/docker.json",
    // until this file is there, /proc/PID/root/run is this machine's /run (and the lab's sockets)
    `echo ${token} > /run/cosi-demo-host`,
    `${dockerd('docker', 'docker')} &`,
    `exec ${dockerd('system-docker', 'root')}`,
  ].join('\n');
}

/** Lays out the state disk as the console's binds expect it; the docker CLI lives where RancherOS keeps its engine. */
function prepareDisk(host: IsolatedHost): void {
  const on = (p: string) => host.path(join('/mnt', p));
  for (const b of CONSOLE_DISK_BINDS) {
    const p = on(b.target);
    mkdirSync(b.file ? dirname(p) : p, { recursive: true });
    if (b.file) writeFileSync(p, '');
  }
  copyFileSync(join(ROOTFS_SRC, 'lab/system-docker'), on('/usr/bin/system-docker'));
  copyFileSync(join(ROOTFS_SRC, 'lab/ros'), on('/usr/bin/ros'));
  mkdirSync(on('/var/lib/rancher/engine'), { recursive: true });
  copyFileSync(run('sh', ['-c', 'command -v docker']).stdout.trim(), on('/var/lib/rancher/engine/docker'));
  for (const f of ['/usr/bin/system-docker', '/usr/bin/ros', '/var/lib/rancher/engine/docker']) chmodSync(on(f), 0o755);
  writeFileSync(on('/etc/hostname'), `${RANCHER_HOSTNAME}\n`);
  writeFileSync(on('/etc/hosts'), `127.0.0.1\tlocalhost\n127.0.1.1\t${RANCHER_HOSTNAME}\n::1\tlocalhost ip6-localhost ip6-loopback\n`);
  writeFileSync(on('/etc/resolv.conf'), 'nameserver 8.8.8.8\nnameserver 8.8.4.4\n');
  writeFileSync(on('/usr/sbin/iptables'), '#!/bin/sh\necho "iptables: not in the cosi lab" >&2\nexit 1\n');
  chmodSync(on('/usr/sbin/iptables'), 0o755);
  const home = on('/home/rancher');
  mkdirSync(join(home, '.ssh'), { recursive: true });
  chownSync(home, RANCHER_UID, RANCHER_UID);
  chownSync(join(home, '.ssh'), RANCHER_UID, RANCHER_UID);
  chmodSync(join(home, '.ssh'), 0o700);
}

function readIf(p: string): string | null {
  try {
    return readFileSync(p, 'utf8').trim();
  } catch {
    return null;
  }
}

/** The console: created, given its os-release and docker CLI link by copy (never a bind from this machine), then started. */
function startConsole(sys: DaemonSpec, image: string): void {
  const binds = CONSOLE_DISK_BINDS.flatMap((b) => ['-v', `/mnt${b.target}:${b.target}${b.ro ? ':ro' : ''}`]);
  dockerAt(sys, [
    'create', '--name', 'console',
    ...consoleOptions(binds),
    image,
    '/usr/local/sbin/lab-console-init',
  ]);
  const tmp = mkdtempSync(join(tmpdir(), 'cosi-demo-'));
  try {
    const osRelease = join(tmp, 'os-release');
    copyFileSync(join(ROOTFS_SRC, 'lab/os-release.rancher'), osRelease);
    dockerAt(sys, ['cp', osRelease, 'console:/etc/os-release']);
    // the docker CLI is where RancherOS keeps its engine, on the state disk
    symlinkSync('/var/lib/rancher/engine/docker', join(tmp, 'docker'));
    dockerAt(sys, ['cp', join(tmp, 'docker'), 'console:/usr/bin/docker']);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  dockerAt(sys, ['start', 'console']);
}

export interface RancherDemo {
  host: IsolatedHost;
  /** `cosi snapshot --via` for a root shell in the console. */
  via: string;
  system: DaemonSpec;
  user: DaemonSpec;
}

export async function upRancherDemo(): Promise<RancherDemo> {
  const dir = join(STATE, 'demo');
  mkdirSync(dir, { recursive: true });
  mkdirSync(LOGS, { recursive: true });
  const disk = join(dir, 'rancher-state.img');
  rmSync(disk, { force: true });
  run('truncate', ['-s', '4G', disk]);
  run('mkfs.ext4', ['-q', '-F', '-L', 'RANCHER_STATE', disk]);
  const token = randomBytes(8).toString('hex');
  const init = initScript(disk, token);
  const host = await startIsolatedHost({ name: 'rancheros', hostname: RANCHER_HOSTNAME, init, logFile: join(LOGS, 'demo-rancheros.log') });
  const system: DaemonSpec = { ...DAEMONS['system-docker'], socket: host.path('/run/system-docker.sock') };
  const user: DaemonSpec = { ...DAEMONS.docker, socket: host.path('/run/docker.sock') };
  try {
    await waitFor('the rancher demo host to mount its disk and /run', () => readIf(host.path('/run/cosi-demo-host')) === token, 60_000, 100);
    for (const d of [system, user]) {
      // the daemon must be the demo host's own (its name is the host's), never one of this machine
      const name = () => dockerAt(d, ['info', '--format', '{{.Name}}'], { allowFail: true, timeoutMs: 10_000 }).stdout.trim();
      await waitFor(`${d.name} of the rancher demo host`, () => name() === RANCHER_HOSTNAME, 60_000);
    }
    prepareDisk(host);
    ensureSystemServices(system);
    startConsole(system, ensureDebianImage(system));
    const ubb = ensureBusyboxImage(user);
    ensureContainer(user, { name: 'web', image: ubb, want: 'running', options: ['--net', 'none', '--memory', '64m'], command: ['httpd', '-f', '-p', '8080', '-h', '/www'] });
    ensureContainer(user, { name: 'batch', image: ubb, want: 'exited', options: ['--net', 'none'], command: ['sh', '-c', 'echo batch done'] });
    await waitFor('sshd in the rancher demo console', () => dockerAt(system, ['exec', 'console', 'pgrep', '-x', 'sshd'], { allowFail: true }).status === 0, 30_000);
  } catch (e) {
    await host.stop();
    throw e;
  }
  log('rancheros demo host: up');
  return { host, via: `docker -H unix://${system.socket} exec -i console sh`, system, user };
}
