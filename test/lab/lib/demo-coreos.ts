// The CoreOS demo host, set up by the demo recorder alone (not by `lab up`):
// an isolated host (isolated-host.ts) called `localhost` (as the seed's CoreOS
// 2303.3.0 is) that boots systemd as its PID 1 from a root file system of its
// own: the lab's Debian tree unpacked onto an ext4 image, / on it and /usr on
// it read-only as CoreOS mounts them, /media and /tmp tmpfs. Units as in the
// lab's systemd host: demo-web running, broken failed, docker.socket listening.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { debianImageTar } from './images.js';
import { cgroupMountScript, hierarchies, startIsolatedHost, type IsolatedHost } from './isolated-host.js';
import { LOGS, ROOTFS_SRC, STATE } from './paths.js';
import { log, run, waitFor } from './run.js';

export const COREOS_HOSTNAME = 'localhost';

const DEVICES: [string, number, number][] = [
  ['null', 1, 3],
  ['zero', 1, 5],
  ['full', 1, 7],
  ['random', 1, 8],
  ['urandom', 1, 9],
  ['tty', 5, 0],
];

/** PID 1's script: the root disk, the API file systems below it, then pivot into it and exec systemd. */
function initScript(disk: string, tar: string, token: string): string {
  const r = '/mnt';
  return [
    `mount -o loop ${disk} ${r}`,
    `tar -xf ${tar} -C ${r}`,
    `cp ${join(ROOTFS_SRC, 'lab/os-release.coreos')} ${r}/etc/os-release`,
    `echo ${COREOS_HOSTNAME} > ${r}/etc/hostname`,
    `: > ${r}/etc/machine-id`,
    `mount --bind ${r}/usr ${r}/usr`,
    `mount -o remount,bind,ro ${r}/usr`,
    `mount -t proc proc ${r}/proc`,
    `mount -t sysfs -o ro,nosuid,nodev,noexec sysfs ${r}/sys`,
    cgroupMountScript(hierarchies(), r),
    `mount -t tmpfs -o mode=755,nosuid,size=65536k tmpfs ${r}/dev`,
    ...DEVICES.map(([n, ma, mi]) => `mknod -m 666 ${r}/dev/${n} c ${ma} ${mi}`),
    `mkdir -p ${r}/dev/pts ${r}/dev/shm`,
    `mount -t devpts -o newinstance,ptmxmode=0666,mode=620,gid=5 devpts ${r}/dev/pts`,
    `ln -s pts/ptmx ${r}/dev/ptmx`,
    `ln -s /proc/self/fd ${r}/dev/fd`,
    `mount -t tmpfs -o nosuid,nodev tmpfs ${r}/dev/shm`,
    `mount -t tmpfs -o mode=755,nosuid,nodev tmpfs ${r}/run`,
    `mkdir -p ${r}/run/lock ${r}/media`,
    `mount -t tmpfs -o nosuid,nodev tmpfs ${r}/media`,
    `mount -t tmpfs -o nosuid,nodev tmpfs ${r}/tmp`,
    `echo ${token} > ${r}/run/cosi-demo-host`,
    `cd ${r}`,
    'mkdir -p .oldroot',
    'pivot_root . .oldroot',
    'cd /',
    'umount -l /.oldroot',
    'rmdir /.oldroot',
    'exec env -i container=cosi-lab /sbin/init',
  ].join('\n');
}

function readIf(p: string): string | null {
  try {
    return readFileSync(p, 'utf8').trim();
  } catch {
    return null;
  }
}

export interface CoreosDemo {
  host: IsolatedHost;
  /** `cosi snapshot --via`: a root shell in every namespace of the host, in its root cgroup. */
  via: string;
}

export async function upCoreosDemo(): Promise<CoreosDemo> {
  const dir = join(STATE, 'demo');
  mkdirSync(dir, { recursive: true });
  mkdirSync(LOGS, { recursive: true });
  const disk = join(dir, 'coreos-root.img');
  rmSync(disk, { force: true });
  run('truncate', ['-s', '2G', disk]);
  run('mkfs.ext4', ['-q', '-F', '-L', 'ROOT', disk]);
  const token = randomBytes(8).toString('hex');
  const tar = debianImageTar();
  const host = await startIsolatedHost({ name: 'coreos', hostname: COREOS_HOSTNAME, init: initScript(disk, tar, token), logFile: join(LOGS, 'demo-coreos.log') });
  const enter = `${host.joinCgroup}\nexec nsenter -t ${host.pid} -a`;
  try {
    await waitFor('the coreos demo host to pivot into its root', () => readIf(host.path('/run/cosi-demo-host')) === token, 120_000, 200);
    let state = '';
    await waitFor(`systemd of the coreos demo host to finish booting (last state: ${state || 'none'})`, () => {
      state = run('sh', ['-c', `${enter} systemctl is-system-running`], { allowFail: true, timeoutMs: 10_000 }).stdout.trim();
      return state === 'running' || state === 'degraded';
    }, 120_000, 500);
    log(`coreos demo host: systemd ${state}`);
  } catch (e) {
    await host.stop();
    throw e;
  }
  return { host, via: `sh -c '${enter.replace(/\n/g, '; ')} sh'` };
}
