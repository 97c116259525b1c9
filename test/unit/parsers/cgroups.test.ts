import { describe, expect, it } from 'vitest';
import { parseCgroups, type CgroupEntry } from '../../../parsers/cgroups.js';
import { checkNeverThrows, fixture, probeSection, said } from './_support.js';

/** Fixtures without the CPU, limit, I/O and pressure files and memory.stat (recorded before cosi read them). */
const NO_LIMITS = { cpu: null, memoryLimitBytes: null, pidsLimit: null, memoryInactiveFileBytes: null, io: null, pressure: null };

// Fixture origins: test/fixtures/cgroups/README.md (three real captures, one constructed v2).
const v1 = fixture('cgroups/v1-host-dash.txt');
const hybrid = fixture('cgroups/hybrid-host-dash.txt');
const container = fixture('cgroups/hybrid-systemd-container.txt');
const v2 = fixture('cgroups/v2-constructed.txt');
const labDocker = fixture('cgroups/v1-lab-docker-memory.txt');

const at = (groups: CgroupEntry[], path: string): CgroupEntry => {
  const g = groups.find((e) => e.path === path);
  if (!g) throw new Error(`no cgroup ${path}`);
  return g;
};

/** Every entry sorted by path, unique, and with its parent present. */
function expectWellFormedTree(groups: CgroupEntry[]): void {
  const paths = groups.map((g) => g.path);
  expect(paths).toEqual([...new Set(paths)].sort());
  expect(paths[0]).toBe('/');
  for (const p of paths.slice(1)) {
    const parent = p.slice(0, p.lastIndexOf('/')) || '/';
    expect(paths).toContain(parent);
  }
}

describe('parseCgroups: the inactive file cache docker stats leaves out (memory.stat)', () => {
  const WEB = '/docker/7c4ad8cd967f125672de28f5f9d242281210d3d2fc32d0f5a0cd7435978c3356';
  const COREOS = '/docker/a102869b96962d2ff9a148644965a718dcb4b1256b90b6009bc1c9ca73176bbf';

  it('v1: total_inactive_file beside usage_in_bytes and the limit (real, the lab with 16 MiB written into web)', () => {
    const r = parseCgroups(labDocker);
    expect(r.issues).toEqual([]);
    expect(at(r.value.groups, WEB)).toMatchObject({ memoryBytes: 17604608, memoryInactiveFileBytes: 16777216, memoryLimitBytes: 64 * 1024 * 1024 });
    expect(at(r.value.groups, COREOS)).toMatchObject({ memoryBytes: 18882560, memoryInactiveFileBytes: 8388608, memoryLimitBytes: null });
  });

  it("v2's inactive_file; v1's hierarchical total wins over the cgroup's own line whichever comes first; other keys are ignored", () => {
    const v2stat = '@root unified /sys/fs/cgroup\n/sys/fs/cgroup/a/memory.current:4096\n/sys/fs/cgroup/a/memory.stat:inactive_file 1024\n/sys/fs/cgroup/a/memory.stat:anon 2048\n';
    expect(at(parseCgroups(v2stat).value.groups, '/a')).toMatchObject({ memoryBytes: 4096, memoryInactiveFileBytes: 1024 });
    for (const order of [['inactive_file 5', 'total_inactive_file 7'], ['total_inactive_file 7', 'inactive_file 5']]) {
      const v1stat = `@root memory /sys/fs/cgroup/memory\n${order.map((l) => `/sys/fs/cgroup/memory/b/memory.stat:${l}\n`).join('')}`;
      expect(at(parseCgroups(v1stat).value.groups, '/b').memoryInactiveFileBytes).toBe(7);
    }
    expect(parseCgroups('@root memory /m\n/m/memory.stat:total_inactive_file x\n').issues).toHaveLength(1);
  });
});

