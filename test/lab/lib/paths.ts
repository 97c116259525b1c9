// Every path the lab creates. Nothing outside these is ever written or removed.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const LAB_DIR = dirname(dirname(fileURLToPath(import.meta.url)));
export const REPO_DIR = dirname(dirname(LAB_DIR));
/**
 * Persistent state (gitignored): image caches, daemon data roots, keys, logs. COSI_LAB_STATE set
 * empty counts as not set: an empty path made `lab down` look for the disk in the working directory.
 */
export const STATE = process.env.COSI_LAB_STATE || join(LAB_DIR, '.state');
/** Runtime state (pidfiles, exec roots): short paths, unix sockets live below. */
export const RUN = '/run/cosi-lab';

export const KEYS = join(STATE, 'keys');
export const LOGS = join(STATE, 'logs');
export const CACHE = join(STATE, 'cache');
/** The RancherOS-like "disk" (/dev/sda1 on RancherOS): a loop-mounted ext4 image, or a plain dir. */
export const DISK_IMG = join(STATE, 'disk.img');
export const DISK_MNT = join(STATE, 'disk');
export const ROOTFS_SRC = join(LAB_DIR, 'rootfs');
