// The systemd host (CoreOS-like): a container in the user docker with systemd
// as PID 1, sshd on 127.0.0.1:2223, user core, demo-web.service running,
// broken.service failed, docker.socket listening with docker.service inactive,
// crashloop.service restarting every few seconds, nostart.service installed (its
// program is missing; started by the tests that need its lines: lib/log-units.ts).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DAEMONS, daemonPid, dockerAt } from './daemons.js';
import { ensureContainer, PRIVILEGED_OPTIONS } from './containers.js';
import { ensureDebianImage } from './images.js';
import { KEYS, ROOTFS_SRC } from './paths.js';
import { ensureLogUnits } from './log-units.js';
import { log, run, waitFor } from './run.js';

export const SYSTEMD_CONTAINER = 'coreos';

export function upSystemd(): Promise<void> {
  const user = DAEMONS.docker;
  const image = ensureDebianImage(user);
  ensureContainer(user, {
    name: SYSTEMD_CONTAINER,
    image,
    want: 'running',
    options: [
      '--net', 'host', '--cgroupns', 'host',
      ...PRIVILEGED_OPTIONS,
      '--tmpfs', '/run', '--tmpfs', '/run/lock',
      '-v', '/sys/fs/cgroup:/sys/fs/cgroup:rw',
      '--stop-signal', 'SIGRTMIN+3',
      '-e', 'container=docker',
      '-v', `${join(ROOTFS_SRC, 'lab/os-release.coreos')}:/etc/os-release:ro`,
      '-v', `${join(KEYS, 'id_ed25519.pub')}:/etc/ssh/lab_authorized_keys:ro`,
    ],
    command: ['/sbin/init'],
  });
  return waitBooted().then(() => {
    mountNewCgroupHierarchies();
    ensureLogUnits(SYSTEMD_CONTAINER);
  });
}

/**
 * On a cgroup v1 machine that mounts only some controllers (here: no hugetlb, perf_event,
 * net_cls,net_prio), the host's systemd mounts the missing ones at boot, which makes new
 * hierarchies that every process's /proc/PID/cgroup then lists. containerd's shim loads a new
 * container's cgroups from that file and its own mount table, finds no mount for them and gives
 * no metrics: `docker stats` says 0% and 0B for every container started afterwards. Mounting
 * those hierarchies too (as a systemd machine has them), in this machine's mount namespace and
 * in system-docker's own one, keeps docker stats working for both daemons. Idempotent.
 */
export function mountNewCgroupHierarchies(): void {
  const sysPid = daemonPid(DAEMONS['system-docker']);
  for (const ns of ['self', ...(sysPid ? [String(sysPid)] : [])]) {
    const mounted = new Set(
      readFileSync(`/proc/${ns}/mountinfo`, 'utf8')
        .split('\n')
        .filter((l) => / - cgroup cgroup /.test(l))
        .flatMap((l) => l.split(' - ')[1].split(' ')[2].split(',')),
    );
    for (const line of readFileSync('/proc/self/cgroup', 'utf8').split('\n')) {
      const controllers = line.split(':')[1] ?? '';
      if (controllers === '' || controllers.startsWith('name=') || controllers.split(',').some((c) => mounted.has(c))) continue;
      // the directory is on /sys/fs/cgroup's tmpfs, which both namespaces share
      const dir = `/sys/fs/cgroup/${controllers}`;
      if (!existsSync(dir)) mkdirSync(dir);
      log(`mounting the cgroup hierarchy ${controllers} on ${dir}${ns === 'self' ? '' : ' for system-docker'} (made by ${SYSTEMD_CONTAINER}'s systemd; docker stats needs it)`);
      const mount = ['mount', '-t', 'cgroup', '-o', controllers, 'cgroup', dir];
      if (ns === 'self') run(mount[0], mount.slice(1));
      else run('nsenter', ['-t', ns, '-m', ...mount]);
    }
  }
}

/** Waits until systemd has finished booting (running or degraded). */
export async function waitBooted(): Promise<void> {
  let state = '';
  await waitFor(`systemd in ${SYSTEMD_CONTAINER} to finish booting (last state: ${state || 'none'})`, () => {
    const r = dockerAt(DAEMONS.docker, ['exec', SYSTEMD_CONTAINER, 'systemctl', 'is-system-running'], { allowFail: true, timeoutMs: 10_000 });
    state = r.stdout.trim();
    return state === 'running' || state === 'degraded';
  }, 90_000, 500);
  log(`${SYSTEMD_CONTAINER}: systemd ${state}`);
}
