// The cosi real-host lab: a RancherOS-like host (system-docker + docker side by
// side, system services, a console with sshd on 127.0.0.1:2222) and a
// CoreOS-like systemd host (sshd on 127.0.0.1:2223), on this machine, as root.
//
//   npx tsx test/lab/lab.ts up|down|status [rancher|systemd|all]
//   npx tsx test/lab/lab.ts up journal     the systemd host with a 1,000,000-entry journal (minutes; not in `up`)
//   npx tsx test/lab/lab.ts up|down big    the big host: 10,000 mounts, 3,000 cgroups, 5,000 processes (not in `up`)
//
// From tests:  import { labUp, LAB, sshConfigFor } from './lab.js'
// See test/lab/README.md.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DAEMONS, daemonPid, daemonResponds, dockerAt, ensureDaemon, stopDaemon, type DaemonSpec } from './lib/daemons.js';
import { removeLabContainers } from './lib/containers.js';
import { ensureDisk, releaseDisk } from './lib/disk.js';
import { upRancher, SYSTEM_SERVICES, USER_CONTAINERS, CONSOLE_DISK_BINDS } from './lib/rancher.js';
import { upSystemd, SYSTEMD_CONTAINER } from './lib/systemd.js';
import { ensureBigJournal } from './lib/journal.js';
import { ensureClientKey, KEY_PATH, writeSshConfig, type SshConfigFiles, type SshTarget } from './lib/ssh.js';
import { LabError, log, run, waitFor } from './lib/run.js';
import { RUN, STATE } from './lib/paths.js';
import { withLabLock } from './lib/lock.js';
import { stopKubeNode } from './lib/kube-node.js';
import { BIG_SSH_CONFIG, BIG_SSH_TARGET, bigRunning, downBig, upBig } from './lib/big-host.js';

export { LabError, STATE, SYSTEM_SERVICES, USER_CONTAINERS, CONSOLE_DISK_BINDS, KEY_PATH };
export { dockerAt } from './lib/daemons.js';

export type LabHostName = 'rancher' | 'systemd';
export type Which = LabHostName | 'all';

export interface LabHost {
  name: LabHostName;
  /** Alias in the generated ssh_config (sshConfigFor). */
  sshAlias: string;
  sshHost: '127.0.0.1';
  sshPort: number;
  user: string;
  /** Lab-only password of `user` (password-auth tests). */
  password: string;
  keyPath: string;
  /** The container that IS the host, and the daemon it runs in. */
  container: string;
  daemonSocket: string;
  /** `cosi snapshot --via '<this>'`: a root POSIX sh on the host. */
  viaCommand: string;
  /** The same shell as the login user (not root). */
  viaCommandAsUser: string;
  /** Engine sockets as seen from inside the host. */
  sockets: Record<string, string>;
}

const sys = DAEMONS['system-docker'];
const user = DAEMONS.docker;

export const LAB: Record<LabHostName, LabHost> = {
  rancher: {
    name: 'rancher',
    sshAlias: 'lab-rancher',
    sshHost: '127.0.0.1',
    sshPort: 2222,
    user: 'rancher',
    password: 'rancher-lab',
    keyPath: KEY_PATH,
    container: 'console',
    daemonSocket: sys.socket,
    viaCommand: `docker -H unix://${sys.socket} exec -i console sh`,
    viaCommandAsUser: `docker -H unix://${sys.socket} exec -i -u rancher console sh`,
    sockets: { 'system-docker': sys.socket, docker: user.socket },
  },
  systemd: {
    name: 'systemd',
    sshAlias: 'lab-coreos',
    sshHost: '127.0.0.1',
    sshPort: 2223,
    user: 'core',
    password: 'core-lab',
    keyPath: KEY_PATH,
    container: SYSTEMD_CONTAINER,
    daemonSocket: user.socket,
    viaCommand: `docker -H unix://${user.socket} exec -i ${SYSTEMD_CONTAINER} sh`,
    viaCommandAsUser: `docker -H unix://${user.socket} exec -i -u core ${SYSTEMD_CONTAINER} sh`,
    // socket-activated: docker.service stays inactive; never connect to it
    sockets: { docker: '/var/run/docker.sock' },
  },
};

export const DAEMON_SPECS = DAEMONS;

function hostsOf(which: Which): LabHostName[] {
  return which === 'all' ? ['rancher', 'systemd'] : [which];
}

