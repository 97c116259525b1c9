import { describe, expect, it } from 'vitest';
import { cgroupFigures, type CgroupFigures } from '../../../src/model/container-cgroups.js';

const g = (path: string, pids: number[], tasks: number | null = null): CgroupFigures => ({ path, pids, memoryBytes: null, tasks });

describe("a container cgroup's task count", () => {
  // Without a pids controller the count is the processes of the cgroup and everything below it.
  const list = [g('/', [1]), g('/docker', [2]), g('/docker/abc', [10, 11]), g('/docker/abc/sub', [12]), g('/docker/abc-x', [20]), g('/docker/ab', [30])];
  it('counts the cgroup and its descendants, not a sibling whose name starts the same', () => {
    expect(cgroupFigures(list[2]!, list).pids).toBe(3);
    expect(cgroupFigures(list[1]!, list).pids).toBe(6);
    expect(cgroupFigures(list[0]!, list).pids).toBe(1);
  });
  it("takes the pids controller's count when there is one", () => {
    expect(cgroupFigures(g('/docker/abc', [10, 11], 7), list).pids).toBe(7);
  });
});
