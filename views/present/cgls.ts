/**
 * Services on a systemd host: the tree `systemd-cgls` prints. It starts at PID 1's cgroup root,
 * shown as `-.slice` (`/` on a host, `/docker/ID` when PID 1 is systemd in a container that sees the
 * whole tree); in a cgroup its processes come first, then its sub-cgroups in the kernel's order;
 * cgroups with no process in them or below them are left out. Kernel threads are left out too, as
 * systemd-cgls does without -k. cosi adds the failed units (they have no cgroup left) under
 * system.slice, and names containers' cgroups by their container.
 */
import type { CgroupNode, HostModel, Process, Unit } from '../../src/model/types.js';
import { eachNode } from '../../src/model/walk.js';
import { unitItem, unitsWithoutCgroup, type Lookups } from './cgroup-items.js';
import { cgroupItem } from './cgroup-row.js';
import { once, type TreeItem } from './tree-item.js';
import { unitsNote } from './units-note.js';

/** A cgroup's own process rows open by default up to this many; a bigger list shows ▸ and its task count. */
const OPEN_PIDS = 3;

/**
 * The cgroup PID 1 sees as the root, as systemd's cg_get_root_path: PID 1's cgroup without its
 * `/init.scope` (older systemd: `/system.slice`, `/system`); the tree's root when PID 1 is in none.
 */
export function pid1Root(root: CgroupNode): CgroupNode {
  let found = pid1Roots.get(root);
  if (!found) pid1Roots.set(root, (found = findPid1Root(root)));
  return found;
}

/** Per cgroup tree (a model's does not change once built): the Services title asks on every render, and the search walks the tree. */
const pid1Roots = new WeakMap<CgroupNode, CgroupNode>();

function findPid1Root(root: CgroupNode): CgroupNode {
  let pid1: CgroupNode | null = null;
  eachNode(root, (n) => {
    if (pid1 === null && n.pids.includes(1)) pid1 = n;
    return pid1 === null;
  });
  if (pid1 === null) return root;
  const path = (pid1 as CgroupNode).path.replace(/\/(init\.scope|system\.slice|system)$/, '') || '/';
  let found: CgroupNode = root;
  eachNode(root, (n) => {
    if (n.path === path) found = n;
    return path === n.path ? false : path.startsWith(n.path === '/' ? '/' : `${n.path}/`);
  });
  return found;
}

export function cglsTitle(model: HostModel, units: Unit[]): string {
  const root = model.cgroups ? pid1Root(model.cgroups).path : '/';
  const shown = root === '/' ? '' : `, -.slice is ${root.replace(/[0-9a-f]{64}/g, (id) => `${id.slice(0, 12)}…`)}`;
  return `cgroup tree (${model.cgroupVersion}) as systemd-cgls${shown} · ${unitsNote(units)}`;
}

interface Ctx {
  l: Lookups;
  /** Cgroups with a process in them or below them. */
  busy: Set<CgroupNode>;
  kernel: (pid: number) => boolean;
  /** Failed and restarting units without a cgroup, shown under this cgroup (the root's system.slice). */
  failedAt: CgroupNode;
  failed: Unit[];
  /** Cgroups on the way to `failedAt`: shown and open, so failures are seen. */
  trail: Set<CgroupNode>;
}

/** The tree's one root item: `-.slice`. */
export function cglsRoot(cgroups: CgroupNode, units: Unit[], l: Lookups): TreeItem {
  const root = pid1Root(cgroups);
  const kernel = kernelThreads(l.procs);
  const busy = busyCgroups(root, kernel);
  const failed = unitsWithoutCgroup(root, units);
  const slice = root.children.find((c) => c.name === 'system.slice');
  const failedAt = failed.length > 0 && slice ? slice : root;
  const trail = new Set(failed.length > 0 ? [root, failedAt] : []);
  return item(root, null, 0, { l, busy, kernel, failedAt, failed, trail });
}

/** Below a user manager (user@500.service) the units are the user's: PID 1's list does not name them. */
const USER_MANAGER = /^user@\d+\.service$/;
const NO_UNITS: ReadonlyMap<string, Unit> = new Map();

