// Two containers of the user docker that exist only while a test needs them (test/lab/cpu.test.ts
// starts them in beforeAll and removes them in afterAll): `cosi-lab-burn`, a shell busy loop under
// a quota of half a core, and `cosi-lab-writer`, which writes 1 MiB with O_DIRECT to the lab's
// state disk twice a second (then removes it). They are not part of `lab up`: the burner would
// cost a quarter of this 2-core machine all day and would be a throttled cgroup on a host that
// must show no warning; the writer would write for nothing. Both sit in the cgroup
// /cosi-lab-load, whose CPU weight is raised while they run (lib/cpu-weight.ts), so the burner
// gets its half core whatever the machine's load.
import { mkdirSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DAEMONS, dockerAt } from './daemons.js';
import { ensureContainer } from './containers.js';
import { ensureDisk } from './disk.js';
import { ensureBusyboxImage } from './images.js';
import { raiseCpuWeight } from './cpu-weight.js';
import { run } from './run.js';

export const BURNER = 'cosi-lab-burn';
export const WRITER = 'cosi-lab-writer';
/** The burner's quota in cores (`docker run --cpus`). */
export const BURNER_CORES = 0.5;
/** The cgroup both run in (cgroupfs driver: /cosi-lab-load/<id> in every hierarchy). */
export const LOAD_PARENT = '/cosi-lab-load';
/** Bytes the writer writes per round (16 x 64 KiB), a round every half second. */
export const WRITER_ROUND_BYTES = 16 * 65536;

const IO_DIR = 'cosi-lab-io';

/** The block device holding the lab disk (the loop device, or the fs of the plain-directory fallback). */
function diskDevice(root: string, device: string): string {
  if (device.startsWith('/dev/')) return device;
  return run('findmnt', ['-no', 'SOURCE', '-T', root]).stdout.trim();
}

/**
 * Starts both (idempotent) and raises their cgroup's CPU weight; returns what undoes the weight.
 * The writer has a write limit on the disk's device (`--device-write-bps`): it bounds it, and on
 * cgroup v1 the kernel counts a cgroup's block I/O per device only once throttling is active on
 * that device, so without a limit docker stats and blkio would say 0 B.
 */
export function startLoadContainers(): () => void {
  const user = DAEMONS.docker;
  const image = ensureBusyboxImage(user);
  const disk = ensureDisk();
  const dir = join(disk.root, IO_DIR);
  mkdirSync(dir, { recursive: true });
  ensureContainer(user, {
    name: BURNER,
    image,
    want: 'running',
    options: ['--net', 'none', '--cpus', String(BURNER_CORES), '--cgroup-parent', LOAD_PARENT],
    command: ['sh', '-c', 'while :; do :; done'],
  });
  ensureContainer(user, {
    name: WRITER,
    image,
    want: 'running',
    options: ['--net', 'none', '--cgroup-parent', LOAD_PARENT, '--device-write-bps', `${diskDevice(disk.root, disk.device)}:8mb`, '-v', `${dir}:/data`],
    command: [
      'sh',
      '-c',
      "trap 'exit 0' TERM; while :; do dd if=/dev/zero of=/data/io bs=65536 count=16 oflag=direct 2>/dev/null; rm -f /data/io; sleep 0.5 & wait $!; done",
    ],
  });
  return raiseCpuWeight(LOAD_PARENT);
}

/** Removes both, their emptied parent cgroup and the writer's directory. */
export function removeLoadContainers(restoreWeight?: () => void): void {
  restoreWeight?.();
  dockerAt(DAEMONS.docker, ['rm', '-f', BURNER, WRITER], { allowFail: true, timeoutMs: 60_000 });
  for (const h of ['', ...readdirSync('/sys/fs/cgroup')]) {
    try {
      rmdirSync(join('/sys/fs/cgroup', h, LOAD_PARENT));
    } catch {
      // not in this hierarchy, or still busy
    }
  }
  rmSync(join(ensureDisk().root, IO_DIR), { recursive: true, force: true });
}
