import { describe, expect, it } from 'vitest';
import type { HostModel, Mount } from '../../../src/model/types.js';
import { buildMountGroups, buildMountTree } from '../../../src/model/mounts.js';
import { applyKey } from '../../../views/key-reducer.js';
import { listFor } from '../../../views/present/rows.js';
import { frameState, renderFrame, renderState } from '../../../views/render-frame.js';
import { TABS } from '../../../src/store/types.js';
import { rancheros } from '../../fixtures/models/rancheros.js';
import { coreos } from '../../fixtures/models/coreos.js';
import { cursorLine, frame, plain } from './helpers.js';

/** The model of a host whose section `id` exited with `rc` and printed nothing (the model keeps the code, views word it). */
function withSection(model: HostModel, id: string, rc: number): HostModel {
  return { ...model, sections: { ...model.sections, [id]: { state: 'error', reason: 'exit', rc, bytes: 0, ms: null, issues: [] } } };
}

function bigHost(n: number): HostModel {
  const root: Mount = { ...rancheros.mounts[0], id: 1, parentId: 0, target: '/', source: '/dev/sda1', fstype: 'ext4', majorMinor: '8:1', pseudo: false, root: '/' };
  const mounts: Mount[] = [root];
  for (let i = 0; i < n; i++) {
    mounts.push({ ...root, id: 100 + i, parentId: 1, target: `/var/lib/kubelet/pods/p${String(i).padStart(5, '0')}/volumes`, root: `/var/lib/kubelet/pods/p${i}` });
  }
  return { ...rancheros, mounts, mountTree: buildMountTree(mounts), mountGroups: buildMountGroups(mounts) };
}

describe('a tab whose section failed', () => {
  const broken = withSection(rancheros, 'mountinfo', 2);
  it('says what it could not read', () => {
    const f = plain(broken, { tab: 'mounts', cols: 100, rows: 30, keys: [] });
    expect(f).toContain('could not read mount table (exit 2)');
    expect(f).toContain('The other tabs keep working.');
  });
  it('the other tabs keep working', () => {
    expect(plain(broken, { tab: 'services', cols: 100, rows: 30, keys: [] })).toContain('console [system-docker');
    expect(plain(broken, { tab: 'memory', cols: 100, rows: 30, keys: [] })).toContain('buff/cache');
  });
  it('memory without meminfo says so', () => {
    const f = plain({ ...withSection(coreos, 'meminfo', 1), memory: null }, { tab: 'memory', cols: 100, rows: 30, keys: [] });
    expect(f).toContain('could not read /proc/meminfo (exit 1)');
  });
  it('a failed secondary section is a notice above a working pane, said once', () => {
    const f = plain(withSection(coreos, 'df', 1), { tab: 'mounts', cols: 100, rows: 30, keys: [] });
    expect(f).toContain('▲ could not read filesystem sizes (df) (exit 1)');
    expect(f.split('filesystem sizes (df)')).toHaveLength(2);
    expect(f).toContain('/dev/mapper/usr');
  });
  it('an absent optional tool (no systemd) is not reported as a failure', () => {
    expect(plain(rancheros, { tab: 'services', cols: 100, rows: 30, keys: [] })).not.toContain('could not read');
  });
});

describe('terminal size', () => {
  it('below 80x24 it says what size it needs', () => {
    const f = renderFrame(rancheros, { tab: 'overview', cols: 70, rows: 20 }, { color: false });
    expect(f).toContain('cosi needs a terminal of at least 80x24; this one is 70x20.');
  });
  it('79 columns is too narrow, 80x24 is enough', () => {
    expect(renderFrame(rancheros, { tab: 'mounts', cols: 79, rows: 40 }, { color: false })).toContain('at least 80x24');
    expect(renderFrame(rancheros, { tab: 'mounts', cols: 80, rows: 24 }, { color: false })).toContain('grouped by device');
  });
  it('the live screen keeps its last line free (gap) so Ink never scrolls', () => {
    const s = frameState(rancheros, { tab: 'overview', cols: 100, rows: 30 });
    const f = renderFrame(rancheros, { tab: 'overview', cols: 100, rows: 30 }, { color: false });
    expect(f.split('\n')).toHaveLength(30);
    expect(s.size.gap).toBe(0);
  });
});

