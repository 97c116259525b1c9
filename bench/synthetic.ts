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
import type { RawSection, RawSnapshot } from '../src/snapshot/types.js';
import { makeCgroups } from './synthetic/cgroups.js';
import { dockerEngine } from './synthetic/docker.js';
import { makeMounts } from './synthetic/mounts.js';
import { K8S_NODE_BIG, makePods, NOW, UPTIME, type SyntheticSize } from './synthetic/node.js';
import { makeProcesses, psText, SERVICES } from './synthetic/processes.js';
import { seededRng } from './synthetic/rng.js';
import { makeUnits } from './synthetic/units.js';

export { K8S_NODE_BIG, type SyntheticSize } from './synthetic/node.js';

export function syntheticK8sNode(size: SyntheticSize = K8S_NODE_BIG, seed = 7): RawSnapshot {
  // One draw sequence in a fixed order (pods, processes, cgroups, mounts, docker), so every run is the same host.
  const rng = seededRng(seed);
  const { pods, ctrs } = makePods(rng, size);
  const running = ctrs.filter((c) => c.running);
  const procs = makeProcesses(rng, size, running);
  const tree = makeCgroups(rng, size, procs, pods, running.filter((c) => !c.pause));
  const table = makeMounts(rng, size, running, pods);
  const units = makeUnits(SERVICES, tree.paths, table.mounts);
  const engine = dockerEngine(rng, ctrs);

  const sec = (text: string): RawSection => ({ text, rc: 0, truncated: false, bytes: Buffer.byteLength(text), ms: 10 });
  const memTotalKb = 131_505_312;
  const sections: Record<string, RawSection> = {
    identity: sec(`hostname=k8s-node-big\nuname=Linux 6.6.21-flatcar #1 SMP PREEMPT_DYNAMIC Fri Mar 15 18:25:20 -00 2024 x86_64\nuptime=${UPTIME}.42 ${UPTIME * 28}.10\nloadavg=7.41 6.98 6.52 12/${procs.length + 900} ${procs.length}\ncpus=32\ntime=${NOW}\ninit=systemd\n`),
    'os-release': sec('NAME="Flatcar Container Linux by Kinvolk"\nID=flatcar\nID_LIKE=coreos\nVERSION=3815.2.1\nVERSION_ID=3815.2.1\nBUILD_ID=2024-03-14-2207\nSYSEXT_LEVEL=1.0\nPRETTY_NAME="Flatcar Container Linux by Kinvolk 3815.2.1 (Oklo)"\nANSI_COLOR="38;5;75"\nHOME_URL="https://flatcar.org/"\n'),
    // /proc/stat's cpu lines (user nice system idle iowait irq softirq steal guest guest_nice), 32 cores.
    stat: sec(
      [`cpu  ${[32 * 91_234, 32 * 120, 32 * 40_112, 32 * 2_901_445, 32 * 3_021, 0, 32 * 1_877, 32 * 211, 0, 0].join(' ')}`]
        .concat(Array.from({ length: 32 }, (_, i) => `cpu${i} ${[91_234 + i, 120, 40_112, 2_901_445 - i, 3_021, 0, 1_877, 211, 0, 0].join(' ')}`))
        .join('\n') + '\n',
    ),
    meminfo: sec(meminfoText(memTotalKb, tree.memOf.get('/') ?? 0)),
    vmstat: sec('pswpin 0\npswpout 0\npgmajfault 48211\noom_kill 5\n'),
    'psi-memory': sec('some avg10=0.12 avg60=0.30 avg300=0.21 total=88123411\nfull avg10=0.00 avg60=0.04 avg300=0.02 total=12309871\n'),
    'psi-cpu': sec('some avg10=2.31 avg60=2.02 avg300=1.87 total=912345678\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n'),
    'psi-io': sec('some avg10=0.41 avg60=0.38 avg300=0.33 total=45123456\nfull avg10=0.20 avg60=0.18 avg300=0.15 total=30123456\n'),
    mountinfo: sec(table.mountinfo),
    'mountinfo-host': { text: '', rc: 127, truncated: false, bytes: 0, ms: 0 },
    df: sec(table.df),
    'df-inodes': sec(table.dfInodes),
    cgroups: sec(tree.text),
    processes: sec(psText(procs)),
    // utime+stime and start time (ticks) per process, as the proc-cpu section prints them
    'proc-cpu': sec(`@uptime ${UPTIME}.42\n${procs.map((p) => `${p.pid} ${(p.pid * 37) % 90_000} ${Math.max(0, UPTIME - p.etimes) * 100}`).join('\n')}\n`),
    systemd: sec(JSON.stringify(units) + '\n'),
    engines: sec('socket /var/run/docker.sock rw\ntool docker /usr/bin/docker\ntool sudo /usr/bin/sudo\nunit docker.service active\nunit docker.socket active\nunit podman.service inactive\nunit podman.socket inactive\nunit containerd.service active\n'),
    // Its docker (torcx) keeps its tasks in its own containerd under /run/docker, not at the paths the
    // runtimes section reads: only the kubelet's /var/log/pods files are there (attempt = restarts).
    // No containerd of its own under /var/lib/containerd (torcx's docker keeps its store under /var/lib/docker): the probe's rc 127.
    'containerd-meta': { text: '', rc: 127, truncated: false, bytes: 0, ms: 0 },
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
    takenAt: new Date(NOW * 1000).toISOString(),
    durationMs: 850,
    sections,
    engines: [engine],
  };
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
