import { describe, expect, it } from 'vitest';
import { causeWarnings, inotifyUsers } from '../../../src/model/cause-warnings.js';
import { warningId } from '../../../src/model/warnings.js';
import type { CgroupNode, HostModel, KernelState, MountGroup, Warning } from '../../../src/model/types.js';
import type { KernelLimits } from '../../../parsers/kernel-limits.js';
import { warningSymptom, warningText } from '../../../views/present/warnings.js';
import { cg, Gi, Mi, noKernel } from '../../fixtures/models/helpers.js';

// Each threshold below / at / above: "near" is 90% of a limit (warn), the limit itself an error.
type Input = Pick<HostModel, 'kernel' | 'cgroups' | 'mountGroups' | 'memory'>;
const base = (x: Partial<Input> = {}): Input => ({ kernel: noKernel(), cgroups: null, mountGroups: [], memory: null, ...x });
const limits = (x: Partial<KernelLimits>): KernelLimits => ({ openFiles: 1000, fileMax: 100000, tasks: 300, pidMax: 32768, inotifyMaxInstances: 128, inotifyMaxWatches: 8192, conntrackCount: 0, conntrackMax: 262144, ...x });
const kernel = (x: Partial<KernelState>): KernelState => ({ ...noKernel(), ...x });
const codes = (ws: Warning[]) => ws.map((w) => `${w.code}:${w.severity}`);
const text = (w: Warning) => warningText(w, { sections: {} });

describe('kernel-wide limits', () => {
  const cases: [string, Partial<KernelLimits>, Partial<KernelLimits>, Partial<KernelLimits>, Partial<KernelLimits>][] = [
    ['conntrack', { conntrackCount: 235928, conntrackMax: 262144 }, { conntrackCount: 235930 }, { conntrackCount: 262144 }, { conntrackCount: 262145 }],
    ['pid-max', { tasks: 29490, pidMax: 32768 }, { tasks: 29492 }, { tasks: 32768 }, { tasks: 40000 }],
    ['file-max', { openFiles: 89999, fileMax: 100000 }, { openFiles: 90000 }, { openFiles: 100000 }, { openFiles: 100001 }],
  ];
  it.each(cases)('%s: below 90% nothing, at 90% a warning, at and above the limit an error', (code, below, near, at, above) => {
    expect(causeWarnings(base({ kernel: kernel({ limits: limits(below) }) }))).toEqual([]);
    expect(codes(causeWarnings(base({ kernel: kernel({ limits: limits({ ...below, ...near }) }) })))).toEqual([`${code}:warn`]);
    expect(codes(causeWarnings(base({ kernel: kernel({ limits: limits({ ...below, ...at }) }) })))).toEqual([`${code}:error`]);
    expect(codes(causeWarnings(base({ kernel: kernel({ limits: limits({ ...below, ...above }) }) })))).toEqual([`${code}:error`]);
  });

  it('the sentences give the figures against the limit, and the symptom each explains', () => {
    const [w] = causeWarnings(base({ kernel: kernel({ limits: limits({ conntrackCount: 250000 }) }) }));
    expect(text(w)).toBe('conntrack table: 250,000 of 262,144 entries (95%)');
    expect(warningSymptom(w)).toMatch(/seen only as "nf_conntrack: table full" in dmesg/);
    expect(warningId(w)).toBe('conntrack');
    const [p] = causeWarnings(base({ kernel: kernel({ limits: limits({ tasks: 32768 }) }) }));
    expect(text(p)).toBe('pids in use: 32,768 of kernel.pid_max 32,768 (100%)');
  });

  it('a kernel without conntrack (figures null) and a snapshot without the section say nothing', () => {
    expect(causeWarnings(base({ kernel: kernel({ limits: limits({ conntrackCount: null, conntrackMax: null }) }) }))).toEqual([]);
    expect(causeWarnings(base())).toEqual([]);
  });
});