describe('a model that changes between ticks', () => {
  it('the cursor stays on the same item when rows appear above it', () => {
    let s = frameState(coreos, { tab: 'services', cols: 100, rows: 30, keys: ['j', 'j', 'j', 'j', 'j', 'j', 'j', 'j'] });
    const before = cursorLine(frame(coreos, { tab: 'services', cols: 100, rows: 30, keys: ['j', 'j', 'j', 'j', 'j', 'j', 'j', 'j'] }));
    expect(before).toMatch(/docker\.service/);
    const root = coreos.cgroups!;
    const extra = { ...root.children[1].children[0], path: '/system.slice/audit.service', name: 'audit.service', unit: 'audit.service', pids: [540] };
    const next: HostModel = { ...coreos, cgroups: { ...root, children: root.children.map((c, i) => (i === 1 ? { ...c, children: [extra, ...c.children] } : c)) } };
    s = { ...s, model: next };
    const after = cursorLine(renderState(s, { color: true }));
    expect(after).toMatch(/docker\.service/);
  });
  it('when its item disappears the cursor stays at the same position', () => {
    let s = frameState(coreos, { tab: 'services', cols: 100, rows: 30, keys: ['j', 'j', 'j', 'j', 'j', 'j', 'j', 'j'] });
    const root = coreos.cgroups!;
    const next: HostModel = {
      ...coreos,
      cgroups: { ...root, children: root.children.map((c, i) => (i === 1 ? { ...c, children: c.children.filter((k) => k.name !== 'docker.service') } : c)) },
    };
    s = { ...s, model: next };
    expect(cursorLine(renderState(s, { color: true }))).toMatch(/locksmithd\.service/);
    expect(cursorLine(renderState(applyKey(s, 'k').state, { color: true }))).toMatch(/674 \/usr\/bin\/dbus-daemon/);
  });
});


describe('virtual scrolling', () => {
  const big = bigHost(10_000);
  it('a 10,000-mount group renders only the visible rows', () => {
    const f = renderFrame(big, { tab: 'mounts', cols: 100, rows: 30, keys: ['enter', 'G'] }, { color: false });
    const lines = f.split('\n');
    expect(lines).toHaveLength(30);
    expect(f).toContain('10002/10002');
    expect(lines.filter((l) => l.includes('/var/lib/kubelet/pods/'))).toHaveLength(23);
    expect(f).toContain('└─  /var/lib/kubelet/pods/p09999/volumes');
  });
  it('the tree view of 10,000 mounts scrolls by pages', () => {
    const f = renderFrame(big, { tab: 'mounts', cols: 100, rows: 30, keys: ['v', 'pagedown', 'pagedown'] }, { color: false });
    expect(f).toContain('47/10001');
    expect(f).toContain('/var/lib/kubelet/pods/p00045/');
    expect(f).toContain('/var/lib/kubelet/pods/p00023/');
    expect(f).not.toContain('/var/lib/kubelet/pods/p00022/');
  });
  it('moving the cursor reuses the presented rows (no presenter work per keypress)', () => {
    const s0 = frameState(big, { tab: 'mounts', cols: 100, rows: 30, keys: ['enter'] });
    const v0 = listFor(big, 'mounts', s0.ui.tabs.mounts);
    const s1 = applyKey(applyKey(s0, 'j').state, 'pagedown').state;
    expect(listFor(big, 'mounts', s1.ui.tabs.mounts)).toBe(v0);
  });
});

describe('every tab renders for a host with nothing in it', () => {
  it('empty model: no crash, clear messages', () => {
    const empty: HostModel = { ...coreos, mounts: [], mountTree: [], mountGroups: [], cgroups: null, processes: [], units: null, engines: [], warnings: [], memory: null };
    for (const tab of TABS) expect(() => renderFrame(empty, { tab, cols: 100, rows: 30 }, { color: false })).not.toThrow();
    expect(renderFrame(empty, { tab: 'engines', cols: 100, rows: 30 }, { color: false })).toContain('no container engine socket was found on this host');
    expect(renderFrame(empty, { tab: 'services', cols: 100, rows: 30 }, { color: false })).toContain('no cgroup tree was read');
  });
});

