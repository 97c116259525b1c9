// The containerd lab node: Debian's containerd as a real daemon in its own mount namespace
// (a private tmpfs on /run and on /var/log, so its /run/containerd and /var/log/pods are the
// node's own and this machine's are untouched), with pods made by `ctr run` the way the
// kubelet's CRI plugin makes them: sandbox + containers in namespace `k8s.io` carrying the
// kubelet's labels and the CRI's annotations, cgroups under /kubepods/besteffort/pod<uid>/<id>,
// CRI log files under /var/log/pods. One plain container in `default`, one crash-looping
// container (exit 3, two restarts). Reached with `--via 'nsenter -t PID -m sh'`.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, closeSync, copyFileSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LabError, log, run, waitFor } from './run.js';
import { LOGS, RUN, STATE } from './paths.js';

const DIR = join(STATE, 'kube-node');
const ROOTFS = join(DIR, 'rootfs');
const CONFIG = join(DIR, 'config.toml');
/** containerd's pid as this machine sees it. */
const PIDFILE = join(RUN, 'kube-node.pid');
/** What the running node was made by: a node of an older definition is made again. */
const VERSION_FILE = join(RUN, 'kube-node.version');
const NODE_VERSION = '2: /var/lib tmpfs, CRI status files of earlier attempts';

export interface KubeContainer {
  /** Runtime id (64 hex, as the CRI makes them). */
  id: string;
  ns: 'k8s.io' | 'default';
  /** The CRI container name; 'POD' for a sandbox. */
  name: string;
  pod: { namespace: string; name: string; uid: string } | null;
  sandbox: boolean;
  args: string[];
  /** Restarts the kubelet counted (the attempt number of its log file). */
  restarts: number;
  /** The task exits at once with this code (a crash-looping container). */
  exits?: number;
}

