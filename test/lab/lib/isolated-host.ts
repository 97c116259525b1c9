// A host of its own for recording a demo: a process started in new pid, mount,
// UTS, IPC, network and cgroup namespaces, inside a cgroup made for it
// (/cosi-demo-NAME in every hierarchy), so that what it sees is itself only:
// its hostname, its processes (it is PID 1), its mounts, and cgroups rooted
// at its own. Nothing of the lab (`lab up`) is used or touched.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, readdirSync, readFileSync, rmdirSync, writeFileSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { LabError, log, waitFor } from './run.js';
import { pidAlive } from './daemons.js';

const CGROUP_ROOT = '/sys/fs/cgroup';

/** A cgroup hierarchy of this machine: where it is mounted below /sys/fs/cgroup and how to mount it again. */
export interface Hierarchy {
  dir: string;
  fstype: 'cgroup' | 'cgroup2';
  /** -o options for a v1 hierarchy (its controllers, or name=systemd). */
  options: string;
}

/** The cgroup hierarchies mounted below /sys/fs/cgroup, from /proc/self/mountinfo. */
export function hierarchies(mountinfo = readFileSync('/proc/self/mountinfo', 'utf8')): Hierarchy[] {
  const out: Hierarchy[] = [];
  for (const line of mountinfo.split('\n')) {
    const f = line.split(' ');
    const dash = f.indexOf('-');
    const target = f[4] ?? '';
    const fstype = f[dash + 1];
    if (dash < 0 || (fstype !== 'cgroup' && fstype !== 'cgroup2')) continue;
    if (target === CGROUP_ROOT) out.push({ dir: '', fstype, options: '' });
    else if (target.startsWith(`${CGROUP_ROOT}/`)) {
      const options = (f[dash + 3] ?? '').split(',').filter((o) => o !== 'rw' && o !== 'ro').join(',');
      out.push({ dir: target.slice(CGROUP_ROOT.length + 1), fstype, options });
    }
  }
  return out;
}

/** Shell lines that mount a fresh /sys/fs/cgroup below `root` ('' or a new root), seen from the cgroup namespace. */
export function cgroupMountScript(hs: Hierarchy[], root: string, ro = false): string {
  const base = `${root}${CGROUP_ROOT}`;
  if (hs.length === 1 && hs[0]?.dir === '') return `mount -t cgroup2 ${ro ? '-o ro ' : ''}cgroup2 ${base}`;
  const lines = [`mount -t tmpfs -o mode=755,size=64k cgroup ${base}`];
  for (const h of hs) {
    lines.push(`mkdir -p ${base}/${h.dir}`);
    const opts = [ro ? 'ro' : 'rw', h.options].filter(Boolean).join(',');
    lines.push(`mount -t ${h.fstype} -o ${opts} ${h.fstype} ${base}/${h.dir}`);
  }
  // the usual aliases (cpu -> cpu,cpuacct where they are one hierarchy)
  for (const h of hs) {
    for (const c of h.options.split(',')) {
      if (h.dir.includes(',') && c && !c.includes('=') && c !== h.dir) lines.push(`ln -sfn ${h.dir} ${base}/${c}`);
    }
  }
  if (ro) lines.push(`mount -o remount,ro,bind ${base}`);
  return lines.join('\n');
}

export interface IsolatedHost {
  name: string;
  /** PID 1 of the host as this machine sees it. */
  pid: number;
  /** The host's cgroup on this machine: /cosi-demo-NAME. */
  cgroup: string;
  /** A path in the host's own file system, as this machine reaches it (/proc/PID/root/...). */
  path(p: string): string;
  /** Shell lines that move the running shell into the host's cgroup (before entering it). */
  joinCgroup: string;
  stop(): Promise<void>;
}

function cgroupDirs(hs: Hierarchy[], cgroup: string): string[] {
  return hs.map((h) => join(CGROUP_ROOT, h.dir, cgroup));
}