function sshTarget(h: LabHost): SshTarget {
  return {
    alias: h.sshAlias,
    port: h.sshPort,
    user: h.user,
    daemon: h.name === 'rancher' ? sys : user,
    container: h.container,
    hostKeyPath: h.name === 'rancher' ? '/etc/ssh/console/ssh_host_ed25519_key.pub' : '/etc/ssh/ssh_host_ed25519_key.pub',
  };
}

function portOpen(port: number): boolean {
  // /proc/net/tcp lists listening sockets (state 0A) with hex ports
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  return run('cat', ['/proc/net/tcp']).stdout.split('\n').some((l) => {
    const f = l.trim().split(/\s+/);
    return f[1]?.endsWith(`:${hex}`) && f[3] === '0A';
  });
}

function checkRoot(): void {
  if (process.getuid?.() !== 0) throw new LabError('the lab needs root (it starts dockerd and mounts a loop device)');
}

/** Starts (or reuses) the lab hosts. Idempotent. */
export async function labUp(which: Which = 'all'): Promise<Record<LabHostName, LabHost>> {
  checkRoot();
  return withLabLock('up', () => up(which));
}

/**
 * Which state directory the running lab belongs to. Daemon data roots, the
 * client key mounted into the hosts and their keys live there, so a lab started
 * from another checkout (or killed half-way) cannot be reused: taken down first.
 */
const OWNER = join(RUN, 'state-owner');

function labOwner(): string | null {
  try {
    return readFileSync(OWNER, 'utf8').trim() || null;
  } catch {
    return null;
  }
}

async function takeOverForeignLab(): Promise<void> {
  const owner = labOwner();
  if (owner === STATE) return;
  const live = [sys, user].filter((d) => daemonPid(d) !== null);
  if (live.length > 0) {
    log(`the running lab belongs to ${owner ?? 'an unknown state directory'}, not ${STATE}: taking it down first`);
    await down('all');
    // its state disk is mounted below its own state directory, which down() does not know
    if (owner) run('umount', [join(owner, 'disk')], { allowFail: true });
  }
  mkdirSync(RUN, { recursive: true });
  writeFileSync(OWNER, `${STATE}\n`);
}

async function up(which: Which): Promise<Record<LabHostName, LabHost>> {
  await takeOverForeignLab();
  ensureClientKey();
  // both hosts need the user docker; only the RancherOS-like host needs system-docker.
  // The disk is mounted first: system-docker's private mount namespace copies it.
  if (which !== 'systemd') {
    ensureDisk();
    await ensureDaemon(sys);
  }
  await ensureDaemon(user);
  for (const h of hostsOf(which)) {
    if (h === 'rancher') upRancher();
    else await upSystemd();
    const port = LAB[h].sshPort;
    await waitFor(`sshd of the ${h} lab host on 127.0.0.1:${port}`, () => portOpen(port), 30_000);
  }
  writeSshConfig(sshTargets());
  return LAB;
}

/** Every running lab host reached over ssh, the big host included. */
function sshTargets(): SshTarget[] {
  return [...hostsOf('all').filter(running).map((h) => sshTarget(LAB[h])), ...(bigRunning() ? [BIG_SSH_TARGET] : [])];
}

/** `lab.ts up big`: the big host (lib/big-host.ts) and an ssh config naming it; returns the seconds it took. */
export async function labUpBig(): Promise<number> {
  checkRoot();
  return withLabLock('up big', async () => {
    await takeOverForeignLab();
    ensureClientKey();
    const s = await upBig();
    writeSshConfig(sshTargets());
    return s;
  });
}

/** `lab.ts down big`: the big host only; the other hosts keep running. */
export async function labDownBig(): Promise<void> {
  checkRoot();
  await withLabLock('down big', downBig);
  if (existsSync(join(STATE, 'ssh/config'))) writeSshConfig(sshTargets());
}

function running(h: LabHostName): boolean {
  const d: DaemonSpec = h === 'rancher' ? sys : user;
  if (daemonPid(d) === null) return false;
  const r = dockerAt(d, ['inspect', '--format', '{{.State.Running}}', LAB[h].container], { allowFail: true });
  return r.status === 0 && r.stdout.trim() === 'true';
}

