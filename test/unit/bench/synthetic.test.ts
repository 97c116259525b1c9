import { beforeAll, describe, expect, it } from 'vitest';
import { K8S_NODE_BIG, syntheticK8sNode } from '../../../bench/synthetic.js';
import { buildModel } from '../../../src/model/build.js';
import type { CgroupNode, HostModel } from '../../../src/model/types.js';
import type { RawSnapshot } from '../../../src/snapshot/types.js';

// The benchmark's big host must really be as big as the benchmark says, in
// formats the real parsers read without a single complaint.
function countCgroups(n: CgroupNode | null): number {
  if (!n) return 0;
  let c = 0;
  const stack = [n];
  while (stack.length) {
    const x = stack.pop()!;
    c++;
    stack.push(...x.children);
  }
  return c;
}

describe('the synthetic Kubernetes node of npm run bench', () => {
  let raw: RawSnapshot;
  let m: HostModel;
  beforeAll(() => {
    raw = syntheticK8sNode();
    m = buildModel(raw);
  }, 120_000);

  it('has 10,000 mounts, 5,000 processes, 3,000 cgroups and 1,000 containers after buildModel', () => {
    expect(m.mounts).toHaveLength(K8S_NODE_BIG.mounts);
    expect(m.processes).toHaveLength(K8S_NODE_BIG.processes);
    expect(countCgroups(m.cgroups)).toBe(K8S_NODE_BIG.cgroups);
    expect(m.engines).toHaveLength(1);
    expect(m.engines[0]!.containers).toHaveLength(K8S_NODE_BIG.containers);
    expect(K8S_NODE_BIG).toEqual({ mounts: 10_000, processes: 5_000, cgroups: 3_000, containers: 1_000 });
  });

  it('is read by the real parsers without an issue, as a systemd host on cgroup v2', () => {
    for (const [id, s] of Object.entries(m.sections)) {
      expect({ id, issues: s.issues }).toEqual({ id, issues: [] });
      // The counters of the rows on screen are read only on live ticks that hold the tree back: a snapshot has none.
      const state = id === 'mountinfo-host' || id === 'containerd-meta' ? 'absent' : id === 'cgroup-counters' ? 'missing' : 'ok';
      expect({ id, state: s.state }).toEqual({ id, state });
    }
    expect(m.cgroupVersion).toBe('v2');
    expect(m.units?.length).toBeGreaterThan(1000);
    expect(m.engines[0]!.status).toBe('up');
  });

  it('joins containers to their cgroups, processes and overlay mounts like a real node', () => {
    const containers = m.engines[0]!.containers;
    const running = containers.filter((c) => c.state === 'running');
    expect(running.length).toBeGreaterThan(900);
    for (const c of running) {
      expect(c.cgroupPath).toMatch(/^\/kubepods\.slice\/.*\/docker-[0-9a-f]{64}\.scope$/);
      expect(c.pids).toBeGreaterThan(0);
    }
    expect(m.mounts.filter((x) => x.container !== null)).toHaveLength(running.length);
    const inContainers = m.processes.filter((p) => p.cgroup?.includes('/docker-'));
    expect(inContainers.length).toBeGreaterThan(3000);
    // df sizes reach the mounts that have them.
    expect(m.mounts.find((x) => x.target === '/')?.sizeBytes).toBe(101_590_000 * 1024);
  });

  it('is the same host every time (deterministic)', () => {
    expect(JSON.stringify(syntheticK8sNode())).toBe(JSON.stringify(raw));
  }, 60_000);
});