describe('parseCgroups, cgroup v2 (constructed from cgroup2 file formats)', () => {
  const r = parseCgroups(v2);

  it('is v2 with one root and no issues', () => {
    expect(r.issues).toEqual([]);
    expect(r.value.version).toBe('v2');
    expect(r.value.roots).toEqual([{ kind: 'unified', mountpoint: '/sys/fs/cgroup' }]);
  });

  it('reads pids, memory.current, pids.current and oom_kill of memory.events', () => {
    const docker = at(r.value.groups, '/system.slice/docker-3f1e2d4c5b6a79880123456789abcdef0123456789abcdef0123456789abcdef.scope');
    expect(docker).toEqual({ ...NO_LIMITS,
      path: '/system.slice/docker-3f1e2d4c5b6a79880123456789abcdef0123456789abcdef0123456789abcdef.scope',
      pids: [2210, 2254],
      memoryBytes: 268435456,
      tasks: 2,
      oomKills: 2,
      order: 5,
    });
    expect(at(r.value.groups, '/')).toEqual({ path: '/', pids: [2, 3, 4, 5, 6, 7, 8, 9, 10], memoryBytes: null, tasks: null, oomKills: null, order: 0, ...NO_LIMITS });
    expect(at(r.value.groups, '/system.slice')).toMatchObject({ pids: [], memoryBytes: 771928064, tasks: 84, oomKills: 0 });
  });

  it('keeps colons that belong to the path', () => {
    const pod = r.value.groups.find((g) => g.path.includes('cri-containerd'));
    expect(pod?.path).toBe(
      '/system.slice/containerd.service/kubepods-besteffort-pod8a1c2d3e_4f50_4a6b_9c7d_0e1f2a3b4c5d.slice:cri-containerd:9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0',
    );
    expect(pod).toMatchObject({ pids: [3301], memoryBytes: 2191360, tasks: 1 });
  });

  it('creates the intermediate cgroups that have no files of their own', () => {
    expect(at(r.value.groups, '/user.slice/user-1000.slice')).toEqual({ ...NO_LIMITS,
      path: '/user.slice/user-1000.slice',
      pids: [],
      memoryBytes: null,
      tasks: null,
      oomKills: null,
      order: 9,
    });
    expectWellFormedTree(r.value.groups);
    expect(r.value.groups).toHaveLength(11);
  });
});

describe('parseCgroups, cgroup v1 (real, memory + pids hierarchies)', () => {
  const r = parseCgroups(v1);

  it('is v1 and merges the memory and pids hierarchies by path', () => {
    expect(r.issues).toEqual([]);
    expect(r.value.version).toBe('v1');
    expect(r.value.roots.map((x) => x.kind)).toEqual(['memory', 'pids']);
    expect(at(r.value.groups, '/docker/a0d5ddeb4ecf0ab50e68f6324543a4af9437184a4e941e41bbb8dc711a2ecddf')).toEqual({ ...NO_LIMITS,
      path: '/docker/a0d5ddeb4ecf0ab50e68f6324543a4af9437184a4e941e41bbb8dc711a2ecddf',
      pids: [9065],
      memoryBytes: 311296,
      tasks: 1,
      oomKills: 0,
      order: expect.any(Number),
    });
    expectWellFormedTree(r.value.groups);
  });

  it('takes pids from the memory hierarchy when there is no systemd one', () => {
    const root = at(r.value.groups, '/');
    expect(root.pids).toHaveLength(68);
    expect(root).toMatchObject({ memoryBytes: 2376982528, tasks: null, oomKills: 0 });
  });

  it('reads oom_kill from memory.oom_control, and paths with colons and spaces', () => {
    expect(at(r.value.groups, '/pb-cosi/oom')).toMatchObject({ oomKills: 1, memoryBytes: 8192, pids: [] });
    expect(at(r.value.groups, '/pb-cosi/k.slice:cri-containerd:abc1')).toEqual({ ...NO_LIMITS,
      path: '/pb-cosi/k.slice:cri-containerd:abc1',
      pids: [3622],
      memoryBytes: 176128,
      tasks: 1,
      oomKills: 0,
      order: expect.any(Number),
    });
    expect(at(r.value.groups, '/pb-cosi/with space').pids).toEqual([3623]);
  });
});

describe("parseCgroups: the host's order (the kernel's directory order, as systemd-cgls lists cgroups)", () => {
  const rank = (text: string) => {
    const groups = parseCgroups(text).value.groups;
    return (path: string) => at(groups, path).order;
  };

  it('hybrid, systemd in a container (real): the systemd hierarchy listed journald before pb-sleep, init.scope before system.slice', () => {
    const order = rank(container);
    const base = '/docker/fa71f3b943fe516b7ad54121efe902a172f46303bdc9eb8a22ed5e9e668c2eaf';
    expect(order(`${base}/system.slice/systemd-journald.service`)).toBeLessThan(order(`${base}/system.slice/pb-sleep.service`)!);
    expect(order(`${base}/init.scope`)).toBeLessThan(order(`${base}/system.slice`)!);
    // a cgroup without processes of its own takes its first listed descendant's place
    expect(order(`${base}/system.slice`)).toBe(order(`${base}/system.slice/systemd-journald.service`));
    // the hierarchy that gives no structure (memory) lists more cgroups: those have no place
    const groups = parseCgroups(container).value.groups;
    expect(groups.filter((g) => g.order === undefined).length).toBeGreaterThan(0);
    expect(groups.filter((g) => g.order === undefined).every((g) => g.pids.length === 0)).toBe(true);
  });

  it('a parent listed after its first sub-cgroup keeps the place of that sub-cgroup', () => {
    const order = rank('@root unified /c\n/c/b/x/cgroup.procs:5\n/c/b/cgroup.procs:4\n/c/a/cgroup.procs:3\n');
    expect([order('/'), order('/b/x'), order('/b'), order('/a')]).toEqual([0, 0, 0, 2]);
  });
});

