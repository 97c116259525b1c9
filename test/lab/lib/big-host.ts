// The big lab host (`lab.ts up big`, never the default `up`): a busy Kubernetes node with real
// kernel objects, reached over its own sshd on 127.0.0.1:2224 (alias lab-big, user core). A
// container `cosi-big` on the lab's user docker (the Debian image, `--net host`, its own mount, pid
// and cgroup namespaces, tini as PID 1, sshd its child); rootfs/lab/big-node.pl then gives it
// BIG_PODS pods: 10 mounts each in its own mount namespace (tmpfs, overlay, nsfs and bind mounts
// where the kubelet and containerd make them), 3 cgroups each in every v1 hierarchy of this
// machine (a kubepods tree below the container's own cgroup /docker/<id>), and 5 sleeping
// processes each in those cgroups. `lab.ts down big` removes the container (its processes and
// mounts end with its namespaces) and whatever of its cgroup tree the runtime left behind.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DAEMONS, daemonPid, dockerAt, ensureDaemon } from './daemons.js';
import { ensureContainer, PRIVILEGED_OPTIONS } from './containers.js';
import { ensureDebianImage, staticBusybox } from './images.js';
import { cgroupMountScript, hierarchies, removeCgroup } from './isolated-host.js';
import { KEYS, ROOTFS_SRC, STATE } from './paths.js';
import { LabError, log, waitFor } from './run.js';
import { writeSshConfig, type SshTarget } from './ssh.js';

export const BIG_CONTAINER = 'cosi-big';
export const BIG_PORT = 2224;
export const BIG_ALIAS = 'lab-big';
export const BIG_USER = 'core';
/** 1,000 pods: 10,000 mounts, 3,000 cgroups (+ kubepods and two QoS classes), 5,000 processes. */
export const BIG_PODS = 1000;
const READY = '/run/cosi-big/ready';

const user = DAEMONS.docker;
const lab = (f: string) => join(ROOTFS_SRC, 'lab', f);

/**
 * An ssh_config naming lab-big only, written by `up big`: the lab's shared config is rewritten by
 * every `up` and sshConfigFor (a checkout older than the big host leaves it out).
 */
export const BIG_SSH_CONFIG = join(STATE, 'ssh', 'big-config');

export const BIG_SSH_TARGET: SshTarget = { alias: BIG_ALIAS, port: BIG_PORT, user: BIG_USER, daemon: user, container: BIG_CONTAINER, hostKeyPath: '/etc/ssh/ssh_host_ed25519_key.pub' };

function onBig(args: string[], timeoutMs = 60_000, allowFail = false) {
  return dockerAt(user, ['exec', BIG_CONTAINER, ...args], { timeoutMs, allowFail });
}

function containerId(): string | null {
  if (daemonPid(user) === null) return null;
  const r = dockerAt(user, ['inspect', '--format', '{{.Id}}', BIG_CONTAINER], { allowFail: true });
  return r.status === 0 ? r.stdout.trim() : null;
}

export function bigRunning(): boolean {
  if (daemonPid(user) === null) return false;
  const r = dockerAt(user, ['inspect', '--format', '{{.State.Running}}', BIG_CONTAINER], { allowFail: true });
  return r.status === 0 && r.stdout.trim() === 'true';
}

/** "pods mounts cgroups processes" as big-node.pl made them, or null before it finished. */
export function bigReady(): { pods: number; mounts: number; cgroups: number; processes: number } | null {
  const r = onBig(['cat', READY], 30_000, true);
  const [pods, mounts, cgroups, processes] = r.stdout.trim().split(' ').map(Number);
  return r.status === 0 && processes ? { pods: pods!, mounts: mounts!, cgroups: cgroups!, processes } : null;
}

/** The container's cgroup directories on this machine (/sys/fs/cgroup/H/docker/ID) and whatever is left below them. */
function removeCgroupsOf(id: string): void {
  for (const h of hierarchies()) {
    const dir = join('/sys/fs/cgroup', h.dir, 'docker', id);
    if (existsSync(dir)) removeCgroup(dir);
  }
}

