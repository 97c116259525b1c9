/**
 * A deterministic, big Kubernetes node as a RAW snapshot, in the exact
 * section formats the probe records (mountinfo, `df -kP`, procps `ps`,
 * cgroup v2 `grep -H` lines, `systemctl -o json`, Docker Engine API JSON).
 *
 * The host: Flatcar, cgroup v2 with the systemd driver, docker (cri-dockerd)
 * running 500 pods of two containers each (the pause container and the app;
 * some apps are crash-looping, i.e. exited). Sizes are exact so a test can
 * check them after buildModel: 10,000 mounts, 5,000 processes, 3,000 cgroups
 * (counting the root) and 1,000 containers. Mounts beyond the per-container
 * ones are the pods' secret / projected-token tmpfs volumes and CSI bind
 * mounts; cgroups beyond pods and scopes are the sub-cgroups of containers
 * that manage their own (systemd-in-container, buildkit workers).
 */
import type { RawSection, RawSnapshot, RawEngine } from '../src/snapshot/types.js';

export interface SyntheticSize {
  mounts: number;
  processes: number;
  cgroups: number;
  containers: number;
}

export const K8S_NODE_BIG: SyntheticSize = { mounts: 10_000, processes: 5_000, cgroups: 3_000, containers: 1_000 };

