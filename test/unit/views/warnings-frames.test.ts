import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/model/build.js';
import { buildWarnings } from '../../../src/model/warnings.js';
import { eachNode } from '../../../src/model/walk.js';
import type { CgroupNode, HostModel } from '../../../src/model/types.js';
import { parseSnapshot } from '../../../src/snapshot/file.js';
import { frameState, renderFrame } from '../../../views/render-frame.js';
import { applyKey } from '../../../views/key-reducer.js';
import { expectGolden } from './golden.js';
import { cursorLine, frame } from './helpers.js';

// The CoreOS demo with exhaustion figures put into its model (the demo itself is healthy): each
// cause warning once, so the Overview lists them and Enter on each goes to its row.
const demo = buildModel(parseSnapshot(readFileSync(join(import.meta.dirname, '../../../demo/coreos.cosi.json'), 'utf8'), 'demo'));

function troubled(): HostModel {
  const m: HostModel = structuredClone(demo);
  const node = (path: string): CgroupNode => {
    let found: CgroupNode | null = null;
    eachNode(m.cgroups!, (n) => {
      if (n.path === path) found = n;
    });
    return found!;
  };
  // kernel-wide since boot, so the demo's own count is the recording machine's: set here
  m.memory = { ...m.memory!, oomKills: 6 };
  node('/system.slice/demo-web.service').limits.pids = 1;
  Object.assign(node('/system.slice/ssh.service'), { memoryBytes: 1482752, limits: { memoryBytes: 1536 * 1024, cpuCores: 0.5, pids: 28908 } });
  node('/system.slice/ssh.service').cpu = { cores: 0.5, percentOfLimit: 100, throttledPercent: 41 };
  node('/system.slice/systemd-journald.service').pressure = { cpu: 0, memory: 0, io: 23.5 };
  node('/system.slice').pressure = { cpu: 0, memory: 0, io: 24 };
  m.kernel = {
    limits: { openFiles: 2000, fileMax: 2466165, tasks: 300, pidMax: 32768, inotifyMaxInstances: 128, inotifyMaxWatches: 8192, conntrackCount: 250112, conntrackMax: 262144 },
    pressure: { cpu: { some: { avg10: 12.5, avg60: 8, avg300: 3, totalUs: 1 }, full: null }, io: null },
    inotify: [{ uid: 0, instances: 6, watches: 8100, holders: [{ pid: 1, uid: 0, comm: 'systemd', instances: 5, watches: 8000 }, { pid: 121, uid: 0, comm: 'systemd-logind', instances: 1, watches: 100 }] }],
    inodes: [{ source: 'tmpfs', target: '/run', inodes: 3085456, used: 3000000, free: 85456 }],
  };
  const { warnings: _w, ...rest } = m;
  return { ...m, warnings: buildWarnings(rest) };
}

const model = troubled();
const ui = { tab: 'overview' as const, cols: 100, rows: 30 };

describe('Overview: warnings that name the cause (golden frames; Enter on each goes to its row)', () => {
  it('lists every cause with its figures; the selected one says which symptom it explains', () => {
    expectGolden('coreos-overview-causes', renderFrame(model, ui, { color: false }));
    expectGolden('coreos-overview-causes-inotify', renderFrame(model, { ...ui, keys: ['j', 'j', 'j', 'j'] }, { color: false }));
  });

  it('at 80x24 the symptom line still shows under the selected warning', () => {
    expectGolden('coreos-overview-causes-80x24', renderFrame(model, { ...ui, cols: 80, rows: 24, keys: ['j', 'j', 'j', 'j', 'j', 'j'] }, { color: false }));
  });

  // [warning text start, the tab Enter opens, the row the cursor lands on]
  const jumps: [string, string, string | null][] = [
    ['1 failed unit', 'Services', 'broken.service'],
    ['6 OOM kills', 'Memory', null],
    ['tasks in /system.slice/demo-web.service', 'Services', 'demo-web.service'],
    ['conntrack table', 'Overview', null],
    ['inotify watches of uid 0', 'Services', '1 /sbin/init'],
    ['inodes /run', 'Mounts', '/run'],
    ['memory /system.slice/ssh.service', 'Services', 'ssh.service'],
    ['CPU throttled /system.slice/ssh.service', 'Services', 'ssh.service'],
    ['CPU pressure: tasks stalled 12.5%', 'Overview', null],
    ['I/O pressure /system.slice/systemd-journald.service', 'Services', 'systemd-journald.service'],
    ['docker: socket-activated', 'Engines', 'docker'],
    ['/usr is read-only', 'Mounts', '/usr'],
  ];
  it.each(jumps.map((j, i) => [i, ...j] as const))('warning %i "%s": Enter opens %s at its row', (i, start, tab, row) => {
    const overview = frame(model, { ...ui, keys: Array(i).fill('j') });
    expect(cursorLine(overview)).toMatch(new RegExp(`^[✖▲•] ${start.replace(/[./]/g, (c) => `\\${c}`)}`));
    const after = frame(model, { ...ui, keys: [...Array(i).fill('j'), 'enter'] });
    expect(after.split('\n')[2]).toContain(`[${'123456'[['Overview', 'Services', 'Mounts', 'Engines', 'Memory', 'Logs'].indexOf(tab)]} ${tab}]`);
    if (row) expect(cursorLine(after)).toContain(row);
  });

  it('L on a warning opens the logs that show its symptom: the kernel for a full conntrack table, the unit for a cgroup', () => {
    const logsOf = (i: number) => {
      let st = frameState(model, { ...ui, conn: { state: 'live' } });
      for (let k = 0; k < i; k++) st = applyKey(st, 'j').state;
      return applyKey(st, 'L').state.ui.logs.target;
    };
    expect(logsOf(3)).toEqual({ target: 'kernel', label: 'kernel' });
    expect(logsOf(2)?.target).toBe('demo-web.service');
  });
});