/** Starts (or keeps) the big host; idempotent. Returns the seconds it took. */
export async function upBig(): Promise<number> {
  const t0 = Date.now();
  await ensureDaemon(user);
  const image = ensureDebianImage(user);
  const before = containerId();
  ensureContainer(user, {
    name: BIG_CONTAINER,
    image,
    want: 'running',
    options: [
      '--init', '--net', 'host', '--cgroupns', 'private',
      ...PRIVILEGED_OPTIONS,
      '--tmpfs', '/run',
      '-v', `${join(KEYS, 'id_ed25519.pub')}:/etc/ssh/lab_authorized_keys:ro`,
      '-v', `${lab('sshd_config_big')}:/etc/ssh/sshd_config_big:ro`,
      '-v', `${lab('os-release.big')}:/etc/os-release:ro`,
      '-v', `${lab('big-node.pl')}:/usr/local/sbin/big-node.pl:ro`,
      '-v', `${staticBusybox()}:/usr/local/lib/cosi-big/busybox:ro`,
    ],
    command: ['sh', '-c', 'mkdir -p /run/sshd && exec /usr/sbin/sshd -D -e -f /etc/ssh/sshd_config_big'],
  });
  const id = containerId();
  // a container replaced for a new spec: its cgroup tree goes with it
  if (before && before !== id) removeCgroupsOf(before);
  if (!bigReady()) {
    const hs = hierarchies();
    log(`${BIG_CONTAINER}: ${BIG_PODS} pods: mounts, cgroups in ${hs.filter((h) => h.fstype === 'cgroup').length} v1 hierarchies, processes (about a minute)`);
    // docker mounts the hierarchies read-only: mounted again, read-write, rooted at the container's cgroup
    onBig(['sh', '-c', `set -e\numount -R /sys/fs/cgroup\n${cgroupMountScript(hs, '')}`]);
    // a kubelet on cgroup v1 makes its tree in every v1 hierarchy (not in a hybrid host's unified one); on v2, in the one
    const v1 = hs.filter((h) => h.fstype === 'cgroup').map((h) => h.dir);
    const out = onBig(['perl', '/usr/local/sbin/big-node.pl', String(BIG_PODS), ...(v1.length ? v1 : hs.map((h) => h.dir || '.'))], 900_000).stdout.trim();
    for (const l of out.split('\n')) log(`${BIG_CONTAINER}: ${l}`);
  }
  writeSshConfig([BIG_SSH_TARGET], 'big-config');
  await waitFor(`sshd of the big lab host on 127.0.0.1:${BIG_PORT}`, () => onBig(['sh', '-c', `test -s /run/sshd-big.pid`], 10_000, true).status === 0, 30_000);
  return (Date.now() - t0) / 1000;
}

/** Removes the big host only: its container (processes and mounts end with it) and its cgroups. */
export async function downBig(): Promise<void> {
  const id = containerId();
  if (!id) return;
  log(`${BIG_CONTAINER}: removing`);
  // 5,000 processes take docker longer to see go than it waits: its first rm -f can fail
  await waitFor(`docker to remove ${BIG_CONTAINER}`, () => dockerAt(user, ['rm', '-f', BIG_CONTAINER], { timeoutMs: 120_000, allowFail: true }).status === 0 || containerId() === null, 300_000, 2000);
  const dirs = hierarchies().map((h) => join('/sys/fs/cgroup', h.dir, 'docker', id));
  await waitFor(`${BIG_CONTAINER}'s processes to end`, () => dirs.every((d) => !existsSync(d) || readFileSync(join(d, 'cgroup.procs'), 'utf8').trim() === ''), 60_000, 200);
  removeCgroupsOf(id);
  const left = dirs.filter((d) => existsSync(d));
  if (left.length) throw new LabError(`${BIG_CONTAINER}: cgroups left behind: ${left.join(' ')}`);
}