/** A cgroup's name; a 64-hex one (a container id) cut to 12. */
const nameOf = (n: CgroupNode) => (/^[0-9a-f]{64}$/.test(n.name) ? `${n.name.slice(0, 12)}…` : n.name);

const ROOT = { unit: '-.slice', label: '-.slice' };

function item(node: CgroupNode, parent: CgroupNode | null, depth: number, ctx: Ctx, userUnits = false): TreeItem {
  const { l } = ctx;
  // counts here, the lists when the row is opened: most of a big host's rows never are
  let shown = 0;
  let probe = 0;
  for (const pid of node.pids) {
    if (ctx.kernel(pid)) continue;
    shown++;
    if (l.probe.has(pid)) probe++;
  }
  let kidCount = 0;
  for (const c of node.children) if (ctx.busy.has(c) || ctx.trail.has(c)) kidCount++;
  const children = once((): TreeItem[] => {
    const items: TreeItem[] = [];
    const pids = node.pids.filter((pid) => !ctx.kernel(pid)).sort((a, b) => a - b);
    const ours = pids.filter((pid) => l.probe.has(pid));
    for (const pid of pids) {
      if (ours.length > 1 && l.probe.has(pid)) continue;
      items.push(l.processItem(`pid:${node.path}:${pid}`, pid, l.procs.get(pid)));
    }
    if (ours.length > 1) items.push(probeGroup(node, ours, l));
    for (const k of node.children) if (ctx.busy.has(k) || ctx.trail.has(k)) items.push(item(k, node, depth + 1, ctx, userUnits || USER_MANAGER.test(node.name)));
    if (node === ctx.failedAt) items.push(...ctx.failed.map(unitItem));
    return items;
  });
  const rows = probe > 1 ? shown - probe + 1 : shown;
  const open = depth === 0 || kidCount > 0 || ctx.trail.has(node) || rows <= OPEN_PIDS;
  const hasChildren = shown > 0 || kidCount > 0 || (node === ctx.failedAt && ctx.failed.length > 0);
  // the root is -.slice whatever its path; a user manager's units are not in PID 1's list
  const place = { defaultExpanded: open, children, hasChildren };
  return depth === 0 ? cgroupItem(node, null, l.units, () => '', place, ROOT) : cgroupItem(node, parent, userUnits ? NO_UNITS : l.units, nameOf, place);
}

/** cosi's own probe processes in one cgroup: one closed row, not a screenful of them. */
function probeGroup(node: CgroupNode, pids: number[], l: Lookups): TreeItem {
  return {
    key: `probe:${node.path}`,
    label: `cosi probe (${pids.length} processes)`,
    cells: ['', '', '', '', '', '', '', ''],
    tone: 'dim',
    sort: {},
    text: `cosi probe ${pids.join(' ')}`,
    defaultExpanded: false,
    children: once(() => pids.map((pid) => l.processItem(`pid:${node.path}:${pid}`, pid, l.procs.get(pid)))),
  };
}

/** Kernel threads: kthreadd (pid 2, parent 0) and its children, when ps saw it (a host's own pid namespace). */
function kernelThreads(procs: Map<number, Process>): (pid: number) => boolean {
  const k = procs.get(2);
  if (!k || k.ppid !== 0 || k.comm !== 'kthreadd') return () => false;
  return (pid) => pid === 2 || procs.get(pid)?.ppid === 2;
}

/**
 * Cgroups with a process (not a kernel thread) in them or in a cgroup below them, and empty ones
 * whose processes were OOM-killed: systemd-cgls leaves those out, but Overview's warning names them.
 */
function busyCgroups(root: CgroupNode, kernel: (pid: number) => boolean): Set<CgroupNode> {
  const order: CgroupNode[] = [];
  const parents: (CgroupNode | null)[] = [];
  eachNode(root, (n, parent) => {
    order.push(n);
    parents.push(parent);
  });
  const busy = new Set<CgroupNode>();
  for (let i = order.length - 1; i >= 0; i--) {
    const n = order[i];
    if (!busy.has(n) && (n.pids.some((pid) => !kernel(pid)) || (n.oomKills ?? 0) > 0)) busy.add(n);
    const parent = parents[i];
    if (parent && busy.has(n)) busy.add(parent);
  }
  return busy;
}
