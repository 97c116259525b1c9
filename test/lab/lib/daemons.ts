// The two dockerd daemons of the RancherOS-like host, side by side:
// system-docker (root:root socket) and the user docker (group docker).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync, rmSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { LabError, log, run, waitFor } from './run.js';
import { LOGS, RUN, STATE } from './paths.js';

export interface DaemonSpec {
  name: 'system-docker' | 'docker';
  socket: string;
  group: string;
  /** Storage driver: overlay2 (like RancherOS) unless COSI_LAB_STORAGE says otherwise (vfs always works). */
  storage: string;
  /**
   * Run dockerd as PID 1 of its own pid + mount namespace (`unshare`), as
   * RancherOS's system-docker is PID 1 of the machine. A `--pid host`
   * container of this daemon (the console) then sees the lab's processes
   * only, never the rest of this machine.
   */
  ownPidNamespace: boolean;
}

const storage = process.env.COSI_LAB_STORAGE ?? 'overlay2';

export const DAEMONS: Record<DaemonSpec['name'], DaemonSpec> = {
  'system-docker': { name: 'system-docker', socket: '/var/run/system-docker.sock', group: 'root', storage, ownPidNamespace: true },
  docker: { name: 'docker', socket: '/var/run/docker.sock', group: 'docker', storage, ownPidNamespace: false },
};

export function dataRoot(d: DaemonSpec): string {
  return join(STATE, d.name);
}
function execRoot(d: DaemonSpec): string {
  return join(RUN, d.name);
}
/** Holds dockerd's pid as this machine sees it (written by dockerd, or by us for a namespaced one). */
function pidfile(d: DaemonSpec): string {
  return join(RUN, `${d.name}.pid`);
}
/** dockerd's own --pidfile: inside its namespace it is PID 1, so it cannot be ours. */
function dockerdPidfile(d: DaemonSpec): string {
  return d.ownPidNamespace ? join(RUN, `${d.name}.nspid`) : pidfile(d);
}

function firstChild(pid: number): number | null {
  try {
    const kids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    return kids.length ? Number(kids[0]) : null;
  } catch {
    return null;
  }
}

