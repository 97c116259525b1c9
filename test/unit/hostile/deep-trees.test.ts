import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/model/build.js';
import { modelJson } from '../../../src/model/json.js';
import { MAX_MOUNTS } from '../../../src/model/limits.js';
import { buildMountGroups, buildMounts, buildMountTree } from '../../../src/model/mounts.js';
import { parseMountinfo } from '../../../parsers/mountinfo.js';
import type { CgroupNode, HostModel, MountNode } from '../../../src/model/types.js';
import type { RawSnapshot } from '../../../src/snapshot/types.js';
import { initialTabUi, initialUi } from '../../../src/store/store.js';
import { renderFrame } from '../../../views/render-frame.js';
import { said } from '../parsers/_support.js';

// Deep trees from a hostile or broken host. Before the fix: a mountinfo chain where each mount is the
// parent of the next took quadratic time (8k deep: 9 s, 20k: 47 s then a stack overflow in --json),
// the Mounts tree view overflowed the stack at 2,000 deep, and a 2,500-deep cgroup path crashed
// `open --json` and the Services tab. Not timed: these must finish and not overflow the stack.
const sec = (text: string) => ({ text, rc: 0, truncated: false, bytes: text.length, ms: 1 });
const snapshot = (sections: RawSnapshot['sections']): RawSnapshot => ({
  format: 'cosi-snapshot', version: 1, target: { kind: 'local', label: 'deep' }, takenAt: '2026-11-29T00:00:00.000Z', durationMs: 1, sections, engines: [],
});

/** Depth of a tree, walked without recursion. */
function depth<T extends { children: T[] }>(roots: T[]): number {
  let max = 0;
  const stack = roots.map((n) => [n, 1] as [T, number]);
  while (stack.length) {
    const [n, d] = stack.pop()!;
    max = Math.max(max, d);
    for (const c of n.children) stack.push([c, d + 1]);
  }
  return max;
}

const DEEP = 100_000;
// Linear, but 100,000 mounts are a lot of work on a loaded CI machine: generous bounds, no timing.
const SLOW = { timeout: 180_000 };

describe(`a mountinfo chain ${DEEP.toLocaleString('en')} mounts deep`, SLOW, () => {
  // buildModel keeps the first MAX_MOUNTS (see big-sections.test.ts); the tree, --json and the view
  // are checked at the full depth on a model holding all of them.
  let m: HostModel;
  let cut: HostModel;
  beforeAll(() => {
    const lines = ['1 0 0:1 / / rw - ext4 /dev/vda rw'];
    for (let i = 2; i <= DEEP; i++) lines.push(`${i} ${i - 1} 0:${i % 50} / /m${i} rw - tmpfs t${i % 50} rw`);
    const text = `${lines.join('\n')}\n`;
    cut = buildModel(snapshot({ mountinfo: sec(text) }));
    const mounts = buildMounts(parseMountinfo(text).value, [], () => null);
    m = { ...cut, mounts, mountTree: buildMountTree(mounts), mountGroups: buildMountGroups(mounts) };
  }, SLOW.timeout);

  it('buildModel keeps a whole chain of the first MAX_MOUNTS', () => {
    expect(cut.mounts).toHaveLength(MAX_MOUNTS);
    expect(depth<MountNode>(cut.mountTree)).toBe(MAX_MOUNTS);
  });

  it('is one tree as deep as the chain', () => {
    expect(m.mounts).toHaveLength(DEEP);
    expect(m.mountTree).toHaveLength(1);
    expect(depth<MountNode>(m.mountTree)).toBe(DEEP);
  });

  it('prints as --json and reads back', () => {
    const back = JSON.parse(modelJson(m)) as HostModel;
    expect(back.mounts).toHaveLength(DEEP);
    expect(depth<MountNode>(back.mountTree)).toBe(DEEP);
  });

  it('draws the Mounts tree view, top and bottom, with the depth said where the lines stop', () => {
    const top = renderFrame(m, { tab: 'mounts', cols: 100, rows: 24, keys: ['v'] });
    expect(top).toContain('tree (like findmnt) · 100000 mounts');
    expect(top).toMatch(/▾ \/ +ext4/);
    const bottom = renderFrame(m, { tab: 'mounts', cols: 100, rows: 24, keys: ['v', 'end'] });
    expect(bottom).toMatch(/⋯99999 .*\/m100000 +tmpfs/);
  });
});