describe('inotify per user', () => {
  const holders = (watches: number[], uid = 1000) => watches.map((w, i) => ({ pid: 100 + i, uid, comm: `w${i}`, instances: 1, watches: w }));
  const run = (h: ReturnType<typeof holders>, l: Partial<KernelLimits> = {}) => causeWarnings(base({ kernel: kernel({ limits: limits(l), inotify: inotifyUsers(h) }) }));

  it('watches of one user summed over its processes: below, at 90%, at the limit', () => {
    expect(run(holders([4000, 3372]))).toEqual([]); // 7372 < 7372.8
    expect(codes(run(holders([4000, 3373])))).toEqual(['inotify-watches:warn']);
    expect(codes(run(holders([4000, 4192])))).toEqual(['inotify-watches:error']);
  });

  it('names the user and the processes holding the most, and Enter goes to the biggest holder', () => {
    const ws = run([...holders([100, 7000, 1000]), ...holders([8000], 0)]);
    expect(ws.map(text)).toEqual([
      'inotify watches of uid 1000: 8,100 of 8,192 (98%) (w1[101] 7,000, w2[102] 1,000, w0[100] 100)',
      'inotify watches of uid 0: 8,000 of 8,192 (97%) (w0[100] 8,000)',
    ]);
    const [u] = run(holders([100, 7000, 1000]));
    expect(text(u)).toBe('inotify watches of uid 1000: 8,100 of 8,192 (98%) (w1[101] 7,000, w2[102] 1,000, w0[100] 100)');
    expect(u.about).toEqual({ kind: 'process', name: '101' });
    expect(warningId(u)).toBe('inotify-watches:uid=1000');
    expect(warningSymptom(u)).toMatch(/"No space left on device" .* while df shows free space/);
  });

  it('instances: two users apart, each against max_user_instances', () => {
    const many = (n: number, uid: number) => Array.from({ length: n }, (_, i) => ({ pid: uid * 1000 + i, uid, comm: 'x', instances: 1, watches: 1 }));
    expect(run([...many(115, 1), ...many(115, 2)])).toEqual([]);
    expect(codes(run([...many(116, 1), ...many(10, 2)]))).toEqual(['inotify-instances:warn']);
    expect(codes(run(many(128, 1)))).toEqual(['inotify-instances:error']);
  });
});

describe('filesystems', () => {
  const group = (target: string, fstype: string, usedGi: number, availGi: number, extra: Partial<MountGroup> = {}): MountGroup => ({
    key: target, source: `/dev/${target.replace(/\W/g, '') || 'root'}`, fstype, majorMinor: '8:1', pseudo: false, targets: [target],
    members: [{ id: 1, target, root: '/', readOnly: false }], sizeBytes: (usedGi + availGi) * Gi, usedBytes: usedGi * Gi, availBytes: availGi * Gi, ...extra,
  });
  it('space: 89% nothing, 90% warn, 100% error (df: used of used + available)', () => {
    expect(causeWarnings(base({ mountGroups: [group('/', 'ext4', 89, 11)] }))).toEqual([]);
    expect(codes(causeWarnings(base({ mountGroups: [group('/', 'ext4', 90, 10)] })))).toEqual(['disk-space:warn']);
    expect(codes(causeWarnings(base({ mountGroups: [group('/', 'ext4', 100, 0)] })))).toEqual(['disk-space:error']);
    const [w] = causeWarnings(base({ mountGroups: [group('/var', 'ext4', 95, 5)] }));
    expect(text(w)).toBe('disk /var: 95% full (95Gi of 100Gi, /dev/var)');
    expect(w.about).toEqual({ kind: 'mount', name: '/var' });
  });

  it('read-only images and read-only mounts are full by design; an overlay with its backing fs figures is not named twice', () => {
    const ro = group('/usr', 'ext4', 100, 0, { members: [{ id: 2, target: '/usr', root: '/', readOnly: true }] });
    expect(causeWarnings(base({ mountGroups: [group('/snap/x', 'squashfs', 1, 0), ro] }))).toEqual([]);
    const overlay = group('/var/lib/docker/overlay2/abc/merged', 'overlay', 95, 5);
    const ws = causeWarnings(base({ mountGroups: [overlay, group('/', 'ext4', 95, 5)] }));
    expect(ws.map((w) => w.code === 'disk-space' && w.target)).toEqual(['/']);
  });

  it('inodes from df -i: 89% nothing, 90% warn, all used error', () => {
    const g = group('/srv', 'ext4', 1, 99);
    const run = (used: number) => causeWarnings(base({ mountGroups: [g], kernel: kernel({ inodes: [{ source: '/dev/srv', target: '/srv', inodes: 1000, used, free: 1000 - used }] }) }));
    expect(run(899)).toEqual([]);
    expect(codes(run(900))).toEqual(['disk-inodes:warn']);
    expect(codes(run(1000))).toEqual(['disk-inodes:error']);
    expect(text(run(950)[0])).toBe('inodes /srv: 95% used (950 of 1,000, /dev/srv)');
    expect(warningSymptom(run(950)[0])).toMatch(/while df shows free space: inodes ran out, not blocks/);
  });
});

