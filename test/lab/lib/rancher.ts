// The RancherOS-like host: system services as system-docker containers, the
// console (sshd on 127.0.0.1:2222, user rancher, 20+ bind mounts of the state
// disk, /var/run with both sockets) and user containers in the user docker.
import { chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DAEMONS, dockerAt, type DaemonSpec } from './daemons.js';
import { logContainers } from './log-containers.js';
import { ensureContainer, PRIVILEGED_OPTIONS, type ContainerSpec } from './containers.js';
import { ensureBusyboxImage, ensureDebianImage } from './images.js';
import { ensureDisk, type Disk } from './disk.js';
import { KEYS, ROOTFS_SRC } from './paths.js';
import { LabError, log, run } from './run.js';

export const RANCHER_UID = 1100;

/** System services as `ros service ps` lists them: name, state, the daemon it runs. */
export const SYSTEM_SERVICES: { name: string; want: 'running' | 'created' | 'exited'; command: string[] }[] = [
  { name: 'syslog', want: 'running', command: ['/usr/libexec/ros/rsyslogd', '-n'] },
  { name: 'udev', want: 'running', command: ['/usr/libexec/ros/udevd'] },
  { name: 'ntp', want: 'running', command: ['/usr/libexec/ros/ntpd', '-n'] },
  { name: 'network', want: 'running', command: ['/usr/libexec/ros/netconf'] },
  { name: 'acpid', want: 'running', command: ['/usr/libexec/ros/acpid', '-f'] },
  { name: 'system-cron', want: 'running', command: ['/usr/libexec/ros/crond', '-f'] },
  { name: 'system-volumes', want: 'created', command: ['/bin/true'] },
  { name: 'user-volumes', want: 'created', command: ['/bin/true'] },
  { name: 'command-volume', want: 'created', command: ['/bin/true'] },
  { name: 'container-data-volumes', want: 'created', command: ['/bin/true'] },
  { name: 'udev-cold', want: 'exited', command: ['/bin/true'] },
  { name: 'cloud-init-execute', want: 'exited', command: ['/bin/true'] },
  { name: 'preload-user-images', want: 'exited', command: ['/bin/true'] },
];

/** User containers in the user docker (the log-* ones: lib/log-containers.ts). */
export const USER_CONTAINERS: { name: string; want: 'running' | 'exited' }[] = [
  { name: 'web', want: 'running' },
  { name: 'batch', want: 'exited' },
  { name: 'log-chatty', want: 'running' },
  { name: 'log-escapes', want: 'running' },
  { name: 'log-crashed', want: 'exited' },
  { name: 'log-tty', want: 'running' },
];

/** Where RancherOS's console has its state disk bind-mounted (from the seed's `df -h`/`mount`). */
export const CONSOLE_DISK_BINDS: { target: string; file?: boolean; ro?: boolean }[] = [
  { target: '/media' },
  { target: '/opt' },
  { target: '/mnt' },
  { target: '/home' },
  { target: '/etc/resolv.conf', file: true },
  { target: '/etc/logrotate.d' },
  { target: '/usr/lib/firmware' },
  { target: '/usr/sbin/iptables', file: true, ro: true },
  { target: '/etc/docker' },
  { target: '/var/log' },
  { target: '/etc/selinux' },
  { target: '/etc/hosts', file: true },
  { target: '/usr/lib/modules' },
  { target: '/etc/hostname', file: true },
  { target: '/usr/bin/system-docker', file: true, ro: true },
  { target: '/var/lib/boot2docker' },
  { target: '/usr/share/ros' },
  { target: '/var/lib/m-user-docker' },
  { target: '/var/lib/waagent' },
  { target: '/var/lib/docker' },
  { target: '/var/lib/kubelet' },
  { target: '/var/lib/rancher' },
  { target: '/usr/bin/ros', file: true, ro: true },
  { target: '/usr/bin/system-docker-runc', file: true, ro: true },
  { target: '/etc/ssl/certs/ca-certificates.crt.rancher', file: true },
  { target: '/var/lib/rancher/cache' },
  { target: '/var/lib/rancher/conf' },
];

function diskPath(disk: Disk, target: string): string {
  return join(disk.root, 'console', target);
}

/** Lays out the disk: one dir/file per bind, /home/rancher owned by rancher. */
function prepareDisk(disk: Disk): void {
  for (const b of CONSOLE_DISK_BINDS) {
    const p = diskPath(disk, b.target);
    if (b.file) {
      mkdirSync(dirname(p), { recursive: true });
      if (!existsSync(p)) writeFileSync(p, '');
    } else mkdirSync(p, { recursive: true });
  }
  const lab = join(ROOTFS_SRC, 'lab');
  copyFileSync(join(lab, 'system-docker'), diskPath(disk, '/usr/bin/system-docker'));
  copyFileSync(join(lab, 'ros'), diskPath(disk, '/usr/bin/ros'));
  chmodSync(diskPath(disk, '/usr/bin/system-docker'), 0o755);
  chmodSync(diskPath(disk, '/usr/bin/ros'), 0o755);
  // --net host shares the host's UTS namespace: the console's hostname is the host's
  const hostname = readFileSync('/proc/sys/kernel/hostname', 'utf8').trim();
  writeFileSync(diskPath(disk, '/etc/hosts'), `127.0.0.1\tlocalhost\n127.0.1.1\t${hostname}\n::1\tlocalhost ip6-localhost ip6-loopback\n`);
  writeFileSync(diskPath(disk, '/etc/hostname'), `${hostname}\n`);
  const resolv = existsSync('/etc/resolv.conf') ? readFileSync('/etc/resolv.conf', 'utf8') : '';
  writeFileSync(diskPath(disk, '/etc/resolv.conf'), resolv.split('\n').filter((l) => /^\s*nameserver\s/.test(l)).join('\n') + '\n');
  writeFileSync(diskPath(disk, '/usr/sbin/iptables'), '#!/bin/sh\necho "iptables: not in the cosi lab" >&2\nexit 1\n');
  chmodSync(diskPath(disk, '/usr/sbin/iptables'), 0o755);
  const home = diskPath(disk, '/home/rancher');
  mkdirSync(join(home, '.ssh'), { recursive: true });
  chownSync(home, RANCHER_UID, RANCHER_UID);
  chownSync(join(home, '.ssh'), RANCHER_UID, RANCHER_UID);
  chmodSync(join(home, '.ssh'), 0o700);
}

