// The Services tab of the lab's systemd host (CoreOS-like: systemd is PID 1 of a container that sees
// this machine's whole cgroup tree) is the tree `systemd-cgls` prints there: the same root
// (PID 1's /docker/ID, shown as -.slice), the same cgroups in the same order, the same processes
// first in each cgroup, no empty cgroup. cosi reads the host over SSH, as a user does.
//
// The host moves while the test runs (other tests' units may crash-loop, docker exec and ssh sessions
// come and go, cosi's own SSH session is one), so systemd-cgls is read before and after cosi and
// only what both readings agree on must be in cosi's tree; what cosi shows beyond them must have
// been a passing state (its processes gone by the end). A login held open through the test
// (user.slice/user-500.slice/session-N.scope, user@500.service) is in both readings: the deeper
// levels are compared too.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../src/model/build.js';
import { parseSnapshot } from '../../src/snapshot/file.js';
import { servicesAllOpen } from '../unit/views/helpers.js';
import { labUp, sshConfigFor } from './lab.js';
import { REPO_DIR } from './lib/paths.js';
import { onHost, requireBuilt } from './support/peers.js';

const pexec = promisify(execFile);

interface Tree {
  /** Root path systemd-cgls names in its header ("Control group /docker/ID:"). */
  root: string | null;
  /** Cgroup chains ("-.slice/system.slice/ssh.service") -> their sub-cgroups' names, in order. */
  cgroups: Map<string, string[]>;
  /** pid -> the chain of its cgroup and its command line. */
  pids: Map<number, { chain: string; cmd: string; path?: string }>;
  /** cosi's rows in order (chain of the row, kind) for the per-cgroup order checks. */
  rows: { parent: string; kind: 'pid' | 'cgroup' | 'probe' | 'failed' }[];
  /** cosi's own probe processes (cosi only). */
  probe: Set<number>;
}

const blankTree = (): Tree => ({ root: null, cgroups: new Map(), pids: new Map(), rows: [], probe: new Set() });

/**
 * Parses `systemd-cgls --no-pager --full`: "-.slice", then "├─NAME (#ID)" and "│ └─ PID CMD" lines (PIDs
 * right-aligned), xattr lines (→) skipped; a line without a branch continues the command line above it.
 */