/** Makes /cosi-demo-NAME in every hierarchy (cpuset needs its cpus and mems before a task may join). */
function makeCgroup(hs: Hierarchy[], cgroup: string): void {
  for (const h of hs) {
    const dir = join(CGROUP_ROOT, h.dir, cgroup);
    mkdirSync(dir, { recursive: true });
    if (h.options.split(',').includes('cpuset')) {
      for (const f of ['cpuset.cpus', 'cpuset.mems']) {
        writeFileSync(join(dir, f), readFileSync(join(CGROUP_ROOT, h.dir, f), 'utf8'));
      }
    }
  }
}

/** Removes a cgroup tree bottom-up (its processes are gone); parts the kernel removed already are fine. */
export function removeCgroup(dir: string): void {
  let entries: Dirent[] = [];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) if (e.isDirectory()) removeCgroup(join(dir, e.name));
  try {
    rmdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') log(`could not remove ${dir}: ${(e as Error).message}`);
  }
}

/**
 * Starts `init` (a POSIX sh script that ends by exec'ing the host's PID 1) in
 * namespaces of its own. The script starts with the host's hostname set, a
 * fresh /proc, and /sys/fs/cgroup showing the host's cgroup as the root.
 */
export async function startIsolatedHost(opts: { name: string; hostname: string; init: string; logFile: string }): Promise<IsolatedHost> {
  const hs = hierarchies();
  const cgroup = `/cosi-demo-${opts.name}`;
  makeCgroup(hs, cgroup);
  const procs = cgroupDirs(hs, cgroup).map((d) => join(d, 'cgroup.procs'));
  const joinCgroup = procs.map((p) => `echo $$ > ${p}`).join('\n');
  const inner = ['set -e', `hostname ${opts.hostname}`, 'mount -t proc proc /proc', cgroupMountScript(hs, ''), 'ip link set lo up', opts.init].join('\n');
  const outer = `${joinCgroup}\nexec unshare --pid --fork --mount --uts --ipc --net --cgroup --propagation private sh -c "$1"`;
  const fd = openSync(opts.logFile, 'a');
  const child = spawn('sh', ['-c', outer, 'cosi-demo', inner], { detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  let exited: string | null = null;
  child.on('exit', (code, sig) => (exited = sig ? `signal ${sig}` : `exit ${code}`));
  child.unref();
  const unsharePid = child.pid ?? 0;
  let pid = 0;
  await waitFor(`PID 1 of the ${opts.name} demo host`, () => {
    if (exited) throw new LabError(`the ${opts.name} demo host did not start (${exited}); see ${opts.logFile}`);
    const kids = existsSync(`/proc/${unsharePid}/task/${unsharePid}/children`)
      ? readFileSync(`/proc/${unsharePid}/task/${unsharePid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)
      : [];
    pid = Number(kids[0] ?? 0);
    return pid > 0;
  }, 10_000, 50);
  log(`${opts.name} demo host: PID 1 is ${pid} here, cgroup ${cgroup}`);
  const host: IsolatedHost = {
    name: opts.name,
    pid,
    cgroup,
    path: (p) => `/proc/${pid}/root${p}`,
    joinCgroup,
    async stop() {
      if (pidAlive(pid)) {
        log(`${opts.name} demo host: stopping (PID 1 is ${pid})`);
        // the kernel ends every process of a pid namespace with its PID 1; its mounts go with it
        process.kill(pid, 'SIGKILL');
        await waitFor(`the ${opts.name} demo host to end`, () => !pidAlive(pid) && !pidAlive(unsharePid), 30_000, 100);
      }
      await waitFor(`the ${opts.name} demo host's processes to leave ${cgroup}`, () => procs.every((p) => !existsSync(p) || readFileSync(p, 'utf8').trim() === ''), 30_000, 100);
      for (const d of cgroupDirs(hs, cgroup)) removeCgroup(d);
    },
  };
  return host;
}
