/** The synthetic node's mounts: host mounts, each container's rootfs, shm and netns, then pod volumes; with `df -kP` and `df -iP`. */
import type { Ctr, Pod, SyntheticSize } from './node.js';
import type { Rng } from './rng.js';

export interface Mnt {
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

export interface MountTable {
  mounts: Mnt[];
  mountinfo: string;
  df: string;
  dfInodes: string;
}

/** Exactly size.mounts mounts (the per-container ones need pause containers' pids set). */
export function makeMounts(rng: Rng, size: SyntheticSize, running: readonly Ctr[], pods: readonly Pod[]): MountTable {
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
  mount({ parent: root.id, dev: '254:0', root: '/', target: '/usr', opts: 'ro,relatime', opt: 'shared:2', fs: 'ext4', source: '/dev/mapper/usr', super: 'ro,seclabel', kb: [1_007_760, 950_280] });
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
    const lower = `/var/lib/docker/overlay2/l/${rng.hex(26).toUpperCase()}:/var/lib/docker/overlay2/l/${rng.hex(26).toUpperCase()}`;
    mount({ parent: root.id, dev: `0:${minor++}`, root: '/', target: merged, opts: 'rw,relatime', opt: '', fs: 'overlay', source: 'overlay', super: `rw,seclabel,lowerdir=${lower},upperdir=/var/lib/docker/overlay2/${c.layer}/diff,workdir=/var/lib/docker/overlay2/${c.layer}/work`, kb: disk });
    if (c.pause) {
      mount({ parent: root.id, dev: `0:${minor++}`, root: '/', target: `/var/lib/docker/containers/${c.id}/mounts/shm`, opts: 'rw,nosuid,nodev,noexec,relatime', opt: `shared:${minor}`, fs: 'tmpfs', source: 'shm', super: 'rw,seclabel,size=65536k,inode64', kb: [65_536, 0] });
      mount({ parent: run.id, dev: '0:4', root: `net:[${4026532000 + c.pid!}]`, target: `/run/docker/netns/${rng.hex(12)}`, opts: 'rw', opt: `shared:${minor}`, fs: 'nsfs', source: 'nsfs', super: 'rw', kb: null });
    }
  }
  for (let i = 0; mnts.length < size.mounts; i++) {
    const pod = pods[i % pods.length]!;
    const round = Math.floor(i / pods.length);
    const dir = `/var/lib/kubelet/pods/${pod.uid}/volumes`;
    if (round === 0) {
      mount({ parent: root.id, dev: `0:${minor++}`, root: '/', target: `${dir}/kubernetes.io~projected/kube-api-access-${rng.hex(5)}`, opts: 'rw,relatime', opt: `shared:${minor}`, fs: 'tmpfs', source: 'tmpfs', super: 'rw,seclabel,size=1048576k,inode64', kb: [1_048_576, 12] });
    } else if (round % 4 === 3) {
      const vol = `pvc-${rng.uuid()}`;
      mount({ parent: root.id, dev: `259:${round}`, root: '/', target: `${dir}/kubernetes.io~csi/${vol}/mount`, opts: 'rw,relatime', opt: `shared:${minor++}`, fs: 'ext4', source: `/dev/rbd${i % 4096}`, super: 'rw,seclabel,stripe=16', kb: [10_218_772, rng.int(100_000, 9_000_000)] });
    } else {
      const secret = rng.pick(['tls-cert', 'db-credentials', 'api-token', 'registry-pull', 'webhook-ca', 'oauth-client']);
      mount({ parent: root.id, dev: `0:${minor++}`, root: '/', target: `${dir}/kubernetes.io~secret/${secret}-${round}`, opts: 'rw,relatime', opt: `shared:${minor}`, fs: 'tmpfs', source: 'tmpfs', super: 'rw,seclabel,size=1048576k,inode64', kb: [1_048_576, rng.int(4, 64)] });
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
  return { mounts: mnts, mountinfo, df: dfLines.join('\n') + '\n', dfInodes: dfInodeLines.join('\n') + '\n' };
}