function parseCgls(text: string): Tree {
  const t = blankTree();
  const stack: string[] = [];
  let last: { chain: string; cmd: string } | null = null;
  for (const line of text.split('\n')) {
    const head = /^Control group (.*):$/.exec(line);
    if (head) t.root = head[1];
    else if (line === '-.slice' && stack.length === 0) {
      stack.push(line);
      t.cgroups.set(line, []);
    } else if (/^[│ ]*→/.test(line) || line === '') continue;
    else {
      const m = /^((?:[│ ] )*)[├└]─(.*)$/.exec(line);
      if (!m) {
        if (last) last.cmd += `\n${line}`;
        continue;
      }
      stack.length = m[1].length / 2 + 1;
      const parent = stack.join('/');
      const pid = /^ *(\d+) (.*)$/.exec(m[2]);
      if (pid) {
        last = { chain: parent, cmd: pid[2] };
        t.pids.set(Number(pid[1]), last);
      } else {
        last = null;
        // " (#ID)": the cgroup's id (systemd 252); " …": a delegated cgroup (a user manager's)
        const name = m[2].replace(/ \(#\d+\)$/, '').replace(/ …$/, '');
        t.cgroups.get(parent)!.push(name);
        stack.push(name);
        t.cgroups.set(stack.join('/'), []);
      }
    }
  }
  return t;
}

/** cosi's Services rows with every row opened (what the user sees after opening everything). */
function cosiTree(file: string): { tree: Tree; title: string; rootKey: string } {
  const model = buildModel(parseSnapshot(readFileSync(file, 'utf8'), file));
  const view = servicesAllOpen(model);
  const t = blankTree();
  const stack: string[] = [];
  for (const r of view.rows) {
    const label = r.cells[0].replace(/^[│ ]*(?:[├└]─)?[▾▸ ] /, '');
    stack.length = r.depth;
    const parent = stack.join('/');
    if (r.key.startsWith('cg:')) {
      stack.push(label);
      if (r.depth > 0) t.cgroups.get(parent)!.push(label);
      t.cgroups.set(stack.join('/'), []);
      t.rows.push({ parent, kind: 'cgroup' });
    } else if (r.key.startsWith('pid:')) {
      const m = /^(\d+) (.*)$/.exec(label)!;
      const pid = Number(m[1]);
      const chain = parent.replace(/\/cosi probe \(\d+ processes\)$/, '');
      if (m[2].startsWith('cosi probe')) t.probe.add(pid);
      t.pids.set(pid, { chain, cmd: m[2], path: r.key.slice(4, r.key.lastIndexOf(':')) });
      if (chain === parent) t.rows.push({ parent, kind: 'pid' });
    } else {
      t.rows.push({ parent, kind: r.key.startsWith('probe:') ? 'probe' : 'failed' });
      if (r.key.startsWith('probe:')) stack.push(label);
    }
  }
  return { tree: t, title: view.title, rootKey: view.rows[0].key };
}

/**
 * The same command line: a title that counts something (sshd's "[listener] 0 of 10-100 startups") is the
 * same title, and a command of several lines is compared by its first (ps shows the newline as ?).
 */
function sameCmd(a: string, b: string): boolean {
  const norm = (x: string) => x.split('\n')[0].replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
  return norm(a).startsWith(norm(b)) || norm(b).startsWith(norm(a));
}

beforeAll(async () => {
  requireBuilt();
  await labUp('systemd');
}, 600_000);

/** Polls `check` until it holds (up to `ms`): a loaded machine may take seconds to start a login's units. */
async function until(what: string, check: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`gave up waiting ${ms / 1000} s for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe('lab systemd host: Services is the systemd-cgls tree', () => {
  it('same root, cgroups, order and processes as systemd-cgls before and after cosi read the host', async () => {
    const cgls = () => onHost('systemd', 'systemd-cgls --no-pager --full');
    const { configPath, alias } = sshConfigFor('systemd');
    // The held login: `cat` reads the test's pipe and ends (and the session with it) when the pipe closes.
    const held = spawn('ssh', ['-F', configPath, '-o', 'BatchMode=yes', alias, 'exec cat'], { stdio: ['pipe', 'ignore', 'ignore'] });
    try {
      const isHeld = (t: Tree) => [...t.pids].some(([, p]) => p.cmd === 'cat' && /\/session-\d+\.scope$/.test(p.chain)) && [...t.pids.values()].some((p) => p.cmd === '/lib/systemd/systemd --user');
      await until('the held login and its user manager in systemd-cgls', async () => isHeld(parseCgls(await cgls())));
      const file = join(mkdtempSync(join(tmpdir(), 'cosi-cgls-')), 'coreos.cosi.json');
      const before = parseCgls(await cgls());
      await pexec('node', [join(REPO_DIR, 'bin/cosi.js'), 'snapshot', '-F', configPath, alias, '-o', file], { cwd: REPO_DIR, timeout: 120_000 });
      const after = parseCgls(await cgls());
      await compare(before, after, file);
    } finally {
      held.stdin.end();
      held.kill();
    }
  }, 180_000);
});

async function compare(before: Tree, after: Tree, file: string): Promise<void> {
  const { tree: mine, title, rootKey } = cosiTree(file);

  // One reading of which processes still live, after everything else: what came and went is gone by now.
  const shown = [...mine.pids.keys()];
  // Still running there: not exited (a zombie has left its cgroup's list already) and in the same cgroup.
  const now = await onHost(
    'systemd',
    `for p in ${shown.join(' ')}; do s=$(sed 's/.*) //' /proc/$p/stat 2>/dev/null | cut -d' ' -f1) && c=$(grep -m1 ':name=systemd:' /proc/$p/cgroup 2>/dev/null || grep -m1 '^0::' /proc/$p/cgroup 2>/dev/null) && echo "$p $s \${c#*:*:}"; done; true`,
  );
  const alive = new Set(
    now
      .split('\n')
      .map((l) => /^(\d+) (\S+) (.*)$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null && !/^[ZX]/.test(m[2]) && mine.pids.get(Number(m[1]))?.path === m[3])
      .map((m) => Number(m[1])),
  );

  expect(alive.has(1)).toBe(true);

  // The root: PID 1's cgroup without init.scope, shown as -.slice.
  expect(before.root).toMatch(/^\/docker\/[0-9a-f]{64}$/);
  expect(rootKey).toBe(`cg:${before.root}`);
  expect(title).toContain(`cgroup tree (hybrid) as systemd-cgls, -.slice is ${before.root!.slice(0, 20)}…`);
  expect(mine.cgroups.has('-.slice')).toBe(true);

  // Every process both readings put in the same cgroup is in that cgroup in cosi, with its command.
  const stable = [...before.pids].filter(([pid, b]) => after.pids.get(pid)?.chain === b.chain);
  expect(stable.map(([pid]) => pid)).toEqual(expect.arrayContaining([1]));
  expect(stable.length).toBeGreaterThanOrEqual(8);
  // the held login is among them: its session scope three levels down, its user manager four
  expect(stable.some(([, b]) => b.cmd === 'cat' && /^-\.slice\/user\.slice\/user-500\.slice\/session-\d+\.scope$/.test(b.chain))).toBe(true);
  expect(stable.some(([, b]) => b.chain === '-.slice/user.slice/user-500.slice/user@500.service/init.scope')).toBe(true);
  const wrong: string[] = [];
  for (const [pid, b] of stable) {
    const m = mine.pids.get(pid);
    const cmdSettled = sameCmd(b.cmd, after.pids.get(pid)!.cmd);
    if (!m || m.chain !== b.chain || (cmdSettled && !sameCmd(m.cmd, b.cmd))) wrong.push(`${pid} ${b.cmd} in ${b.chain}: cosi ${m ? `${m.cmd} in ${m.chain}` : 'has no such row'}`);
  }
  // Every process cosi shows is where a reading put it, or one of cosi's own, or gone (it was passing).
  for (const [pid, m] of mine.pids) {
    const seen = [before.pids.get(pid), after.pids.get(pid)].some((x) => x?.chain === m.chain);
    const said = [before, after].map((t) => (t.pids.has(pid) ? `${t.pids.get(pid)!.cmd} in ${t.pids.get(pid)!.chain}` : 'absent')).join(' / ');
    if (!seen && !mine.probe.has(pid) && alive.has(pid)) wrong.push(`${pid} ${m.cmd} in ${m.chain}: in no systemd-cgls reading there (before / after: ${said}), and still running`);
  }
  // Every cgroup cosi shows has a process in it or below it (systemd-cgls leaves empty ones out), and is
  // in a reading, or held only processes that are gone (a unit that came and went).
  for (const chain of mine.cgroups.keys()) {
    const inside = [...mine.pids].filter(([, m]) => m.chain === chain || m.chain.startsWith(`${chain}/`));
    if (inside.length === 0) wrong.push(`${chain}: shown without a process in it or below it`);
    if (before.cgroups.has(chain) || after.cgroups.has(chain)) continue;
    for (const [pid, m] of inside) if (alive.has(pid) && !mine.probe.has(pid)) wrong.push(`${chain}: in no systemd-cgls reading, yet ${pid} ${m.cmd} still runs`);
  }
  expect(wrong).toEqual([]);

  // Sub-cgroups in systemd-cgls's order (the kernel's), for those both readings and cosi show.
  for (const [chain, kids] of mine.cgroups) {
    const theirs = after.cgroups.get(chain);
    if (!theirs) continue;
    const common = (xs: string[]) => xs.filter((x) => kids.includes(x) && theirs.includes(x) && (before.cgroups.get(chain) ?? []).includes(x));
    expect(common(kids), `order under ${chain}`).toEqual(common(theirs));
  }
  // In each cgroup: its processes (cosi's own in one row), then sub-cgroups, then failed units.
  const rank = { pid: 0, probe: 1, cgroup: 2, failed: 3 };
  const last = new Map<string, number>();
  for (const r of mine.rows) {
    expect(rank[r.kind], `row order under ${r.parent}`).toBeGreaterThanOrEqual(last.get(r.parent) ?? 0);
    last.set(r.parent, rank[r.kind]);
  }
  // The units every reading shows (the lab's demo-web.service and ssh.service among them) are there.
  expect([...mine.cgroups.keys()]).toEqual(expect.arrayContaining(['-.slice/init.scope', '-.slice/system.slice/demo-web.service', '-.slice/system.slice/ssh.service']));
  // broken.service failed: no cgroup (systemd-cgls does not show it); cosi lists it under system.slice.
  expect(mine.rows.some((r) => r.kind === 'failed' && r.parent === '-.slice/system.slice')).toBe(true);
}