const id64 = (s: string) => createHash('sha256').update(`cosi-lab ${s}`).digest('hex');
const uidOf = (s: string) => {
  const h = id64(`uid ${s}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};

const SLEEP = ['sleep', '2147483647'];
// A container that holds a few MiB (a shell variable) and then sleeps.
const HOLD = ['sh', '-c', 'x=$(head -c 3000000 /dev/zero | tr "\\0" a); sleep 2147483647'];

function podContainers(namespace: string, name: string, apps: { name: string; args: string[]; restarts?: number; exits?: number }[]): KubeContainer[] {
  const pod = { namespace, name, uid: uidOf(`${namespace}/${name}`) };
  const sandbox: KubeContainer = { id: id64(`sandbox ${namespace}/${name}`), ns: 'k8s.io', name: 'POD', pod, sandbox: true, args: SLEEP, restarts: 0 };
  return [
    sandbox,
    ...apps.map((a) => ({ id: id64(`container ${namespace}/${name}/${a.name}`), ns: 'k8s.io' as const, name: a.name, pod, sandbox: false, args: a.args, restarts: a.restarts ?? 0, exits: a.exits })),
  ];
}

export const KUBE_CONTAINERS: KubeContainer[] = [
  ...podContainers('kube-system', 'coredns-5d78c9869d-x7k2p', [{ name: 'coredns', args: HOLD }]),
  ...podContainers('default', 'web-0', [
    { name: 'nginx', args: HOLD },
    { name: 'log-shipper', args: SLEEP },
  ]),
  ...podContainers('default', 'crashy-7f9c', [{ name: 'crash', args: ['sh', '-c', 'echo crashing; exit 3'], restarts: 2, exits: 3 }]),
  { id: 'plain-sleeper', ns: 'default', name: 'plain-sleeper', pod: null, sandbox: false, args: SLEEP, restarts: 0 },
];

export interface KubeNode {
  /** containerd's pid on this machine: `nsenter -t PID -m sh` is a shell on the node. */
  pid: number;
  via: string;
  containers: KubeContainer[];
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function livePid(): number | null {
  if (!existsSync(PIDFILE)) return null;
  const pid = Number(readFileSync(PIDFILE, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return null;
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'containerd' ? pid : null;
  } catch {
    return null;
  }
}

/** A command in the node's mount namespace. */
export function onNode(pid: number, args: string[], allowFail = false) {
  return run('nsenter', ['-t', String(pid), '-m', ...args], { allowFail, timeoutMs: 60_000 });
}

export function ctr(pid: number, ns: string, args: string[], allowFail = false) {
  return onNode(pid, ['ctr', '-n', ns, ...args], allowFail);
}

function ensureRootfs(): void {
  if (existsSync(join(ROOTFS, 'bin/busybox'))) return;
  const busybox = ['/bin/busybox', '/usr/bin/busybox'].find((p) => existsSync(p));
  if (!busybox) throw new LabError('no busybox on this machine (test/lab/install.sh installs busybox-static)');
  for (const d of ['bin', 'proc', 'sys', 'dev', 'tmp', 'etc']) mkdirSync(join(ROOTFS, d), { recursive: true });
  copyFileSync(busybox, join(ROOTFS, 'bin/busybox'));
  chmodSync(join(ROOTFS, 'bin/busybox'), 0o755);
  for (const a of ['sh', 'sleep', 'head', 'tr', 'cat', 'echo', 'true']) symlinkSync('busybox', join(ROOTFS, 'bin', a));
}

/** Processes left in the mount namespace of a node that lost its containerd (shims, tasks): ours to end. */
function killNamespace(mntNs: string): void {
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p) || Number(p) === process.pid) continue;
    try {
      if (readlinkSync(`/proc/${p}/ns/mnt`) === mntNs) process.kill(Number(p), 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}

async function startContainerd(): Promise<number> {
  const nsFile = join(RUN, 'kube-node.mntns');
  if (existsSync(nsFile)) killNamespace(readFileSync(nsFile, 'utf8').trim());
  mkdirSync(LOGS, { recursive: true });
  writeFileSync(
    CONFIG,
    [
      'version = 2',
      'root = "/var/lib/containerd"',
      'state = "/run/containerd"',
      // The CRI plugin needs CNI and a kubelet; the lab makes its pods with ctr.
      'disabled_plugins = ["io.containerd.grpc.v1.cri"]',
      '[grpc]',
      '  address = "/run/containerd/containerd.sock"',
      '',
    ].join('\n'),
  );
  const logFile = join(LOGS, 'kube-node.log');
  const fd = openSync(logFile, 'a');
  const script = [
    'set -e',
    'mount -t tmpfs -o mode=0755 cosi-kube-run /run',
    'mkdir -p /run/containerd /run/lock',
    'mount -t tmpfs -o mode=0755 cosi-kube-log /var/log',
    'mkdir -p /var/log/pods /var/log/containers',
    // containerd's root, and the CRI plugin's status files the lab writes as the CRI would
    'mount -t tmpfs -o mode=0755 cosi-kube-lib /var/lib',
    'mkdir -p /var/lib/containerd/io.containerd.grpc.v1.cri/containers',
    `exec containerd --config ${CONFIG} --log-level warn`,
  ].join('\n');
  log(`kube node: starting containerd in its own mount namespace, log ${logFile}`);
  const child = spawn('unshare', ['--mount', '--propagation', 'private', '--fork', 'sh', '-c', script], { detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  child.unref();
  let pid = 0;
  await waitFor('containerd of the kube node to start', () => {
    const kids = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    if (kids.length === 0) return false;
    pid = Number(kids[0]);
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'containerd';
  }, 20_000, 100);
  writeFileSync(PIDFILE, `${pid}\n`);
  writeFileSync(VERSION_FILE, `${NODE_VERSION}\n`);
  writeFileSync(nsFile, `${readlinkSync(`/proc/${pid}/ns/mnt`)}\n`);
  await waitFor('containerd of the kube node to answer', () => ctr(pid, 'default', ['version'], true).status === 0, 30_000, 200);
  return pid;
}

function criLine(text: string): string {
  return `2026-12-01T19:00:00.000000000Z stdout F ${text}\n`;
}

/** The runtime id of an earlier attempt of a restarting container (the kubelet makes a new container per restart). */
export function attemptId(c: KubeContainer, attempt: number): string {
  return attempt === c.restarts ? c.id : id64(`container ${c.pod?.namespace}/${c.pod?.name}/${c.name} attempt ${attempt}`);
}

/**
 * The earlier attempts of a restarting container: each run to its end with `ctr run --rm` (its
 * task is deleted, as the CRI deletes an exited container's task), its exit code recorded as the
 * CRI plugin records it (io.containerd.grpc.v1.cri/containers/<id>/status) and its log linked
 * from /var/log/containers as the kubelet does.
 */
function runEarlierAttempts(pid: number, c: KubeContainer): void {
  for (let i = 0; i < c.restarts; i++) {
    const id = attemptId(c, i);
    ctr(pid, c.ns, ['tasks', 'rm', '-f', id], true);
    ctr(pid, c.ns, ['containers', 'rm', id], true);
    const r = ctr(pid, c.ns, runArgs(c, id, false), true);
    if (r.status !== c.exits) throw new LabError(`kube node: attempt ${i} of ${c.name} exited ${r.status}, not ${c.exits}: ${r.stderr.trim()}`);
    const ns = Date.now() * 1e6;
    const status = JSON.stringify({ Version: 'v1', Pid: 0, CreatedAt: ns - 2e9, StartedAt: ns - 1e9 + i, FinishedAt: ns + i, ExitCode: r.status, Reason: 'Error', Message: '' });
    const dir = `/var/lib/containerd/io.containerd.grpc.v1.cri/containers/${id}`;
    const log = `/var/log/pods/${c.pod!.namespace}_${c.pod!.name}_${c.pod!.uid}/${c.name}/${i}.log`;
    onNode(pid, ['sh', '-c', `mkdir -p ${dir} && printf '%s' '${status}' > ${dir}/status && ln -sf ${log} /var/log/containers/${c.pod!.name}_${c.pod!.namespace}_${c.name}-${id}.log`]);
  }
}

function createContainer(pid: number, c: KubeContainer): void {
  if (c.exits !== undefined && c.restarts > 0) runEarlierAttempts(pid, c);
  ctr(pid, c.ns, runArgs(c, c.id, true));
  writeLogs(pid, c);
}

export function runArgs(c: KubeContainer, id: string, detach: boolean): string[] {
  const args: string[] = ['run', detach ? '--detach' : '--rm', '--null-io', '--env', 'PATH=/bin', '--rootfs'];
  if (c.pod) {
    const sandboxId = c.sandbox ? c.id : id64(`sandbox ${c.pod.namespace}/${c.pod.name}`);
    const cgroup = `/kubepods/besteffort/pod${c.pod.uid}/${id}`;
    const labels: Record<string, string> = {
      'io.kubernetes.pod.name': c.pod.name,
      'io.kubernetes.pod.namespace': c.pod.namespace,
      'io.kubernetes.pod.uid': c.pod.uid,
      'io.cri-containerd.kind': c.sandbox ? 'sandbox' : 'container',
      ...(c.sandbox ? {} : { 'io.kubernetes.container.name': c.name }),
    };
    const annotations: Record<string, string> = {
      'io.kubernetes.cri.container-type': c.sandbox ? 'sandbox' : 'container',
      'io.kubernetes.cri.sandbox-id': sandboxId,
      'io.kubernetes.cri.sandbox-name': c.pod.name,
      'io.kubernetes.cri.sandbox-namespace': c.pod.namespace,
      'io.kubernetes.cri.sandbox-uid': c.pod.uid,
      ...(c.sandbox
        ? { 'io.kubernetes.cri.sandbox-log-directory': `/var/log/pods/${c.pod.namespace}_${c.pod.name}_${c.pod.uid}` }
        : { 'io.kubernetes.cri.container-name': c.name, 'io.kubernetes.cri.image-name': 'cosi-lab/busybox:1' }),
    };
    for (const [k, v] of Object.entries(labels)) args.push('--label', `${k}=${v}`);
    for (const [k, v] of Object.entries(annotations)) args.push('--annotation', `${k}=${v}`);
    args.push('--cgroup', cgroup);
  } else {
    args.push('--label', 'cosi-lab=1', '--cgroup', `/cosi-lab-default/${c.id}`);
  }
  return [...args, ROOTFS, id, ...c.args];
}

function writeLogs(pid: number, c: KubeContainer): void {
  if (c.pod && !c.sandbox) {
    const dir = `/var/log/pods/${c.pod.namespace}_${c.pod.name}_${c.pod.uid}/${c.name}`;
    const files = Array.from({ length: c.restarts + 1 }, (_, i) => `printf '%s' '${criLine(`${c.name} attempt ${i}`)}' > ${dir}/${i}.log`);
    onNode(pid, ['sh', '-c', [`mkdir -p ${dir}`, ...files, `ln -sf ${dir}/${c.restarts}.log /var/log/containers/${c.pod.name}_${c.pod.namespace}_${c.name}-${c.id}.log`].join('\n')]);
  }
}

/** Starts (or reuses) the containerd node and its pods. Idempotent; needs root. */
export async function ensureKubeNode(): Promise<KubeNode> {
  mkdirSync(RUN, { recursive: true });
  mkdirSync(DIR, { recursive: true });
  ensureRootfs();
  let pid = livePid();
  const current = existsSync(VERSION_FILE) && readFileSync(VERSION_FILE, 'utf8').trim() === NODE_VERSION;
  if (pid !== null && !current) {
    stopKubeNode();
    pid = null;
  }
  if (pid === null || ctr(pid, 'default', ['version'], true).status !== 0) pid = await startContainerd();
  const node = pid;
  const want = (c: KubeContainer) => (c.exits === undefined ? 'RUNNING' : 'STOPPED');
  const tasks = taskStates(node);
  for (const c of KUBE_CONTAINERS) {
    if (tasks.get(`${c.ns}/${c.id}`)?.status === want(c)) continue;
    // a half-made container (a failed start) is made again
    ctr(node, c.ns, ['tasks', 'rm', '-f', c.id], true);
    ctr(node, c.ns, ['containers', 'rm', c.id], true);
    createContainer(node, c);
  }
  // The crash-looping task has exited (STOPPED), the others run.
  await waitFor('the kube node tasks to settle', () => {
    const tasks = taskStates(node);
    return KUBE_CONTAINERS.every((c) => tasks.get(`${c.ns}/${c.id}`)?.status === want(c));
  }, 30_000, 200);
  return { pid, via: `nsenter -t ${pid} -m sh`, containers: KUBE_CONTAINERS };
}

/** `ctr tasks ls` of both namespaces: "ns/id" -> pid and status. */
export function taskStates(pid: number): Map<string, { pid: number; status: string }> {
  const out = new Map<string, { pid: number; status: string }>();
  for (const ns of ['k8s.io', 'default']) {
    for (const line of ctr(pid, ns, ['tasks', 'ls'], true).stdout.split('\n').slice(1)) {
      const [id, p, status] = line.trim().split(/\s+/);
      if (id && p && status) out.set(`${ns}/${id}`, { pid: Number(p), status });
    }
  }
  return out;
}

/** Stops the node: its tasks are deleted through containerd (which removes their cgroups), then its namespace ends. */
export function stopKubeNode(): void {
  const pid = livePid();
  if (pid !== null) {
    for (const c of KUBE_CONTAINERS) {
      ctr(pid, c.ns, ['tasks', 'rm', '-f', c.id], true);
      ctr(pid, c.ns, ['containers', 'rm', c.id], true);
    }
  }
  const nsFile = join(RUN, 'kube-node.mntns');
  if (existsSync(nsFile)) killNamespace(readFileSync(nsFile, 'utf8').trim());
  rmSync(nsFile, { force: true });
  rmSync(PIDFILE, { force: true });
  rmSync(VERSION_FILE, { force: true });
}
