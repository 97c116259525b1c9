// Lab images: a busybox-static tree (system services, user containers) and a
// Debian bookworm minbase tree (console with sshd, systemd host). Trees are
// built once under .state/cache and imported with `docker import`; the tag
// carries a hash of the overlay files so an edit rebuilds the image.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LabError, log, run } from './run.js';
import { CACHE, ROOTFS_SRC } from './paths.js';
import { dockerAt, type DaemonSpec } from './daemons.js';

export const DEBIAN_PACKAGES = 'systemd,systemd-sysv,libpam-systemd,openssh-server,dbus,sudo,procps,busybox,iproute2';
const MIRROR = process.env.COSI_LAB_MIRROR ?? 'http://deb.debian.org/debian';
/** The long-running RancherOS service stand-ins, by the real daemon's name. */
export const ROS_DAEMONS = ['rsyslogd', 'udevd', 'ntpd', 'netconf', 'acpid', 'crond', 'cloud-init-execute', 'preload-user-images'];

function hashTree(dir: string, h = createHash('sha256')): ReturnType<typeof createHash> {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const st = statSync(p);
    h.update(`${relative(ROOTFS_SRC, p)}:${st.mode}\n`);
    if (st.isDirectory()) hashTree(p, h);
    else h.update(readFileSync(p));
  }
  return h;
}

function treeTag(kind: 'busybox' | 'debian', extra: string): string {
  const h = hashTree(join(ROOTFS_SRC, kind));
  h.update(extra);
  return `cosi-lab/${kind}:${h.digest('hex').slice(0, 12)}`;
}

function imageExists(d: DaemonSpec, tag: string): boolean {
  return dockerAt(d, ['image', 'inspect', '--format', '{{.Id}}', tag], { allowFail: true }).status === 0;
}

function importTar(d: DaemonSpec, tar: string, tag: string, cmd: string): void {
  log(`${d.name}: importing ${tag}`);
  dockerAt(d, ['import', '--change', `CMD ${cmd}`, tar, tag], { timeoutMs: 300_000 });
  // older cached trees of the same kind are dead weight once a newer one exists
  const prefix = tag.replace(/[/:]/g, '_').replace(/_[0-9a-f]+$/, '_');
  for (const f of readdirSync(CACHE)) {
    if (f.startsWith(prefix) && f.endsWith('.tar') && join(CACHE, f) !== tar) rmSync(join(CACHE, f), { force: true });
  }
}

// ---- busybox ----

/** This machine's busybox, which must be statically linked (it runs in images without a libc). */
export function staticBusybox(): string {
  const busybox = run('sh', ['-c', 'command -v busybox']).stdout.trim();
  const dynamic = run('ldd', [busybox], { allowFail: true }).stdout.includes('=>');
  if (dynamic) {
    throw new LabError(`${busybox} is not statically linked; install busybox-static (test/lab/install.sh)`);
  }
  return busybox;
}

