// Services on a systemd host is the tree systemd-cgls prints: from PID 1's root (-.slice), a cgroup's
// processes first, then its sub-cgroups in the kernel's order, empty cgroups and kernel threads left out.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/model/build.js';
import type { HostModel } from '../../../src/model/types.js';
import { parseSnapshot } from '../../../src/snapshot/file.js';
import { pid1Root } from '../../../views/present/cgls.js';
import { servicesView } from '../../../views/present/services.js';
import { renderFrame } from '../../../views/render-frame.js';
import { coreos as handCoreos } from '../../fixtures/models/coreos.js';
import { expectGolden } from './golden.js';
import { cursorLine, frame, servicesAllOpen } from './helpers.js';
import { buildWarnings } from '../../../src/model/warnings.js';

const load = (file: string) => buildModel(parseSnapshot(readFileSync(join(import.meta.dirname, '../../..', file), 'utf8'), file));
/** The bundled CoreOS demo: systemd is PID 1 of its own cgroup namespace, so -.slice is `/`. */
const demo = load('demo/coreos.cosi.json');
/** The lab's systemd host over SSH (test/fixtures/snapshots/README.md): -.slice is /docker/ID. */
const lab = load('test/fixtures/snapshots/lab-systemd-host.cosi.json');
const LAB_ROOT = '/docker/105b937ab818dce619e33dc6e923fb8379346a29e3fba8f0167ada6ac7f30c56';

/** Every row opened: the labels with their tree lines, as systemd-cgls would print them. */
function allRows(model: HostModel): string[] {
  const view = servicesAllOpen(model);
  return view.rows.map((r) => r.cells[0].replace(/^([│ ]*(?:[├└]─)?)(?:[▾▸] | {2})/, '$1'));
}

describe('golden frames of Services on systemd hosts (review by eye; UPDATE_GOLDEN=1 rewrites)', () => {
  for (const [name, model] of [['coreos', demo], ['lab', lab]] as const) {
    for (const [cols, rows] of [[100, 30], [80, 24]]) {
      it(`${name} at ${cols}x${rows}`, () => {
        const frame = renderFrame(model, { tab: 'services', cols, rows }, { color: false });
        expect(frame.split('\n')).toHaveLength(rows);
        expectGolden(`cgls-${name}-${cols}x${rows}`, frame);
      });
    }
  }

  it("lab at 100x30, cosi's own probe processes opened (one row until then)", () => {
    const keys = [...Array(10).fill('j'), 'enter'];
    expectGolden('cgls-lab-probe-open', renderFrame(lab, { tab: 'services', cols: 100, rows: 30, keys }, { color: false }));
  });
});