describe('states and colors', () => {
  it('a failed unit is drawn in red on Services and listed on Overview', () => {
    const units = coreos.units!.map((u) => (u.name === 'locksmithd.service' ? { ...u, active: 'failed', sub: 'failed' } : u));
    const m: HostModel = { ...coreos, units, warnings: [{ code: 'failed-units', units: ['locksmithd.service'], severity: 'error', tab: 'services' }] };
    const f = frame(m, { tab: 'services', cols: 100, rows: 30, keys: [] });
    const line = f.split('\n').find((l) => l.includes('locksmithd.service'))!;
    expect(line).toContain('\x1b[31m');
    expect(line).toContain('failed/failed');
    expect(plain(m, { tab: 'overview', cols: 100, rows: 30, keys: [] })).toContain('✖ 1 failed unit: locksmithd.service');
  });
  it('memory figures are what free -h prints from the same bytes: binary units labelled, whole units cut', async () => {
    const { bytes } = await import('../../../views/present/format.js');
    // the issue's host: MemTotal 24683656 kB is "23Gi" in free -h (cosi said 24G)
    expect(bytes(24683656 * 1024)).toBe('23Gi');
    expect(bytes(1.24 * 1024 ** 3)).toBe('1.2Gi');
    expect(bytes(13.6 * 1024 ** 2)).toBe('13Mi');
    expect(bytes(512)).toBe('512B');
  });

  it('counts are said in words that agree: 1 variable, 1 named cgroup', () => {
    const web = rancheros.engines.flatMap((e) => e.containers).find((c) => c.name === 'web')!;
    const one = { ...rancheros, engines: rancheros.engines.map((e) => ({ ...e, containers: e.containers.map((c) => (c === web ? { ...c, env: c.env.slice(0, 1) } : c)) })) };
    expect(plain(one, { tab: 'engines', cols: 100, rows: 30, keys: ['j', 'j', 'enter'] })).toContain('env        1 variable (names only, e reveals values)');
  });

  it('the flash line is above the key bar, which is the last line', () => {
    const lines = plain(rancheros, { tab: 'mounts', cols: 100, rows: 30, keys: ['H'] }).split('\n');
    expect(lines[28]).toContain('PID 1 sees the same mounts as this shell');
    expect(lines[29]).toMatch(/^v view .* q quit/);
  });

  it('read-only mounts are marked ro', () => {
    const f = plain(rancheros, { tab: 'mounts', cols: 100, rows: 30, keys: ['enter'] });
    expect(f).toMatch(/\/usr\/bin\/ros +ro +root \/usr\/bin\/ros/);
  });
  it('stale data shows the reason and the countdown to the next retry', () => {
    const f = plain(rancheros, { tab: 'overview', cols: 100, rows: 30, keys: [], now: 10_000, conn: { state: 'stale', message: 'ssh: connection reset', nextRetryAt: 14_000, failures: 2 } });
    expect(f).toContain('● stale: ssh: connection reset · retry in 4s');
  });
  it('host strings cannot inject escapes (the model is sanitized; the views add none of their own)', () => {
    const m: HostModel = { ...coreos, identity: { ...coreos.identity, hostname: 'evil\\e[2J' } };
    expect(renderFrame(m, { tab: 'overview', cols: 100, rows: 30 }, { color: false })).toContain('evil\\e[2J');
  });
});

describe('container details', () => {
  const env = Array.from({ length: 40 }, (_, i) => ({ name: `VAR_${String(i).padStart(2, '0')}`, value: `v${i}` }));
  const m: HostModel = {
    ...rancheros,
    engines: rancheros.engines.map((e) => (e.name === 'docker' ? { ...e, containers: e.containers.map((c) => ({ ...c, env })) } : e)),
  };
  const open = ['j', 'j', 'enter'];
  it('a long detail view scrolls with j/k and pages', () => {
    const first = plain(m, { tab: 'engines', cols: 100, rows: 30, keys: open });
    expect(first).toContain('lines 1-24 of');
    expect(first).not.toContain('VAR_39');
    const end = plain(m, { tab: 'engines', cols: 100, rows: 30, keys: [...open, 'pagedown', 'pagedown', 'j'] });
    expect(end).toContain('VAR_39');
    expect(end).not.toContain('image      nginx');
    const back = plain(m, { tab: 'engines', cols: 100, rows: 30, keys: [...open, 'pagedown', 'k', 'pageup'] });
    expect(back).toContain('image      nginx');
  });
  it('values stay hidden until e; only names are shown', () => {
    const f = plain(m, { tab: 'engines', cols: 100, rows: 30, keys: [...open, 'G', 'pagedown', 'pagedown'] });
    expect(f).toMatch(/ {11}VAR_39\n/);
    expect(f).not.toContain('VAR_39=v39');
    expect(plain(m, { tab: 'engines', cols: 100, rows: 30, keys: [...open, 'e', 'pagedown', 'pagedown'] })).toContain('VAR_39=v39');
  });
});