/** Writes an ssh_config + known_hosts covering the running lab hosts; returns paths and the alias of `host`. */
export function sshConfigFor(host: LabHostName): SshConfigFiles & { alias: string } {
  if (!running(host)) throw new LabError(`the ${host} lab host is not up (npx tsx test/lab/lab.ts up ${host})`);
  const files = writeSshConfig(sshTargets());
  return { ...files, alias: LAB[host].sshAlias };
}

/** Stops everything the lab started: its containers, both daemons, the disk mount. Data and image caches stay. */
export async function labDown(which: Which = 'all'): Promise<void> {
  checkRoot();
  return withLabLock('down', () => down(which));
}

async function down(which: Which): Promise<void> {
  if (which === 'all') await downBig(); // its cgroup tree is removed by name before the user docker goes
  if (which === 'systemd') {
    if (daemonPid(user) !== null) dockerAt(user, ['rm', '-f', SYSTEMD_CONTAINER], { allowFail: true });
    return;
  }
  if (which === 'rancher' && running('systemd')) {
    // the user docker also carries the systemd host: keep it, remove the rancher side only
    for (const c of USER_CONTAINERS) dockerAt(user, ['rm', '-f', c.name], { allowFail: true });
    if (daemonPid(sys) !== null) removeLabContainers(sys);
    await stopDaemon(sys);
    releaseDisk();
    return;
  }
  for (const d of [sys, user]) {
    if (daemonPid(d) !== null && daemonResponds(d)) removeLabContainers(d);
    await stopDaemon(d);
  }
  // the containerd node that test/lab/containerd.test.ts starts for itself
  stopKubeNode();
  releaseDisk();
  rmSync(OWNER, { force: true });
}

export interface LabStatus {
  daemons: Record<string, { pid: number | null; socket: string; responds: boolean }>;
  hosts: Record<LabHostName, { running: boolean; sshPort: number; sshListening: boolean }>;
}

export function labStatus(): LabStatus {
  const daemons: LabStatus['daemons'] = {};
  for (const d of [sys, user]) {
    const pid = daemonPid(d);
    daemons[d.name] = { pid, socket: d.socket, responds: pid !== null && existsSync(d.socket) && daemonResponds(d) };
  }
  const hosts = {} as LabStatus['hosts'];
  for (const h of hostsOf('all')) hosts[h] = { running: running(h), sshPort: LAB[h].sshPort, sshListening: portOpen(LAB[h].sshPort) };
  return { daemons, hosts };
}

async function main(argv: string[]): Promise<number> {
  const [cmd, arg = 'all'] = argv;
  const journal = cmd === 'up' && arg === 'journal';
  const big = (cmd === 'up' || cmd === 'down') && arg === 'big';
  if ((!journal && !big && !['rancher', 'systemd', 'all'].includes(arg)) || !['up', 'down', 'status'].includes(cmd ?? '')) {
    process.stderr.write('usage: npx tsx test/lab/lab.ts up|down|status [rancher|systemd|all] | up journal | up|down big\n');
    return 2;
  }
  if (big && cmd === 'down') return labDownBig().then(() => 0);
  if (big) {
    const s = await labUpBig();
    process.stdout.write(`big: ssh -F ${BIG_SSH_CONFIG} ${BIG_SSH_TARGET.alias}   (${BIG_SSH_TARGET.user}@127.0.0.1:${BIG_SSH_TARGET.port}; also in ${STATE}/ssh/config); up in ${Math.round(s)} s\n`);
    return 0;
  }
  const which = (journal ? 'systemd' : arg) as Which;
  if (cmd === 'up') {
    await labUp(which);
    if (journal) {
      const j = await withLabLock('up journal', () => ensureBigJournal());
      process.stdout.write(`systemd: journal of ${j.entries} entries in ${j.files} files (${Math.round(j.bytes / 2 ** 20)} MiB)\n`);
    }
    for (const h of hostsOf(which)) {
      const x = LAB[h];
      process.stdout.write(`${h}: ssh -F ${STATE}/ssh/config ${x.sshAlias}   (${x.user}@127.0.0.1:${x.sshPort})\n`);
      process.stdout.write(`${h}: --via '${x.viaCommand}'\n`);
    }
  } else if (cmd === 'down') {
    await labDown(which);
  } else {
    process.stdout.write(JSON.stringify(labStatus(), null, 2) + '\n');
  }
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`lab: ${e instanceof LabError ? e.message : (e as Error).stack ?? String(e)}\n`);
      process.exit(1);
    },
  );
}