describe('parseCgroups, hybrid (real)', () => {
  it('takes structure and pids from the systemd hierarchy, memory from v1 memory', () => {
    const r = parseCgroups(container);
    expect(r.issues).toEqual([]);
    expect(r.value.version).toBe('hybrid');
    expect(r.value.roots.map((x) => x.kind)).toEqual(['memory', 'pids', 'systemd', 'unified']);
    const base = '/docker/fa71f3b943fe516b7ad54121efe902a172f46303bdc9eb8a22ed5e9e668c2eaf';
    expect(at(r.value.groups, `${base}/system.slice/pb-sleep.service`)).toMatchObject({ memoryBytes: 172032, oomKills: 0 });
    expect(at(r.value.groups, `${base}/init.scope`).pids).toEqual([1]);
    expect(at(r.value.groups, `${base}/system.slice/systemd-journald.service`)).toMatchObject({ pids: [30], memoryBytes: 9818112 });
    // pids listed only by the memory or unified hierarchies are not taken on a host with a systemd hierarchy
    expect(r.value.groups.filter((g) => g.pids.length > 0).map((g) => g.path.slice(base.length))).toEqual([
      '',
      '/init.scope',
      '/system.slice/pb-sleep.service',
      '/system.slice/systemd-journald.service',
    ]);
    expectWellFormedTree(r.value.groups);
  });

  it('reads this machine: pids of the systemd hierarchy, memory of the memory hierarchy', () => {
    const r = parseCgroups(hybrid);
    expect(r.issues).toEqual([]);
    expect(r.value.version).toBe('hybrid');
    expect(at(r.value.groups, '/').pids).toContain(1);
    expect(at(r.value.groups, '/docker/a0d5ddeb4ecf0ab50e68f6324543a4af9437184a4e941e41bbb8dc711a2ecddf')).toMatchObject({ pids: [9065], tasks: 1 });
    expect(at(r.value.groups, '/system-docker/6da9fa69051afbdbbbac12022efba13b82a139dd929d0ff06e9d1f127a0f015d').pids).toEqual([13234]);
    // these test processes sat in the systemd root: the memory hierarchy's pid lists are not used
    expect(at(r.value.groups, '/pb-cosi/with space')).toMatchObject({ pids: [], memoryBytes: 172032 });
    expect(at(r.value.groups, '/pb-cosi/oom').oomKills).toBe(1);
    expectWellFormedTree(r.value.groups);
  });

  it('reads the recorded probe section', () => {
    const r = parseCgroups(probeSection('local-dash.txt', 'cgroups'));
    expect(r.issues).toEqual([]);
    expect(r.value.version).toBe('hybrid');
    expect(at(r.value.groups, '/process_api')).toMatchObject({ memoryBytes: 295354368, oomKills: 0 });
  });
});

describe('parseCgroups, bad input', () => {
  it('is unknown with no hierarchies', () => {
    expect(parseCgroups('')).toEqual({ value: { version: 'unknown', roots: [], uptimeSeconds: null, psi: false, groups: [] }, issues: [] });
  });

  it('reports bad lines with their numbers and goes on', () => {
    const text = [
      '/sys/fs/cgroup/x/cgroup.procs:1',
      '@root unified /sys/fs/cgroup',
      '/sys/fs/cgroup/a/cgroup.procs:12',
      '/sys/fs/cgroup/a/cgroup.procs:abc',
      '/sys/fs/cgroup/a/memory.swap.current:0',
      '/elsewhere/b/cgroup.procs:3',
      '@root cpuset /sys/fs/cgroup/cpuset',
      '/sys/fs/cgroup/cpuset/cgroup.procs:4',
      '@root unified /sys/fs/cgroup2\\040x',
      '/sys/fs/cgroup2 x/c/pids.current:7',
    ].join('\n');
    const r = parseCgroups(text);
    expect(r.value.groups.map((g) => [g.path, g.pids, g.tasks])).toEqual([
      ['/', [], null],
      ['/a', [12], null],
      ['/c', [], 7],
    ]);
    expect(r.value.roots).toEqual([
      { kind: 'unified', mountpoint: '/sys/fs/cgroup' },
      { kind: 'unified', mountpoint: '/sys/fs/cgroup2 x' },
    ]);
    expect(said(r.issues)).toEqual([
      { line: 1, message: 'cgroup file line before any @root line: "/sys/fs/cgroup/x/cgroup.procs:1"' },
      { line: 4, message: 'unreadable cgroup.procs value "abc"' },
      { line: 5, message: 'not a cgroup counter line: "/sys/fs/cgroup/a/memory.swap.current:0"' },
      { line: 6, message: 'cgroup file outside /sys/fs/cgroup: "/elsewhere/b/cgroup.procs:3"' },
      { line: 7, message: 'unknown cgroup hierarchy line "@root cpuset /sys/fs/cgroup/cpuset"; its files are skipped' },
    ]);
  });

  it('never throws and returns only sanitized strings on random input', () => {
    checkNeverThrows(parseCgroups, [v1, v2, container]);
  });
});