function dockerGid(): string {
  return run('getent', ['group', 'docker']).stdout.split(':')[2] ?? '';
}

/** The console's docker options with the state disk's binds `binds`: the host's namespaces, /run, /dev, cgroups. */
export function consoleOptions(binds: string[]): string[] {
  return [
    '--net', 'host', '--pid', 'host', '--ipc', 'host',
    ...PRIVILEGED_OPTIONS,
    '--label', 'io.rancher.os.scope=system',
    '-e', `DOCKER_GID=${dockerGid()}`,
    ...binds,
    '-v', '/run:/run',
    '-v', '/dev:/host/dev',
    '-v', '/sys/fs/cgroup:/sys/fs/cgroup:ro',
  ];
}

export function consoleSpec(image: string, disk: Disk): ContainerSpec {
  const dockerCli = run('sh', ['-c', 'command -v docker']).stdout.trim();
  const binds = CONSOLE_DISK_BINDS.flatMap((b) => ['-v', `${diskPath(disk, b.target)}:${b.target}${b.ro ? ':ro' : ''}`]);
  return {
    name: 'console',
    image,
    want: 'running',
    options: [
      ...consoleOptions(binds),
      '-v', `${dockerCli}:/usr/bin/docker:ro`,
      '-v', `${join(ROOTFS_SRC, 'lab/os-release.rancher')}:/etc/os-release:ro`,
      '-v', `${join(KEYS, 'id_ed25519.pub')}:/etc/ssh/lab_authorized_keys:ro`,
    ],
    command: ['/usr/local/sbin/lab-console-init'],
  };
}

/** RancherOS's system services as system-docker containers (the lab's host and the demo's alike). */
export function ensureSystemServices(sys: DaemonSpec): void {
  const bb = ensureBusyboxImage(sys);
  for (const s of SYSTEM_SERVICES) {
    ensureContainer(sys, {
      name: s.name,
      image: bb,
      want: s.want,
      options: ['--net', 'none', '--restart', 'no', '--label', 'io.rancher.os.scope=system'],
      command: s.command,
    });
  }
}

export function upRancher(): void {
  const sys = DAEMONS['system-docker'];
  const user = DAEMONS.docker;
  ensureSystemServices(sys);
  const disk = ensureDisk();
  prepareDisk(disk);
  ensureContainer(sys, consoleSpec(ensureDebianImage(sys), disk));
  const ubb = ensureBusyboxImage(user);
  ensureContainer(user, {
    name: 'web',
    image: ubb,
    want: 'running',
    options: ['--net', 'none', '--memory', '64m'],
    command: ['httpd', '-f', '-p', '8080', '-h', '/www'],
  });
  ensureContainer(user, { name: 'batch', image: ubb, want: 'exited', options: ['--net', 'none'], command: ['sh', '-c', 'echo batch done'] });
  for (const c of logContainers(ubb)) ensureContainer(user, c);
  ensureConsoleSyslog();
}

/**
 * busybox syslogd in the console, writing /var/log/messages (on the state disk,
 * rotated by syslogd at 200 KiB): the plain log file a host without a journal
 * has. Its pidfile would land in /var/run, the machine's own /run bind-mounted
 * into the console, so it runs with a private tmpfs /run. The console sees only
 * system-docker's pid namespace: a `busybox syslogd` there is this one.
 */
function ensureConsoleSyslog(): void {
  const sys = DAEMONS['system-docker'];
  const cmd = 'busybox syslogd -n -O /var/log/messages';
  if (dockerAt(sys, ['exec', 'console', 'pgrep', '-x', '-f', cmd], { allowFail: true }).status === 0) return;
  log('system-docker: starting busybox syslogd in console (/var/log/messages)');
  dockerAt(sys, ['exec', '-d', 'console', 'unshare', '-m', 'sh', '-c', `mount -t tmpfs cosi-lab-run /run && exec ${cmd}`]);
  let ok = false;
  for (let i = 0; i < 40 && !ok; i++) {
    ok = dockerAt(sys, ['exec', 'console', 'sh', '-c', 'test -S /dev/log && logger -t lab "syslogd started"'], { allowFail: true }).status === 0;
  }
  if (!ok) throw new LabError('busybox syslogd did not start in the console (no /dev/log)');
}