describe('cgroups', () => {
  const tree = (child: CgroupNode) => cg('/', [], null, [cg('/system.slice', [], null, [child])]);
  const limited = (x: Partial<CgroupNode>) => tree(cg('/system.slice/app.service', [1], null, [], { unit: 'app.service', ...x }));
  const lim = (memoryBytes: number | null, pids: number | null = null) => ({ memoryBytes, cpuCores: null, pids });

  it('memory: its usage less the inactive file cache against memory.max, below / at 90% / at the limit', () => {
    expect(causeWarnings(base({ cgroups: limited({ memoryBytes: 95 * Mi, memoryCacheBytes: 10 * Mi, limits: lim(100 * Mi) }) }))).toEqual([]);
    expect(codes(causeWarnings(base({ cgroups: limited({ memoryBytes: 90 * Mi, limits: lim(100 * Mi) }) })))).toEqual(['cgroup-memory:warn']);
    expect(codes(causeWarnings(base({ cgroups: limited({ memoryBytes: 100 * Mi, limits: lim(100 * Mi) }) })))).toEqual(['cgroup-memory:error']);
    expect(causeWarnings(base({ cgroups: limited({ memoryBytes: 100 * Mi, limits: lim(null) }) }))).toEqual([]);
    const [w] = causeWarnings(base({ cgroups: limited({ memoryBytes: 95 * Mi, limits: lim(100 * Mi) }) }));
    expect(text(w)).toBe('memory /system.slice/app.service: 95Mi of its 100Mi limit (95%)');
    expect(w.about).toEqual({ kind: 'cgroup', name: '/system.slice/app.service' });
  });

  it('tasks against pids.max: 8 of 10 nothing, 9 warn, 10 error; a container is named by its name', () => {
    const c = (tasks: number) => limited({ tasks, limits: lim(null, 10), container: { engine: 'docker', id: 'abc', name: 'web' } });
    expect(causeWarnings(base({ cgroups: c(8) }))).toEqual([]);
    expect(codes(causeWarnings(base({ cgroups: c(9) })))).toEqual(['cgroup-pids:warn']);
    expect(codes(causeWarnings(base({ cgroups: c(10) })))).toEqual(['cgroup-pids:error']);
    expect(text(causeWarnings(base({ cgroups: c(10) }))[0])).toBe('tasks in container web: 10 of its pids.max 10 (100%)');
  });

  it('OOM kills only on the deepest cgroup that counts them (v2 counts them in the parents too)', () => {
    const root = cg('/', [], null, [cg('/system.slice', [], null, [cg('/system.slice/a.service', [], null, [], { oomKills: 2 }), cg('/system.slice/b.service', [], null, [], { oomKills: 0 })], { oomKills: 2 })]);
    const ws = causeWarnings(base({ cgroups: root }));
    expect(ws.map((w) => [w.code, w.code === 'cgroup-oom' && w.cgroup, w.severity])).toEqual([['cgroup-oom', '/system.slice/a.service', 'error']]);
    expect(text(ws[0])).toBe('2 OOM kills in /system.slice/a.service');
  });

  it('throttled: 24.9% nothing, 25% and above a warning', () => {
    const t = (throttledPercent: number) => limited({ cpu: { cores: 0.5, percentOfLimit: 100, throttledPercent } });
    expect(causeWarnings(base({ cgroups: t(24.9) }))).toEqual([]);
    expect(codes(causeWarnings(base({ cgroups: t(25) })))).toEqual(['cgroup-throttled:warn']);
    expect(text(causeWarnings(base({ cgroups: t(80) }))[0])).toBe('CPU throttled /system.slice/app.service: 80% of periods hit its quota');
  });
});

describe('pressure (PSI some avg10)', () => {
  const psi = (avg10: number) => ({ some: { avg10, avg60: 0, avg300: 0, totalUs: 1 }, full: null });
  it('host CPU and I/O: 9.99 nothing, 10 and above a warning', () => {
    expect(causeWarnings(base({ kernel: kernel({ pressure: { cpu: psi(9.99), io: psi(0) } }) }))).toEqual([]);
    const ws = causeWarnings(base({ kernel: kernel({ pressure: { cpu: psi(10), io: psi(46.3) } }) }));
    expect(ws.map(text)).toEqual(['CPU pressure: tasks stalled 10.0% of the last 10 s', 'I/O pressure: tasks stalled 46.3% of the last 10 s']);
    expect(ws.map(warningId)).toEqual(['pressure:cpu', 'pressure:io']);
  });

  it("per cgroup only the deepest at the threshold: a parent's pressure includes its children's", () => {
    const p = (cpu: number, io = 0) => ({ pressure: { cpu, memory: 0, io } });
    const root = cg('/', [], null, [
      cg('/system.slice', [], null, [cg('/system.slice/a.service', [], null, [], p(30)), cg('/system.slice/b.service', [], null, [], p(9.9, 12))], p(35, 12)),
      cg('/user.slice', [], null, [cg('/user.slice/u.slice', [], null, [], p(5))], p(11)),
    ]);
    const ws = causeWarnings(base({ cgroups: root }));
    expect(ws.map((w) => w.code === 'pressure' && `${w.resource} ${w.cgroup} ${w.avg10}`)).toEqual(['cpu /system.slice/a.service 30', 'cpu /user.slice 11', 'io /system.slice/b.service 12']);
    expect(ws[0].about).toEqual({ kind: 'cgroup', name: '/system.slice/a.service' });
  });
});
