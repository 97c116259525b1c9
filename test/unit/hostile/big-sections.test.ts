import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/model/build.js';
import { MAX_CGROUPS, MAX_MOUNTS } from '../../../src/model/limits.js';
import type { CgroupNode } from '../../../src/model/types.js';
import type { RawSnapshot } from '../../../src/snapshot/types.js';
import { flattenTree, type TreeItem } from '../../../views/present/tree.js';
import { renderFrame } from '../../../views/render-frame.js';

// Big but legal sections (under their byte caps) made the TUI unresponsive: 300,000 cgroups in 10 MB
// took 937 MB and 22 s to quit; 100,000 mounts 10 s and 650 MB per snapshot. cosi now keeps the
// first MAX_CGROUPS / MAX_MOUNTS and says so in the pane (figures in docs/performance.md).
const sec = (text: string) => ({ text, rc: 0, truncated: false, bytes: text.length, ms: 1 });
const snapshot = (sections: RawSnapshot['sections']): RawSnapshot => ({
  format: 'cosi-snapshot', version: 1, target: { kind: 'local', label: 'big' }, takenAt: '2026-11-29T00:00:00.000Z', durationMs: 1, sections, engines: [],
});
const SLOW = { timeout: 120_000 };

describe('a host with more cgroups than cosi shows', SLOW, () => {
  const total = MAX_CGROUPS + 10_000;
  const lines = ['@root unified /sys/fs/cgroup'];
  for (let i = 0; i < total - 301; i++) lines.push(`/sys/fs/cgroup/s${i % 300}/c${i}/pids.current:1`);
  const m = buildModel(snapshot({ cgroups: sec(`${lines.join('\n')}\n`) }));

  it('keeps the first cgroups in path order, and says how many it left out', () => {
    let count = 0;
    const stack: CgroupNode[] = [m.cgroups!];
    while (stack.length) {
      count++;
      stack.push(...stack.pop()!.children);
    }
    expect(count).toBe(MAX_CGROUPS);
    expect(m.sections.cgroups.cut).toEqual({ shown: MAX_CGROUPS, total });
  });

  it('the Services pane says so in its title', () => {
    expect(renderFrame(m, { tab: 'services', cols: 140, rows: 24 })).toContain(`first ${MAX_CGROUPS} of ${total} cgroups (cosi's limit)`);
  });
});

describe('a host with more mounts than cosi shows', SLOW, () => {
  const total = MAX_MOUNTS + 5_000;
  const lines = ['1 0 8:1 / / rw,relatime - ext4 /dev/sda1 rw'];
  for (let i = 2; i <= total; i++) lines.push(`${i} 1 0:${i % 1000} / /var/lib/kubelet/pods/p${i}/v rw,relatime - tmpfs tmpfs rw`);
  const m = buildModel(snapshot({ mountinfo: sec(`${lines.join('\n')}\n`) }));

  it('keeps the first mounts and the Mounts pane says how many it left out', () => {
    expect(m.mounts).toHaveLength(MAX_MOUNTS);
    expect(m.sections.mountinfo.cut).toEqual({ shown: MAX_MOUNTS, total });
    expect(renderFrame(m, { tab: 'mounts', cols: 140, rows: 24 })).toContain(`first ${MAX_MOUNTS} of ${total} mounts (cosi's limit)`);
  });
});

describe('moving the cursor', () => {
  it('does not flatten the tree again (the rows of the same tree, expansion and filter are kept)', () => {
    let asked = 0;
    const leaf = (i: number): TreeItem => ({ key: `k${i}`, label: `l${i}`, cells: [], tone: 'normal', text: `l${i}`, defaultExpanded: false, children: () => (asked++, []) });
    const roots = [{ ...leaf(0), defaultExpanded: true, children: () => (asked++, [leaf(1), leaf(2)]) }];
    const expanded = {};
    const a = flattenTree(roots, expanded, '');
    const before = asked;
    expect(flattenTree(roots, expanded, '')).toBe(a);
    expect(asked).toBe(before);
    expect(flattenTree(roots, { k0: false }, '')).toHaveLength(1);
  });
});