/** mulberry32: a tiny seeded PRNG, so every run generates the same host. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMESPACES = ['default', 'kube-system', 'monitoring', 'ingress-nginx', 'payments', 'checkout', 'search', 'batch', 'logging', 'cert-manager'];
const APPS = ['api', 'web', 'worker', 'redis', 'nginx', 'fluent-bit', 'node-exporter', 'coredns', 'envoy', 'postgres', 'kafka-consumer', 'scheduler'];
const IMAGES: Record<string, string> = {
  api: 'registry.example.com/shop/api:2.14.1',
  web: 'registry.example.com/shop/web:5.0.3',
  worker: 'registry.example.com/shop/worker:2.14.1',
  redis: 'redis:7.2-alpine',
  nginx: 'nginx:1.25',
  'fluent-bit': 'fluent/fluent-bit:2.2',
  'node-exporter': 'prom/node-exporter:v1.7.0',
  coredns: 'registry.k8s.io/coredns/coredns:v1.11.1',
  envoy: 'envoyproxy/envoy:v1.29.1',
  postgres: 'postgres:16',
  'kafka-consumer': 'registry.example.com/data/consumer:0.9.4',
  scheduler: 'registry.example.com/data/scheduler:1.3.0',
};
const PAUSE_IMAGE = 'registry.k8s.io/pause:3.9';

interface Pod {
  name: string;
  ns: string;
  uid: string;
  qos: 'burstable' | 'besteffort' | 'guaranteed';
  app: string;
  containers: Ctr[];
}

interface Ctr {
  id: string;
  layer: string;
  name: string;
  pod: Pod;
  pause: boolean;
  running: boolean;
  pid: number | null;
  created: number;
  pids: number[];
  subCgroups: number;
}

export function syntheticK8sNode(size: SyntheticSize = K8S_NODE_BIG, seed = 7): RawSnapshot {
  const rnd = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const hex = (n: number) => {
    let s = '';
    while (s.length < n) s += Math.floor(rnd() * 0x100000000).toString(16).padStart(8, '0');
    return s.slice(0, n);
  };
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
  const bootEpoch = 1795900000;
  const now = bootEpoch + 86400 * 12;

  // ---- pods and containers
  const pods: Pod[] = [];
  const ctrs: Ctr[] = [];
  const podCount = Math.ceil(size.containers / 2);
  for (let p = 0; p < podCount; p++) {
    const app = APPS[p % APPS.length]!;
    const ns = NAMESPACES[p % NAMESPACES.length]!;
    const pod: Pod = { name: `${app}-${hex(10)}-${hex(5)}`, ns, uid: uuid(), qos: p % 7 === 0 ? 'guaranteed' : p % 5 === 0 ? 'besteffort' : 'burstable', app, containers: [] };
    pods.push(pod);
    for (const pause of [true, false]) {
      if (ctrs.length >= size.containers) break;
      const c: Ctr = {
        id: hex(64),
        layer: hex(64),
        name: pause ? `k8s_POD_${pod.name}_${ns}_${pod.uid}_0` : `k8s_${app}_${pod.name}_${ns}_${pod.uid}_${p % 20 === 3 ? 4 : 0}`,
        pod,
        pause,
        running: pause || p % 20 !== 3,
        pid: null,
        created: now - int(600, 86400 * 10),
        pids: [],
        subCgroups: 0,
      };
      pod.containers.push(c);
      ctrs.push(c);
    }
  }
  const running = ctrs.filter((c) => c.running);

  // ---- processes: kernel threads, host services, one shim per running container, the containers' own
  interface Proc {
    pid: number;
    ppid: number;
    user: string;
    rss: number;
    stat: string;
    etimes: number;
    comm: string;
    args: string;
    cgroup: string;
  }
  const procs: Proc[] = [];
  let nextPid = 1;
  const add = (p: Omit<Proc, 'pid'>): Proc => {
    const q = { ...p, pid: nextPid++ };
    procs.push(q);
    return q;
  };
  const up = now - bootEpoch;
  add({ ppid: 0, user: 'root', rss: 14200, stat: 'Ss', etimes: up, comm: 'systemd', args: '/usr/lib/systemd/systemd --switched-root --system --deserialize=32', cgroup: '/init.scope' });
  const kthreadd = add({ ppid: 0, user: 'root', rss: 0, stat: 'S', etimes: up, comm: 'kthreadd', args: '[kthreadd]', cgroup: '/' });
  for (let i = 0; i < 120; i++) {
    const name = i % 4 === 0 ? `ksoftirqd/${i / 4}` : i % 4 === 1 ? `kworker/${i % 16}:${i % 3}-events` : i % 4 === 2 ? `migration/${i % 16}` : `kworker/u64:${i}-flush-8:0`;
    add({ ppid: kthreadd.pid, user: 'root', rss: 0, stat: i % 4 === 1 ? 'I' : 'S', etimes: up, comm: name.slice(0, 15), args: `[${name}]`, cgroup: '/' });
  }
  const services: { unit: string; comm: string; args: string; user: string; rss: number; n: number }[] = [
    { unit: 'systemd-journald.service', comm: 'systemd-journal', args: '/usr/lib/systemd/systemd-journald', user: 'root', rss: 88000, n: 1 },
    { unit: 'systemd-udevd.service', comm: 'systemd-udevd', args: '/usr/lib/systemd/systemd-udevd', user: 'root', rss: 9000, n: 1 },
    { unit: 'systemd-networkd.service', comm: 'systemd-network', args: '/usr/lib/systemd/systemd-networkd', user: 'systemd-network', rss: 9600, n: 1 },
    { unit: 'systemd-resolved.service', comm: 'systemd-resolve', args: '/usr/lib/systemd/systemd-resolved', user: 'systemd-resolve', rss: 12000, n: 1 },
    { unit: 'systemd-timesyncd.service', comm: 'systemd-timesyn', args: '/usr/lib/systemd/systemd-timesyncd', user: 'systemd-timesync', rss: 7000, n: 1 },
    { unit: 'systemd-logind.service', comm: 'systemd-logind', args: '/usr/lib/systemd/systemd-logind', user: 'root', rss: 7600, n: 1 },
    { unit: 'dbus.service', comm: 'dbus-daemon', args: '/usr/bin/dbus-daemon --system --address=systemd: --nofork --nopidfile --systemd-activation --syslog-only', user: 'messagebus', rss: 5000, n: 1 },
    { unit: 'sshd.service', comm: 'sshd', args: 'sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups', user: 'root', rss: 8800, n: 1 },
    { unit: 'containerd.service', comm: 'containerd', args: '/run/torcx/bin/containerd --config /run/torcx/unpack/docker/usr/share/containerd/config.toml', user: 'root', rss: 140000, n: 1 },
    { unit: 'docker.service', comm: 'dockerd', args: '/run/torcx/bin/dockerd --host=fd:// --containerd=/var/run/docker/libcontainerd/docker-containerd.sock --exec-opt native.cgroupdriver=systemd', user: 'root', rss: 420000, n: 1 },
    { unit: 'cri-docker.service', comm: 'cri-dockerd', args: '/opt/bin/cri-dockerd --container-runtime-endpoint fd:// --network-plugin=cni', user: 'root', rss: 90000, n: 1 },
    { unit: 'kubelet.service', comm: 'kubelet', args: '/opt/bin/kubelet --config=/var/lib/kubelet/config.yaml --kubeconfig=/etc/kubernetes/kubelet.conf --container-runtime-endpoint=unix:///run/cri-dockerd.sock --cgroup-driver=systemd', user: 'root', rss: 180000, n: 1 },
    { unit: 'locksmithd.service', comm: 'locksmithd', args: '/usr/lib/locksmith/locksmithd', user: 'locksmithd', rss: 11000, n: 1 },
    { unit: 'update-engine.service', comm: 'update_engine', args: '/usr/sbin/update_engine -foreground -logtostderr', user: 'root', rss: 14000, n: 1 },
    { unit: 'systemd-userdbd.service', comm: 'systemd-userwor', args: 'systemd-userwork: waiting...', user: 'root', rss: 5200, n: 3 },
  ];
  let containerdPid = 0;
  for (const s of services) {
    for (let i = 0; i < s.n; i++) {
      const p = add({ ppid: 1, user: s.user, rss: s.rss, stat: 'Ssl', etimes: up - 5, comm: s.comm, args: s.args, cgroup: `/system.slice/${s.unit}` });
      if (s.comm === 'containerd') containerdPid = p.pid;
    }
  }
  void containerdPid;
  const session = add({ ppid: 1, user: 'core', rss: 4800, stat: 'Ss', etimes: 3600, comm: 'bash', args: '-bash', cgroup: '/user.slice/user-500.slice/session-3.scope' });
  void session;

  const scopeOf = (c: Ctr) => `${podSliceOf(c.pod)}/docker-${c.id}.scope`;
  for (const c of running) {
    add({ ppid: 1, user: 'root', rss: 7200, stat: 'Sl', etimes: now - c.created, comm: 'containerd-shim', args: `/run/torcx/bin/containerd-shim-runc-v2 -namespace moby -id ${c.id} -address /run/docker/libcontainerd/docker-containerd.sock`, cgroup: '/system.slice/containerd.service' });
  }
  // Container init processes (ppid = its shim), then the remaining processes spread over the app containers.
  const shimPid = new Map(running.map((c, i) => [c.id, procs[procs.length - running.length + i]!.pid]));
  for (const c of running) {
    const p = c.pause
      ? add({ ppid: shimPid.get(c.id)!, user: '65535', rss: 400, stat: 'Ss', etimes: now - c.created, comm: 'pause', args: '/pause', cgroup: scopeOf(c) })
      : add({ ppid: shimPid.get(c.id)!, user: 'root', rss: int(20000, 400000), stat: 'Ssl', etimes: now - c.created, comm: c.pod.app.slice(0, 15), args: appArgs(c.pod.app), cgroup: scopeOf(c) });
    c.pid = p.pid;
    c.pids.push(p.pid);
  }
  const apps = running.filter((c) => !c.pause);
  for (let i = 0; procs.length < size.processes; i++) {
    const c = apps[i % apps.length]!;
    const p = add({ ppid: c.pid!, user: '1000', rss: int(8000, 250000), stat: pick(['S', 'Sl', 'R', 'S']), etimes: now - c.created - 2, comm: `${c.pod.app}-w${i % 9}`.slice(0, 15), args: `${appArgs(c.pod.app)} --worker ${i % 9}`, cgroup: scopeOf(c) });
    c.pids.push(p.pid);
  }

  // ---- cgroups (v2): the tree, each with cgroup.procs, memory.current, memory.events, pids.current
  const cgroupPaths = new Set<string>(['/']);
  const addPath = (p: string) => {
    const parts = p.split('/').filter(Boolean);
    for (let i = 1; i <= parts.length; i++) cgroupPaths.add('/' + parts.slice(0, i).join('/'));
  };
  for (const p of procs) if (p.cgroup !== '/') addPath(p.cgroup);
  for (const s of ['system.slice/systemd-fsck-root.service', 'system.slice/system-getty.slice', 'system.slice/system-getty.slice/getty@tty1.service', 'dev-hugepages.mount', 'sys-kernel-debug.mount'])
    addPath('/' + s);
  for (const pod of pods) addPath(podSliceOf(pod));
  const subOwners = apps.slice();
  for (let i = 0; cgroupPaths.size < size.cgroups && subOwners.length > 0; i++) {
    const c = subOwners[i % subOwners.length]!;
    addPath(`${scopeOf(c)}/${c.subCgroups === 0 ? 'init.scope' : `worker-${c.subCgroups}`}`);
    c.subCgroups++;
  }
  const pidsIn = new Map<string, number[]>();
  for (const p of procs) {
    const list = pidsIn.get(p.cgroup) ?? [];
    list.push(p.pid);
    pidsIn.set(p.cgroup, list);
  }
  const rssOf = new Map(procs.map((p) => [p.pid, p.rss]));
  const sortedPaths = [...cgroupPaths].sort();
  const memOf = new Map<string, number>();
  const tasksOf = new Map<string, number>();
  // Hierarchical memory and task counts: every cgroup adds its own to all ancestors.
  for (const path of sortedPaths) {
    const own = pidsIn.get(path) ?? [];
    let mem = own.reduce((n, pid) => n + (rssOf.get(pid) ?? 0) * 1024, 0) + (path === '/' ? 0 : int(0, 64) * 4096);
    const n = own.length;
    for (let q: string | null = path; q !== null; q = parentOf(q)) {
      memOf.set(q, (memOf.get(q) ?? 0) + mem);
      tasksOf.set(q, (tasksOf.get(q) ?? 0) + n);
    }
  }
  const cg: string[] = ['@root unified /sys/fs/cgroup'];
  for (const path of sortedPaths) {
    const dir = path === '/' ? '/sys/fs/cgroup' : `/sys/fs/cgroup${path}`;
    for (const pid of pidsIn.get(path) ?? []) cg.push(`${dir}/cgroup.procs:${pid}`);
    if (path === '/') continue;
    cg.push(`${dir}/memory.current:${memOf.get(path) ?? 0}`);
    const ooms = path.endsWith('.scope') && path.includes('kubepods') && hashOf(path) % 97 === 0 ? 1 : 0;
    for (const [k, v] of [['low', 0], ['high', 0], ['max', ooms * 3], ['oom', ooms], ['oom_kill', ooms], ['oom_group_kill', 0]] as const) cg.push(`${dir}/memory.events:${k} ${v}`);
    cg.push(`${dir}/pids.current:${tasksOf.get(path) ?? 0}`);
  }

  // ---- mounts: host mounts, per-container rootfs/shm/netns, pod volumes until the total is reached
  interface Mnt {
    id: number;
    parent: number;
    dev: string;
    root: string;
    target: string;
    opts: string;
    opt: string;
    fs: string;
    source: string;
    super: string;
    kb: [number, number] | null;
  }
  const mnts: Mnt[] = [];
  let nextId = 21;
  let minor = 40;
  const mount = (m: Omit<Mnt, 'id'>): Mnt => {
    const r = { ...m, id: nextId++ };
    mnts.push(r);
    return r;
  };
  const disk: [number, number] = [101_590_000, 61_203_400];
  const root = mount({ parent: 1, dev: '254:9', root: '/', target: '/', opts: 'rw,relatime', opt: 'shared:1', fs: 'ext4', source: '/dev/vda9', super: 'rw,seclabel', kb: disk });
  const usr = mount({ parent: root.id, dev: '254:0', root: '/', target: '/usr', opts: 'ro,relatime', opt: 'shared:2', fs: 'ext4', source: '/dev/mapper/usr', super: 'ro,seclabel', kb: [1_007_760, 950_280] });
  void usr;
  const base: [string, string, string, string, string, [number, number] | null][] = [
    ['/proc', 'proc', 'proc', 'rw,nosuid,nodev,noexec,relatime', 'rw', null],
    ['/sys', 'sysfs', 'sysfs', 'rw,nosuid,nodev,noexec,relatime', 'rw,seclabel', null],
    ['/dev', 'devtmpfs', 'devtmpfs', 'rw,nosuid', 'rw,seclabel,size=4096k,nr_inodes=8208212,mode=755', [4096, 0]],
    ['/dev/shm', 'tmpfs', 'tmpfs', 'rw,nosuid,nodev', 'rw,seclabel', [32_870_720, 0]],
    ['/dev/pts', 'devpts', 'devpts', 'rw,nosuid,noexec,relatime', 'rw,seclabel,gid=5,mode=620,ptmxmode=000', null],
    ['/run', 'tmpfs', 'tmpfs', 'rw,nosuid,nodev', 'rw,seclabel,size=13148288k,nr_inodes=819200,mode=755', [13_148_288, 18_220]],
    ['/sys/fs/cgroup', 'cgroup2', 'cgroup2', 'rw,nosuid,nodev,noexec,relatime', 'rw,seclabel,nsdelegate,memory_recursiveprot', null],
    ['/sys/fs/pstore', 'pstore', 'pstore', 'rw,nosuid,nodev,noexec,relatime', 'rw,seclabel', null],
    ['/sys/fs/bpf', 'bpf', 'bpf', 'rw,nosuid,nodev,noexec,relatime', 'rw,mode=700', null],
    ['/sys/kernel/security', 'securityfs', 'securityfs', 'rw,nosuid,nodev,noexec,relatime', 'rw', null],
    ['/sys/kernel/debug', 'debugfs', 'debugfs', 'rw,nosuid,nodev,noexec,relatime', 'rw,seclabel', null],
    ['/sys/kernel/tracing', 'tracefs', 'tracefs', 'rw,nosuid,nodev,noexec,relatime', 'rw,seclabel', null],
    ['/dev/mqueue', 'mqueue', 'mqueue', 'rw,nosuid,nodev,noexec,relatime', 'rw,seclabel', null],
    ['/dev/hugepages', 'hugetlbfs', 'hugetlbfs', 'rw,relatime', 'rw,seclabel,pagesize=2M', null],
    ['/tmp', 'tmpfs', 'tmpfs', 'rw,nosuid,nodev', 'rw,seclabel,size=32870720k,nr_inodes=1048576', [32_870_720, 1_240]],
    ['/media', 'tmpfs', 'tmpfs', 'rw,nosuid,nodev,noexec,relatime', 'rw,seclabel', [32_870_720, 0]],
  ];
  const byTarget = new Map<string, Mnt>([['/', root]]);
  for (const [target, fs, source, opts, sup, kb] of base) {
    const parentTarget = target.split('/').slice(0, -1).join('/') || '/';
    const parent = byTarget.get(parentTarget) ?? root;
    const m = mount({ parent: parent.id, dev: `0:${minor++}`, root: '/', target, opts, opt: `shared:${minor}`, fs, source, super: sup, kb });
    byTarget.set(target, m);
  }
  mount({ parent: root.id, dev: '254:6', root: '/', target: '/usr/share/oem', opts: 'rw,nodev,relatime', opt: 'shared:30', fs: 'btrfs', source: '/dev/vda6', super: 'rw,seclabel,space_cache=v2', kb: [130_048, 16_384] });
  mount({ parent: root.id, dev: '254:1', root: '/', target: '/boot', opts: 'rw,relatime', opt: 'shared:31', fs: 'vfat', source: '/dev/vda1', super: 'rw,fmask=0022,dmask=0022,codepage=437', kb: [129_039, 61_210] });
  const run = byTarget.get('/run')!;
  for (const c of running) {
    const merged = `/var/lib/docker/overlay2/${c.layer}/merged`;
    const lower = `/var/lib/docker/overlay2/l/${hex(26).toUpperCase()}:/var/lib/docker/overlay2/l/${hex(26).toUpperCase()}`;
    mount({ parent: root.id, dev: `0:${minor++}`, root: '/', target: merged, opts: 'rw,relatime', opt: '', fs: 'overlay', source: 'overlay', super: `rw,seclabel,lowerdir=${lower},upperdir=/var/lib/docker/overlay2/${c.layer}/diff,workdir=/var/lib/docker/overlay2/${c.layer}/work`, kb: disk });
    if (c.pause) {
      mount({ parent: root.id, dev: `0:${minor++}`, root: '/', target: `/var/lib/docker/containers/${c.id}/mounts/shm`, opts: 'rw,nosuid,nodev,noexec,relatime', opt: `shared:${minor}`, fs: 'tmpfs', source: 'shm', super: 'rw,seclabel,size=65536k,inode64', kb: [65_536, 0] });
      mount({ parent: run.id, dev: '0:4', root: `net:[${4026532000 + c.pid!}]`, target: `/run/docker/netns/${hex(12)}`, opts: 'rw', opt: `shared:${minor}`, fs: 'nsfs', source: 'nsfs', super: 'rw', kb: null });
    }
  }
  for (let i = 0; mnts.length < size.mounts; i++) {
    const pod = pods[i % pods.length]!;
    const round = Math.floor(i / pods.length);
    const dir = `/var/lib/kubelet/pods/${pod.uid}/volumes`;
    if (round === 0) {
      mount({ parent: root.id, dev: `0:${minor++}`, root: '/', target: `${dir}/kubernetes.io~projected/kube-api-access-${hex(5)}`, opts: 'rw,relatime', opt: `shared:${minor}`, fs: 'tmpfs', source: 'tmpfs', super: 'rw,seclabel,size=1048576k,inode64', kb: [1_048_576, 12] });
    } else if (round % 4 === 3) {
      const vol = `pvc-${uuid()}`;
      mount({ parent: root.id, dev: `259:${round}`, root: '/', target: `${dir}/kubernetes.io~csi/${vol}/mount`, opts: 'rw,relatime', opt: `shared:${minor++}`, fs: 'ext4', source: `/dev/rbd${i % 4096}`, super: 'rw,seclabel,stripe=16', kb: [10_218_772, int(100_000, 9_000_000)] });
    } else {
      const secret = pick(['tls-cert', 'db-credentials', 'api-token', 'registry-pull', 'webhook-ca', 'oauth-client']);
      mount({ parent: root.id, dev: `0:${minor++}`, root: '/', target: `${dir}/kubernetes.io~secret/${secret}-${round}`, opts: 'rw,relatime', opt: `shared:${minor}`, fs: 'tmpfs', source: 'tmpfs', super: 'rw,seclabel,size=1048576k,inode64', kb: [1_048_576, int(4, 64)] });
    }
  }
  const mountinfo = mnts.map((m) => `${m.id} ${m.parent} ${m.dev} ${m.root} ${m.target} ${m.opts}${m.opt ? ' ' + m.opt : ''} - ${m.fs} ${m.source} ${m.super}`).join('\n') + '\n';
  const dfLines = ['Filesystem     1024-blocks      Used Available Capacity Mounted on'];
  for (const m of mnts) {
    if (!m.kb) continue;
    const [total, used] = m.kb;
    const avail = Math.max(0, total - used);
    const pct = total === 0 ? 0 : Math.ceil((used * 100) / total);
    dfLines.push(`${m.source.padEnd(14)} ${String(total).padStart(11)} ${String(used).padStart(9)} ${String(avail).padStart(9)} ${`${pct}%`.padStart(8)} ${m.target}`);
  }
  // df -iP: one inode per 16 KiB of the filesystem, a quarter of them used as often as blocks are.
  const dfInodeLines = ['Filesystem       Inodes    IUsed    IFree IUse% Mounted on'];
  for (const m of mnts) {
    if (!m.kb) continue;
    const inodes = Math.floor(m.kb[0] / 16);
    const used = Math.floor(inodes / 4);
    dfInodeLines.push(`${m.source.padEnd(14)} ${String(inodes).padStart(9)} ${String(used).padStart(8)} ${String(inodes - used).padStart(8)} ${`${inodes === 0 ? 0 : Math.ceil((used * 100) / inodes)}%`.padStart(5)} ${m.target}`);
  }

  // ---- processes section (procps, the probe's exact header)
  const psLines = ['@format procps', '    PID    PPID USER                               RSS STAT ELAPSED COMMAND          COMMAND'];
  for (const p of procs) {
    psLines.push(`${String(p.pid).padStart(7)} ${String(p.ppid).padStart(7)} ${p.user.padEnd(32)} ${String(p.rss).padStart(5)} ${p.stat.padEnd(4)} ${String(p.etimes).padStart(7)} ${p.comm.padEnd(16)} ${p.args}`);
  }

  // ---- systemd units: services, slices, scopes, and the host mounts systemd tracks
  const units: { unit: string; load: string; active: string; sub: string; description: string }[] = [];
  for (const s of services) units.push({ unit: s.unit, load: 'loaded', active: 'active', sub: 'running', description: describe(s.unit) });
  units.push({ unit: 'systemd-fsck-root.service', load: 'loaded', active: 'inactive', sub: 'dead', description: 'File System Check on Root Device' });
  units.push({ unit: 'update-engine-stub.service', load: 'loaded', active: 'failed', sub: 'failed', description: 'Update Engine Stub Updater' });
  units.push({ unit: 'getty@tty1.service', load: 'loaded', active: 'active', sub: 'running', description: 'Getty on tty1' });
  for (const path of sortedPaths) {
    const leaf = path.split('/').pop()!;
    if (leaf.endsWith('.slice')) units.push({ unit: leaf, load: 'loaded', active: 'active', sub: 'active', description: leaf === 'kubepods.slice' ? 'libcontainer container kubepods.slice' : `Slice ${leaf}` });
    else if (leaf.startsWith('docker-') && leaf.endsWith('.scope')) units.push({ unit: leaf, load: 'loaded', active: 'active', sub: 'running', description: `libcontainer container ${leaf.slice(7, -6)}` });
  }
  for (const m of mnts.slice(0, 24)) {
    const name = m.target === '/' ? '-.mount' : `${m.target.slice(1).replace(/\//g, '-')}.mount`;
    units.push({ unit: name, load: 'loaded', active: 'active', sub: 'mounted', description: m.target });
  }

  // ---- docker engine answers
  const version = {
    Platform: { Name: 'Docker Engine - Community' },
    Version: '24.0.9',
    ApiVersion: '1.43',
    MinAPIVersion: '1.12',
    GitCommit: 'fca702d',
    GoVersion: 'go1.20.13',
    Os: 'linux',
    Arch: 'amd64',
    KernelVersion: '6.6.21-flatcar',
    BuildTime: '2024-03-14T00:00:00.000000000+00:00',
  };
  const info = {
    ID: uuid(),
    Containers: ctrs.length,
    ContainersRunning: running.length,
    ContainersPaused: 0,
    ContainersStopped: ctrs.length - running.length,
    Images: APPS.length + 1,
    Driver: 'overlay2',
    DriverStatus: [['Backing Filesystem', 'extfs'], ['Supports d_type', 'true'], ['Using metacopy', 'false'], ['Native Overlay Diff', 'true'], ['userxattr', 'false']],
    DockerRootDir: '/var/lib/docker',
    CgroupDriver: 'systemd',
    CgroupVersion: '2',
    Name: 'k8s-node-big',
    OperatingSystem: 'Flatcar Container Linux by Kinvolk 3815.2.1 (Oklo)',
    KernelVersion: '6.6.21-flatcar',
    NCPU: 32,
    MemTotal: 134_661_439_488,
    ServerVersion: '24.0.9',
  };
  const list = ctrs.map((c) => ({
    Id: c.id,
    Names: [`/${c.name}`],
    Image: c.pause ? PAUSE_IMAGE : IMAGES[c.pod.app]!,
    ImageID: `sha256:${hashHex(c.pause ? PAUSE_IMAGE : IMAGES[c.pod.app]!)}`,
    Command: c.pause ? '/pause' : appArgs(c.pod.app),
    Created: c.created,
    Ports: [],
    Labels: labels(c),
    State: c.running ? 'running' : 'exited',
    Status: c.running ? `Up ${Math.round((now - c.created) / 3600)} hours` : 'Exited (137) 2 minutes ago',
    HostConfig: { NetworkMode: c.pause ? 'none' : `container:${c.pod.containers[0]!.id}` },
    NetworkSettings: { Networks: c.pause ? { none: { NetworkID: hex(64), EndpointID: '', Gateway: '', IPAddress: '', IPPrefixLen: 0, MacAddress: '' } } : {} },
    Mounts: c.pause
      ? []
      : [
          { Type: 'bind', Source: `/var/lib/kubelet/pods/${c.pod.uid}/volumes/kubernetes.io~projected/kube-api-access`, Destination: '/var/run/secrets/kubernetes.io/serviceaccount', Mode: 'ro', RW: false, Propagation: 'rprivate' },
          { Type: 'bind', Source: `/var/lib/kubelet/pods/${c.pod.uid}/etc-hosts`, Destination: '/etc/hosts', Mode: '', RW: true, Propagation: 'rprivate' },
        ],
  }));
  const answers: Record<string, string> = {
    '/version': JSON.stringify(version),
    '/info': JSON.stringify(info),
    '/containers/json?all=1': JSON.stringify(list),
  };
  for (const c of ctrs) {
    answers[`/containers/${c.id}/json`] = JSON.stringify({
      Id: c.id,
      Created: new Date(c.created * 1000).toISOString(),
      Path: c.pause ? '/pause' : appArgs(c.pod.app).split(' ')[0],
      Args: c.pause ? [] : appArgs(c.pod.app).split(' ').slice(1),
      State: {
        Status: c.running ? 'running' : 'exited',
        Running: c.running,
        Paused: false,
        Restarting: false,
        OOMKilled: !c.running,
        Dead: false,
        Pid: c.running ? c.pid : 0,
        ExitCode: c.running ? 0 : 137,
        Error: '',
        StartedAt: new Date(c.created * 1000 + 800).toISOString(),
        FinishedAt: c.running ? '0001-01-01T00:00:00Z' : new Date((now - 120) * 1000).toISOString(),
      },
      Image: `sha256:${hashHex(c.pause ? PAUSE_IMAGE : IMAGES[c.pod.app]!)}`,
      Name: `/${c.name}`,
      RestartCount: c.running ? 0 : 4,
      Driver: 'overlay2',
      Platform: 'linux',
      HostConfig: {
        NetworkMode: c.pause ? 'none' : `container:${c.pod.containers[0]!.id}`,
        CgroupParent: podSliceOf(c.pod).split('/').pop(),
        IpcMode: c.pause ? 'shareable' : `container:${c.pod.containers[0]!.id}`,
        OomScoreAdj: c.pod.qos === 'guaranteed' ? -997 : c.pod.qos === 'besteffort' ? 1000 : 936,
        Memory: c.pod.qos === 'besteffort' ? 0 : 536_870_912,
        NanoCpus: 0,
        CpuShares: c.pause ? 2 : 512,
        ShmSize: 67_108_864,
        Runtime: 'runc',
      },
      GraphDriver: {
        Name: 'overlay2',
        Data: {
          LowerDir: `/var/lib/docker/overlay2/${c.layer}-init/diff`,
          MergedDir: `/var/lib/docker/overlay2/${c.layer}/merged`,
          UpperDir: `/var/lib/docker/overlay2/${c.layer}/diff`,
          WorkDir: `/var/lib/docker/overlay2/${c.layer}/work`,
        },
      },
      Mounts: list.find((l) => l.Id === c.id)!.Mounts,
      Config: {
        Hostname: c.pod.name,
        User: c.pause ? '65535:65535' : '',
        Env: c.pause ? ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'] : [`KUBERNETES_SERVICE_HOST=10.96.0.1`, 'KUBERNETES_SERVICE_PORT=443', `POD_NAME=${c.pod.name}`, `POD_NAMESPACE=${c.pod.ns}`, 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
        Cmd: c.pause ? null : appArgs(c.pod.app).split(' '),
        Image: c.pause ? PAUSE_IMAGE : IMAGES[c.pod.app],
        Labels: labels(c),
      },
      NetworkSettings: { Networks: c.pause ? { none: { NetworkID: hex(64), IPAddress: '' } } : {} },
    });
  }
  const engine: RawEngine = { socket: '/var/run/docker.sock', name: 'docker', via: 'api', answers };

  const sec = (text: string): RawSection => ({ text, rc: 0, truncated: false, bytes: Buffer.byteLength(text), ms: 10 });
  const memTotalKb = 131_505_312;
  const sections: Record<string, RawSection> = {
    identity: sec(`hostname=k8s-node-big\nuname=Linux 6.6.21-flatcar #1 SMP PREEMPT_DYNAMIC Fri Mar 15 18:25:20 -00 2024 x86_64\nuptime=${up}.42 ${up * 28}.10\nloadavg=7.41 6.98 6.52 12/${procs.length + 900} ${procs.length}\ncpus=32\ntime=${now}\ninit=systemd\n`),
    'os-release': sec('NAME="Flatcar Container Linux by Kinvolk"\nID=flatcar\nID_LIKE=coreos\nVERSION=3815.2.1\nVERSION_ID=3815.2.1\nBUILD_ID=2024-03-14-2207\nSYSEXT_LEVEL=1.0\nPRETTY_NAME="Flatcar Container Linux by Kinvolk 3815.2.1 (Oklo)"\nANSI_COLOR="38;5;75"\nHOME_URL="https://flatcar.org/"\n'),
    // /proc/stat's cpu lines (user nice system idle iowait irq softirq steal guest guest_nice), 32 cores.
    stat: sec(
      [`cpu  ${[32 * 91_234, 32 * 120, 32 * 40_112, 32 * 2_901_445, 32 * 3_021, 0, 32 * 1_877, 32 * 211, 0, 0].join(' ')}`]
        .concat(Array.from({ length: 32 }, (_, i) => `cpu${i} ${[91_234 + i, 120, 40_112, 2_901_445 - i, 3_021, 0, 1_877, 211, 0, 0].join(' ')}`))
        .join('\n') + '\n',
    ),
    meminfo: sec(meminfoText(memTotalKb, memOf.get('/') ?? 0)),
    vmstat: sec('pswpin 0\npswpout 0\npgmajfault 48211\noom_kill 5\n'),
    'psi-memory': sec('some avg10=0.12 avg60=0.30 avg300=0.21 total=88123411\nfull avg10=0.00 avg60=0.04 avg300=0.02 total=12309871\n'),
    'psi-cpu': sec('some avg10=2.31 avg60=2.02 avg300=1.87 total=912345678\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n'),
    'psi-io': sec('some avg10=0.41 avg60=0.38 avg300=0.33 total=45123456\nfull avg10=0.20 avg60=0.18 avg300=0.15 total=30123456\n'),
    mountinfo: sec(mountinfo),
    'mountinfo-host': { text: '', rc: 127, truncated: false, bytes: 0, ms: 0 },
    df: sec(dfLines.join('\n') + '\n'),
    'df-inodes': sec(dfInodeLines.join('\n') + '\n'),
    cgroups: sec(cg.join('\n') + '\n'),
    processes: sec(psLines.join('\n') + '\n'),
    // utime+stime and start time (ticks) per process, as the proc-cpu section prints them
    'proc-cpu': sec(`@uptime ${up}.42\n${procs.map((p) => `${p.pid} ${(p.pid * 37) % 90_000} ${Math.max(0, up - p.etimes) * 100}`).join('\n')}\n`),
    systemd: sec(JSON.stringify(units) + '\n'),
    engines: sec('socket /var/run/docker.sock rw\ntool docker /usr/bin/docker\ntool sudo /usr/bin/sudo\nunit docker.service active\nunit docker.socket active\nunit podman.service inactive\nunit podman.socket inactive\nunit containerd.service active\n'),
    // Its docker (torcx) keeps its tasks in its own containerd under /run/docker, not at the paths the
    // runtimes section reads: only the kubelet's /var/log/pods files are there (attempt = restarts).
    runtimes: sec(`@pods\n${ctrs.filter((c) => !c.pause).map((c) => `${c.pod.ns}_${c.pod.name}_${c.pod.uid}/${c.pod.app}/${c.running ? 0 : 4}.log\n`).join('')}`),
    'kernel-limits': sec(`fs/file-nr:48512\t0\t13148726\nfs/file-max:13148726\nkernel/pid_max:4194304\nfs/inotify/max_user_instances:8192\nfs/inotify/max_user_watches:524288\nnet/netfilter/nf_conntrack_count:18211\nnet/netfilter/nf_conntrack_max:262144\ntasks ${procs.length + 900}\n`),
    // The usual inotify holders of a node (systemd, the kubelet, containerd) as the probe prints them.
    inotify: sec('@pid 1 0 systemd\n@pid 911 0 kubelet\n@pid 640 0 containerd\n/proc/1/fdinfo/5:212\n/proc/1/fdinfo/14:4\n/proc/911/fdinfo/18:1024\n/proc/911/fdinfo/23:96\n/proc/640/fdinfo/9:12\n'),
    kube: sec('@modules\nip_vs 188416 6 ip_vs_rr,ip_vs_wrr,ip_vs_sh, Live 0x0000000000000000\nip_vs_rr 12288 1 - Live 0x0000000000000000\nip_vs_wrr 12288 0 - Live 0x0000000000000000\nip_vs_sh 12288 0 - Live 0x0000000000000000\nnf_conntrack 184320 6 ip_vs, Live 0x0000000000000000\n@builtin\n@tools\nipset yes\nsocat yes\nethtool yes\nebtables yes\nconntrack yes\ntar yes\n'),
  };
  return {
    format: 'cosi-snapshot',
    version: 1,
    target: { kind: 'synthetic', label: 'synthetic k8s-node-big (bench/synthetic.ts)' },
    takenAt: new Date(now * 1000).toISOString(),
    durationMs: 850,
    sections,
    engines: [engine],
  };

  function podSliceOf(pod: Pod): string {
    const u = pod.uid.replace(/-/g, '_');
    if (pod.qos === 'guaranteed') return `/kubepods.slice/kubepods-pod${u}.slice`;
    return `/kubepods.slice/kubepods-${pod.qos}.slice/kubepods-${pod.qos}-pod${u}.slice`;
  }
  function labels(c: Ctr): Record<string, string> {
    return {
      'io.kubernetes.container.name': c.pause ? 'POD' : c.pod.app,
      'io.kubernetes.docker.type': c.pause ? 'podsandbox' : 'container',
      'io.kubernetes.pod.name': c.pod.name,
      'io.kubernetes.pod.namespace': c.pod.ns,
      'io.kubernetes.pod.uid': c.pod.uid,
      ...(c.pause ? { app: c.pod.app, 'pod-template-hash': c.pod.name.split('-').slice(-2, -1)[0]! } : { 'io.kubernetes.container.restartCount': c.running ? '0' : '4' }),
    };
  }
}

function parentOf(path: string): string | null {
  if (path === '/') return null;
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

function hashOf(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}

function hashHex(s: string): string {
  let out = '';
  for (let i = 0; out.length < 64; i++) out += hashOf(`${i}:${s}`).toString(16).padStart(8, '0');
  return out.slice(0, 64);
}

function appArgs(app: string): string {
  switch (app) {
    case 'redis':
      return 'redis-server *:6379 --maxmemory 512mb';
    case 'nginx':
      return 'nginx -g daemon off;';
    case 'postgres':
      return 'postgres -c shared_buffers=256MB -c max_connections=200';
    case 'coredns':
      return '/coredns -conf /etc/coredns/Corefile';
    case 'envoy':
      return 'envoy -c /etc/envoy/envoy.yaml --service-cluster mesh';
    default:
      return `/app/${app} --config /etc/${app}/config.yaml --log-level info`;
  }
}

function describe(unit: string): string {
  const base = unit.replace(/\.service$/, '');
  const known: Record<string, string> = {
    kubelet: 'kubelet: The Kubernetes Node Agent',
    docker: 'Docker Application Container Engine',
    containerd: 'containerd container runtime',
    'cri-docker': 'CRI Interface for Docker Application Container Engine',
    sshd: 'OpenSSH server daemon',
    dbus: 'D-Bus System Message Bus',
  };
  return known[base] ?? `${base} daemon`;
}

function meminfoText(totalKb: number, usedBytes: number): string {
  const used = Math.round(usedBytes / 1024);
  const shmem = 3_412_880;
  const cached = 28_114_236;
  const free = Math.max(1_000_000, totalKb - used - cached - 2_100_000);
  const rows: [string, number][] = [
    ['MemTotal', totalKb],
    ['MemFree', free],
    ['MemAvailable', free + cached - shmem],
    ['Buffers', 2_100_000],
    ['Cached', cached],
    ['SwapCached', 0],
    ['Active', used],
    ['Inactive', cached],
    ['Active(anon)', used - 1_000_000],
    ['Inactive(anon)', shmem],
    ['Active(file)', 1_000_000],
    ['Inactive(file)', cached - shmem],
    ['Unevictable', 0],
    ['Mlocked', 0],
    ['SwapTotal', 0],
    ['SwapFree', 0],
    ['Dirty', 2_204],
    ['Writeback', 0],
    ['AnonPages', used],
    ['Mapped', 2_880_112],
    ['Shmem', shmem],
    ['KReclaimable', 1_880_020],
    ['Slab', 3_120_440],
    ['SReclaimable', 1_880_020],
    ['SUnreclaim', 1_240_420],
    ['KernelStack', 61_920],
    ['PageTables', 180_224],
    ['CommitLimit', Math.round(totalKb / 2)],
    ['Committed_AS', used * 2],
    ['VmallocTotal', 34_359_738_367],
    ['VmallocUsed', 142_336],
    ['HugePages_Total', 0],
    ['Hugepagesize', 2048],
  ];
  return rows.map(([k, v]) => (k.startsWith('HugePages_') ? `${(k + ':').padEnd(16)}${String(v).padStart(8)}` : `${(k + ':').padEnd(16)}${String(v).padStart(8)} kB`)).join('\n') + '\n';
}
