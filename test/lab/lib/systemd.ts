// The systemd host (CoreOS-like): a container in the user docker with systemd
// as PID 1, sshd on 127.0.0.1:2223, user core, demo-web.service running,
// broken.service failed, docker.socket listening with docker.service inactive.
import { join } from 'node:path';
import { DAEMONS, dockerAt } from './daemons.js';
import { ensureContainer } from './containers.js';
import { ensureDebianImage } from './images.js';
import { KEYS, ROOTFS_SRC } from './paths.js';
import { log, waitFor } from './run.js';

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
      // --privileged fails here (SYS_RESOURCE is not in the bounding set)
      '--cap-add', 'ALL', '--cap-drop', 'SYS_RESOURCE',
      '--security-opt', 'seccomp=unconfined', '--security-opt', 'apparmor=unconfined',
      '--tmpfs', '/run', '--tmpfs', '/run/lock',
      '-v', '/sys/fs/cgroup:/sys/fs/cgroup:rw',
      '--stop-signal', 'SIGRTMIN+3',
      '-e', 'container=docker',
      '-v', `${join(ROOTFS_SRC, 'lab/os-release.coreos')}:/etc/os-release:ro`,
      '-v', `${join(KEYS, 'id_ed25519.pub')}:/etc/ssh/lab_authorized_keys:ro`,
    ],
    command: ['/sbin/init'],
  });
  return waitBooted();
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