describe('mount parent cycles', () => {
  it('every mount of a cycle is shown once, the cycle broken like findmnt (an extra root)', () => {
    const text = ['10 12 0:1 / /a rw - tmpfs a rw', '11 10 0:2 / /a/b rw - tmpfs b rw', '12 11 0:3 / /a/b/c rw - tmpfs c rw', '13 13 0:4 / /self rw - tmpfs s rw', '14 13 0:5 / /self/x rw - tmpfs x rw'].join('\n');
    const m = buildModel(snapshot({ mountinfo: sec(text) }));
    const ids: number[] = [];
    const stack = [...m.mountTree];
    while (stack.length) {
      const n = stack.pop()!;
      ids.push(n.mount.id);
      stack.push(...n.children);
    }
    expect(ids.sort()).toEqual([10, 11, 12, 13, 14]);
    expect(m.mountTree.map((n) => n.mount.id).sort()).toEqual([10, 13]);
  });
});

describe('a cgroup path 2,600 deep (every level listed, as find prints it)', SLOW, () => {
  const D = 2_600;
  const lines = ['@root unified /sys/fs/cgroup'];
  let p = '/sys/fs/cgroup';
  for (let i = 0; i < D; i++) {
    p += i === D - 1 ? '/deep.service' : '/a';
    lines.push(`${p}/cgroup.procs:${i + 100}`, `${p}/memory.current:${(i + 1) * 4096}`);
  }
  const meminfo = sec('MemTotal: 4096000 kB\nMemFree: 1024000 kB\nMemAvailable: 2048000 kB\nBuffers: 0 kB\nCached: 0 kB\nShmem: 0 kB\n');
  const m = buildModel(snapshot({ cgroups: sec(`${lines.join('\n')}\n`), meminfo }));

  it('is one tree as deep as the path', () => {
    expect(depth<CgroupNode>([m.cgroups!])).toBe(D + 1);
  });

  it('prints as --json and reads back', () => {
    const back = JSON.parse(modelJson(m)) as HostModel;
    expect(depth<CgroupNode>([back.cgroups!])).toBe(D + 1);
  });

  it('draws the Services tab (filtered down to the deepest unit) and the Memory tab', () => {
    const f = renderFrame(m, { tab: 'services', cols: 100, rows: 24, keys: ['end'], tabs: { ...initialUi().tabs, services: { ...initialTabUi(), filter: 'deep.service' } } });
    expect(f).toMatch(/⋯\d+ .*deep\.service/);
    expect(renderFrame(m, { tab: 'memory', cols: 100, rows: 30 })).toContain('deep.service');
  });
});

describe('one cgroup line 100,000 levels deep (a hostile shell)', () => {
  it('is refused with an issue instead of building 100,000 ancestor paths', () => {
    const line = `/sys/fs/cgroup${'/a'.repeat(DEEP)}/cgroup.procs:7`;
    const m = buildModel(snapshot({ cgroups: sec(`@root unified /sys/fs/cgroup\n/sys/fs/cgroup/cgroup.procs:1\n${line}\n/sys/fs/cgroup/b/cgroup.procs:2\n`) }));
    expect(said(m.sections.cgroups.issues).map((i) => i.message)).toEqual(['cgroup paths too deep to read whole: this line and the 1 line after it are skipped']);
    expect(m.cgroups?.pids).toEqual([1]);
  });
});