describe('failed units', () => {
  it('a failed unit without a cgroup is listed in red under system.slice', () => {
    const units = [...coreos.units!, { name: 'broken.service', load: 'loaded', active: 'failed', sub: 'failed', description: 'Always fails' }];
    const m: HostModel = { ...coreos, units };
    const f = frame(m, { tab: 'services', cols: 100, rows: 30, keys: ['/', ...'broken', 'enter'] });
    const line = f.split('\n').find((l) => l.includes('broken.service'))!;
    expect(line).toContain('\x1b[31m');
    expect(line).toContain('failed/failed');
    expect(plain(m, { tab: 'services', cols: 100, rows: 30, keys: ['/', ...'broken', 'enter'] })).toMatch(/▾ system\.slice[\s\S]*└─ {2}broken\.service/);
  });
});

describe('units waiting to restart (a crash loop between two runs)', () => {
  const looping = (name: string) => ({ name, load: 'loaded', active: 'activating', sub: 'auto-restart', description: 'Exits and restarts' });

  it('keep a yellow row under system.slice while they have no cgroup; f keeps it', () => {
    const m: HostModel = { ...coreos, units: [...coreos.units!, looping('crashloop.service')] };
    const keys = ['/', ...'crashloop', 'enter'];
    const shown = plain(m, { tab: 'services', cols: 100, rows: 24, keys }).split('\n').slice(3, 8);
    expect(shown).toEqual([
      'cgroup tree (hybrid) as systemd-cgls · 20 units, 0 failed · filter: crashloop                       ',
      'CGROUP / PROCESS                                                    STATE             TASKS   MEMORY',
      '▾ -.slice                                                                                26    516Mi',
      '└─▾ system.slice                                                    active/running       11    210Mi',
      '  └─  crashloop.service                                             auto-restart                    ',
    ]);
    const line = frame(m, { tab: 'services', cols: 100, rows: 24, keys }).split('\n').find((l) => l.includes('crashloop.service'))!;
    expect(line).toContain('\x1b[33m');
    expect(plain(m, { tab: 'services', cols: 100, rows: 30, keys: ['f'] })).toContain('crashloop.service');
  });

  it('have no second row while their cgroup exists (the process runs)', () => {
    const m: HostModel = { ...coreos, units: coreos.units!.map((u) => (u.name === 'locksmithd.service' ? looping(u.name) : u)) };
    const f = plain(m, { tab: 'services', cols: 100, rows: 40, keys: ['/', ...'locksmithd', 'enter'] });
    expect(f.split('\n').filter((l) => l.includes('locksmithd.service'))).toHaveLength(1);
  });
});

describe('narrow terminals', () => {
  it('the key hint keeps help and quit when it must drop hints', () => {
    const lines = plain(rancheros, { tab: 'mounts', cols: 80, rows: 24, keys: [] }).split('\n');
    expect(lines[23]).toBe('v view  a pseudo fs  j/k move  Enter open  L logs  / filter  ? help  q quit');
    expect(plain(rancheros, { tab: 'mounts', cols: 100, rows: 30, keys: [] }).split('\n')[29]).toBe(
      'v view  a pseudo fs  j/k move  Enter open  L logs  / filter  ? help  p pause  r refresh  q quit',
    );
  });

  it('at 80 columns columns shrink so names stay readable', () => {
    const f = plain(rancheros, { tab: 'engines', cols: 80, rows: 24, keys: [] });
    expect(f).toMatch(/├─ {2}open-vm-tools +running/);
    const o = plain(coreos, { tab: 'overview', cols: 80, rows: 24, keys: [] }).split('\n');
    expect(o[8]).toBe('');
    expect(o[7]).toMatch(/^ {11}█ used 516Mi █ shared 199Mi █ buff\/cache 385Mi · free 398Mi of 961Mi…$/);
    expect(plain(rancheros, { tab: 'mounts', cols: 80, rows: 24, keys: [] })).toMatch(/▸ \/dev\/sda1 +ext4 +28Gi +4% rw, 4 ro \/mnt and 26 bind mounts/);
  });
});