describe('the systemd-cgls tree', () => {
  it("starts at PID 1's cgroup without init.scope, shown as -.slice, and says which cgroup that is", () => {
    expect(pid1Root(lab.cgroups!).path).toBe(LAB_ROOT);
    expect(pid1Root(demo.cgroups!).path).toBe('/');
    const view = servicesView(lab, {}, '');
    expect(view.rows[0]).toMatchObject({ key: `cg:${LAB_ROOT}`, cells: expect.arrayContaining(['▾ -.slice', 'active/active']) });
    expect(view.title).toBe('cgroup tree (hybrid) as systemd-cgls, -.slice is /docker/105b937ab818… · 158 units, 1 failed');
    // the machine's other cgroups (outside PID 1's root) are not in it
    expect(view.rows.some((r) => r.key.startsWith('cg:/process_api') || r.key === 'cg:/docker')).toBe(false);
  });

  it('the whole lab tree, every row opened: processes first, then sub-cgroups in the order the kernel listed them, no empty cgroup', () => {
    expect(allRows(lab)).toEqual([
      '-.slice',
      '├─user.slice',
      '│ └─user-500.slice',
      '│   ├─user@500.service',
      '│   │ └─init.scope',
      '│   │   ├─4898 /lib/systemd/systemd --user',
      '│   │   └─4899 (sd-pam)',
      '│   └─session-72.scope',
      '│     ├─4895 sshd: core [priv]',
      '│     ├─4908 sshd: core@notty',
      '│     └─cosi probe (8 processes)',
      '│       ├─4909 cosi probe (sh)',
      '│       ├─4934 cosi probe',
      '│       ├─4935 cosi probe',
      '│       ├─4936 cosi probe',
      '│       ├─4937 cosi probe',
      '│       ├─4938 cosi probe',
      '│       ├─4939 cosi probe',
      '│       └─4946 cosi probe',
      '├─init.scope',
      '│ └─1 /sbin/init',
      '└─system.slice',
      '  ├─systemd-journald.service',
      '  │ └─35 /lib/systemd/systemd-journald',
      '  ├─ssh.service',
      '  │ └─68 sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups',
      '  ├─demo-web.service',
      '  │ └─57 /bin/busybox httpd -f -p 127.0.0.1:28080 -h /srv/www',
      '  ├─dbus.service',
      '  │ └─56 /usr/bin/dbus-daemon --system --address=systemd: --nofork --nopidfile --systemd-activation --syslog-only',
      '  ├─systemd-logind.service',
      '  │ └─66 /lib/systemd/systemd-logind',
      '  └─broken.service',
    ]);
  });

  it("units below a user manager are the user's: PID 1's init.scope state is not theirs", () => {
    const expanded = {};
    const rows = servicesView(lab, expanded, '').rows;
    const userInit = rows.find((r) => r.key === `cg:${LAB_ROOT}/user.slice/user-500.slice/user@500.service/init.scope`)!;
    const pid1Init = rows.find((r) => r.key === `cg:${LAB_ROOT}/init.scope`)!;
    expect(userInit.cells[1]).toBe('');
    expect(pid1Init.cells[1]).toBe('active/running');
  });

  it('leaves out kernel threads (kthreadd and its children) and cgroups without a process, as systemd-cgls without -k', () => {
    const root = handCoreos.cgroups!;
    const kthread = (pid: number, ppid: number, comm: string) => ({ pid, ppid, user: 'root', rssBytes: 0, state: 'S', start: '13:38', comm, args: `[${comm}]`, cgroup: '/', cpuPercent: null });
    const empty = { ...root.children[1].children[0], path: '/system.slice/idle.service', name: 'idle.service', unit: 'idle.service', pids: [], children: [] };
    const model: HostModel = {
      ...handCoreos,
      processes: [...handCoreos.processes, kthread(2, 0, 'kthreadd'), kthread(3, 2, 'rcu_gp'), kthread(9, 2, 'kworker/0:1')],
      cgroups: { ...root, pids: [2, 3, 9, 4242], children: root.children.map((c, i) => (i === 1 ? { ...c, children: [...c.children, empty] } : c)) },
    };
    const rows = allRows(model);
    expect(rows.slice(0, 3)).toEqual(['-.slice', '├─4242 (exited before ps ran)', '├─init.scope']);
    expect(rows.some((r) => /kthreadd|rcu_gp|kworker|idle\.service/.test(r))).toBe(false);
    // where ps shows no kthreadd (a container's pid namespace) pids 2 and 3 are processes like any other
    const noKthreadd: HostModel = { ...model, processes: handCoreos.processes };
    expect(allRows(noKthreadd).slice(1, 5)).toEqual(['├─2 (exited before ps ran)', '├─3 (exited before ps ran)', '├─9 (exited before ps ran)', '├─4242 (exited before ps ran)']);
  });

  it("keeps an empty cgroup whose processes were OOM-killed, and Enter on Overview's warning lands on its row", () => {
    const root = handCoreos.cgroups!;
    const killed = { ...root.children[1].children[0], path: '/system.slice/hog.service', name: 'hog.service', unit: 'hog.service', pids: [], children: [], oomKills: 2 };
    const model: HostModel = { ...handCoreos, cgroups: { ...root, children: root.children.map((c, i) => (i === 1 ? { ...c, children: [...c.children, killed] } : c)) } };
    const { warnings: _w, ...rest } = model;
    const warned: HostModel = { ...model, warnings: buildWarnings(rest) };
    expect(allRows(warned).some((r) => r.endsWith('hog.service'))).toBe(true);
    const at = warned.warnings.findIndex((w) => w.code === 'cgroup-oom');
    expect(at).toBeGreaterThanOrEqual(0);
    const after = frame(warned, { tab: 'overview', cols: 100, rows: 30, keys: [...Array<string>(at).fill('j'), 'enter'] });
    expect(after.split('\n')[2]).toContain('[2 Services]');
    expect(cursorLine(after)).toContain('hog.service');
  });
});