function buildBusyboxTar(tag: string): string {
  const tar = join(CACHE, `${tag.replace(/[/:]/g, '_')}.tar`);
  if (existsSync(tar)) return tar;
  const busybox = staticBusybox();
  const root = join(CACHE, 'busybox-rootfs.tmp');
  rmSync(root, { recursive: true, force: true });
  for (const d of ['bin', 'sbin', 'usr/bin', 'usr/sbin', 'etc', 'tmp', 'var/log', 'proc', 'sys', 'dev', 'root'])
    mkdirSync(join(root, d), { recursive: true });
  cpSync(busybox, join(root, 'bin/busybox'));
  for (const applet of run(busybox, ['--list-full']).stdout.split('\n').filter(Boolean)) {
    const p = join(root, applet);
    if (applet === 'bin/busybox' || existsSync(p)) continue;
    symlinkSync('/bin/busybox', p);
  }
  writeFileSync(join(root, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n');
  writeFileSync(join(root, 'etc/group'), 'root:x:0:\nnogroup:x:65534:\n');
  cpSync(join(ROOTFS_SRC, 'busybox'), root, { recursive: true });
  for (const name of ROS_DAEMONS) symlinkSync('service', join(root, 'usr/libexec/ros', name));
  run('tar', ['--numeric-owner', '--owner=0', '--group=0', '-C', root, '-cf', `${tar}.tmp`, '.']);
  run('mv', [`${tar}.tmp`, tar]);
  rmSync(root, { recursive: true, force: true });
  return tar;
}

/** Makes sure the busybox image is in daemon `d`; returns its tag. */
export function ensureBusyboxImage(d: DaemonSpec): string {
  const tag = treeTag('busybox', 'v1');
  if (!imageExists(d, tag)) importTar(d, buildBusyboxTar(tag), tag, '/bin/sh');
  return tag;
}

// ---- debian ----

function ensureDebootstrap(): string {
  const dir = join(CACHE, 'debootstrap-bookworm');
  const done = `${dir}.done`;
  if (existsSync(done) && readFileSync(done, 'utf8').trim() === DEBIAN_PACKAGES) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(CACHE, { recursive: true });
  log(`debootstrap bookworm minbase (${DEBIAN_PACKAGES}) from ${MIRROR}: about a minute, once`);
  run('debootstrap', ['--variant=minbase', `--include=${DEBIAN_PACKAGES}`, 'bookworm', dir, MIRROR], { timeoutMs: 900_000 });
  writeFileSync(done, `${DEBIAN_PACKAGES}\n`);
  return dir;
}

function chroot(root: string, script: string): void {
  run('chroot', [root, '/bin/sh', '-c', script], { env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C' } });
}

function buildDebianTar(tag: string): string {
  const tar = join(CACHE, `${tag.replace(/[/:]/g, '_')}.tar`);
  if (existsSync(tar)) return tar;
  const base = ensureDebootstrap();
  const root = join(CACHE, 'debian-rootfs.tmp');
  rmSync(root, { recursive: true, force: true });
  log('customizing the Debian tree (users rancher/core, sshd, units)');
  run('cp', ['-a', base, root]);
  cpSync(join(ROOTFS_SRC, 'debian'), root, { recursive: true });
  chroot(
    root,
    [
      'set -e',
      'groupadd -f docker',
      // RancherOS: rancher uid 1100; CoreOS: core uid 500. Both in docker and sudo.
      'useradd -m -u 1100 -s /bin/bash -G docker,sudo rancher',
      'useradd -m -u 500 -s /bin/bash -G docker,sudo core',
      "printf 'rancher:rancher-lab\\ncore:core-lab\\n' | chpasswd",
      'systemctl enable demo-web.service broken.service docker.socket ssh.service >/dev/null 2>&1',
      // units that cannot work in a container and would add failures of their own
      'systemctl mask systemd-networkd-wait-online.service getty@tty1.service console-getty.service >/dev/null 2>&1 || true',
      'rm -f /etc/ssh/ssh_host_*',
      'mkdir -p /etc/ssh/console',
      'ssh-keygen -q -t ed25519 -N "" -C coreos-lab -f /etc/ssh/ssh_host_ed25519_key',
      'ssh-keygen -q -t ecdsa -N "" -C coreos-lab -f /etc/ssh/ssh_host_ecdsa_key',
      'ssh-keygen -q -t ed25519 -N "" -C rancher-lab -f /etc/ssh/console/ssh_host_ed25519_key',
      'ssh-keygen -q -t ecdsa -N "" -C rancher-lab -f /etc/ssh/console/ssh_host_ecdsa_key',
      'apt-get clean',
      'rm -rf /var/lib/apt/lists/*',
    ].join('\n'),
  );
  run('tar', ['--numeric-owner', '-C', root, '-cf', `${tar}.tmp`, '.']);
  run('mv', [`${tar}.tmp`, tar]);
  rmSync(root, { recursive: true, force: true });
  return tar;
}

function debianTag(): string {
  return treeTag('debian', `v1 ${DEBIAN_PACKAGES}`);
}

/** The Debian tree as a tar (built once, cached): the root file system of the CoreOS demo host. */
export function debianImageTar(): string {
  return buildDebianTar(debianTag());
}

/** Makes sure the Debian image is in daemon `d`; returns its tag. */
export function ensureDebianImage(d: DaemonSpec): string {
  const tag = debianTag();
  if (!imageExists(d, tag)) importTar(d, buildDebianTar(tag), tag, '/sbin/init');
  return tag;
}
