// The RancherOS-like host's state disk (/dev/sda1 on RancherOS): an ext4 image
// on a loop device mounted at .state/disk; the console bind-mounts 20+ paths of
// it, so a mount list shows ONE device on many targets. Falls back to a plain
// directory (source = the filesystem holding .state) when loop devices are unavailable.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { log, run } from './run.js';
import { DISK_IMG, DISK_MNT } from './paths.js';

/** Mount point of the lab disk when it is mounted, from /proc/self/mountinfo. */
function mountedSource(): string | null {
  for (const line of readFileSync('/proc/self/mountinfo', 'utf8').split('\n')) {
    const f = line.split(' ');
    if (f[4] === DISK_MNT) {
      const dash = f.indexOf('-');
      return f[dash + 2] ?? null;
    }
  }
  return null;
}

export interface Disk {
  /** Host path that stands for the disk's root. */
  root: string;
  /** The device the mounts show (a /dev/loopN, or the host fs for the dir fallback). */
  device: string;
}

export function ensureDisk(): Disk {
  mkdirSync(DISK_MNT, { recursive: true });
  const src = mountedSource();
  if (src) return { root: DISK_MNT, device: src };
  if (process.env.COSI_LAB_NO_LOOP !== '1') {
    try {
      if (!existsSync(DISK_IMG)) {
        run('truncate', ['-s', '2G', DISK_IMG]);
        run('mkfs.ext4', ['-q', '-F', '-L', 'RANCHER_STATE', DISK_IMG]);
      }
      run('mount', ['-o', 'loop', DISK_IMG, DISK_MNT]);
      const dev = mountedSource() ?? 'loop';
      log(`disk: ${DISK_IMG} on ${dev} mounted at ${DISK_MNT}`);
      return { root: DISK_MNT, device: dev };
    } catch (e) {
      log(`disk: loop mount failed (${(e as Error).message.split('\n')[0]}); using a plain directory`);
    }
  }
  return { root: DISK_MNT, device: 'dir' };
}

/** Unmounts the lab disk (the loop device is released by umount since it was set up by mount -o loop). */
export function releaseDisk(): void {
  if (mountedSource()) {
    log(`disk: unmounting ${DISK_MNT}`);
    run('umount', [DISK_MNT]);
  }
}