/** `docker -H unix://SOCK args...` */
export function dockerAt(d: DaemonSpec, args: string[], opts: Parameters<typeof run>[2] = {}) {
  return run('docker', ['-H', `unix://${d.socket}`, ...args], opts);
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pid of our daemon when its pidfile names a live dockerd, else null. */
export function daemonPid(d: DaemonSpec): number | null {
  const f = pidfile(d);
  if (!existsSync(f)) return null;
  const pid = Number(readFileSync(f, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0 || !pidAlive(pid)) return null;
  try {
    const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    if (comm !== 'dockerd') return null;
  } catch {
    return null;
  }
  return pid;
}

export function daemonResponds(d: DaemonSpec): boolean {
  return dockerAt(d, ['version', '--format', '{{.Server.Version}}'], { allowFail: true, timeoutMs: 10_000 }).status === 0;
}

/** Starts the daemon unless ours is already up. Refuses to touch a socket that belongs to something else. */
export async function ensureDaemon(d: DaemonSpec): Promise<void> {
  if (daemonPid(d) !== null && daemonResponds(d)) {
    log(`${d.name}: already up (pid ${daemonPid(d)})`);
    return;
  }
  if (daemonPid(d) === null && existsSync(d.socket) && daemonResponds(d)) {
    throw new LabError(
      `${d.socket} answers but was not started by the lab (no live pid in ${pidfile(d)}); stop that daemon first, the lab never touches it`,
    );
  }
  if (d.group !== 'root') {
    if (run('getent', ['group', d.group], { allowFail: true }).status !== 0) run('groupadd', ['--system', d.group]);
  }
  for (const dir of [dataRoot(d), execRoot(d), LOGS]) mkdirSync(dir, { recursive: true });
  const config = join(STATE, `${d.name}.daemon.json`);
  writeFileSync(config, '{}\n');
  // a stale socket file of ours from a killed run would make dockerd fail
  if (existsSync(d.socket) && !daemonResponds(d)) rmSync(d.socket, { force: true });
  // so would its pidfiles (a dockerd in its own pid namespace wrote pid 1, which is always "running"
  // here) and a killed run's containerd state in the exec root, which is shared by every checkout
  if (daemonPid(d) === null) {
    rmSync(pidfile(d), { force: true });
    rmSync(dockerdPidfile(d), { force: true });
    unmountBelow([execRoot(d)]);
    try {
      rmSync(execRoot(d), { recursive: true, force: true });
    } catch (e) {
      log(`${d.name}: could not clear the stale ${execRoot(d)}: ${(e as Error).message}`);
    }
    mkdirSync(execRoot(d), { recursive: true });
  }
  const args = [
    '--config-file', config,
    '--data-root', dataRoot(d),
    '--exec-root', execRoot(d),
    '--pidfile', dockerdPidfile(d),
    '-H', `unix://${d.socket}`,
    '--group', d.group,
    '--containerd-namespace', `cosi-lab-${d.name}`,
    '--containerd-plugins-namespace', `cosi-lab-${d.name}-plugins`,
    '--iptables=false', '--ip6tables=false', '--ip-masq=false', '--bridge=none',
    '--userland-proxy=false',
    '--storage-driver', d.storage,
    '--log-level', 'warn',
  ];
  const logFile = join(LOGS, `${d.name}.log`);
  const fd = openSync(logFile, 'a');
  log(`${d.name}: starting dockerd (${d.storage}), log ${logFile}`);
  const child = d.ownPidNamespace
    ? spawn('unshare', ['--pid', '--fork', '--mount', '--mount-proc', '--propagation', 'private', 'dockerd', ...args], {
        detached: true,
        stdio: ['ignore', fd, fd],
      })
    : spawn('dockerd', args, { detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  if (d.ownPidNamespace && child.pid) {
    const unsharePid = child.pid;
    let inner: number | null = null;
    await waitFor(`dockerd under unshare (pid ${unsharePid})`, () => (inner = firstChild(unsharePid)) !== null, 10_000, 50);
    writeFileSync(pidfile(d), `${inner}\n`);
  }
  let exited: string | null = null;
  child.on('exit', (code, sig) => {
    exited = sig ? `signal ${sig}` : `exit ${code}`;
  });
  child.on('error', (e) => {
    exited = e.message;
  });
  child.unref();
  await waitFor(`${d.name} to answer on ${d.socket} (see ${logFile})`, () => {
    if (exited) throw new LabError(`dockerd for ${d.name} died (${exited}); see ${logFile}`);
    return daemonResponds(d);
  }, 60_000).catch((e: unknown) => {
    if (exited) throw new LabError(`dockerd for ${d.name} died (${exited}); last log lines:\n${lastLines(logFile)}`);
    throw e;
  });
  log(`${d.name}: up on ${d.socket}`);
}

function lastLines(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-8).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Stops our daemon (SIGTERM, then SIGKILL after 20 s). Never touches a daemon we did not start. */
export async function stopDaemon(d: DaemonSpec): Promise<void> {
  const pid = daemonPid(d);
  if (pid === null) {
    unmountBelow([execRoot(d), dataRoot(d)]);
    return;
  }
  log(`${d.name}: stopping dockerd pid ${pid}`);
  process.kill(pid, 'SIGTERM');
  try {
    await waitFor(`${d.name} dockerd to exit`, () => !pidAlive(pid), 20_000);
  } catch {
    process.kill(pid, 'SIGKILL');
    await waitFor(`${d.name} dockerd to die`, () => !pidAlive(pid), 5_000);
  }
  rmSync(pidfile(d), { force: true });
  if (d.ownPidNamespace) rmSync(dockerdPidfile(d), { force: true });
  unmountBelow([execRoot(d), dataRoot(d)]);
}

/** dockerd leaves e.g. <exec-root>/netns/default mounted after it exits: unmount what is left under our own dirs. */
function unmountBelow(dirs: string[]): void {
  const targets = readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((l) => l.split(' ')[4])
    .filter((t): t is string => !!t && dirs.some((dir) => t.startsWith(`${dir}/`)))
    .sort((a, b) => b.length - a.length);
  for (const t of targets) {
    log(`unmounting leftover ${t}`);
    run('umount', ['-l', t], { allowFail: true });
  }
}
