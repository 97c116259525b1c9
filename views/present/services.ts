import type { CgroupNode, HostModel } from '../../src/model/types.js';
import { eachNode } from '../../src/model/walk.js';
import { plural } from './format.js';
import { sortNote, type SortSpec } from './sort.js';
import { topItems } from './services-top.js';
import { cgroupItem, containerLabelled } from './cgroup-row.js';
import { lookupsFor, type Lookups } from './cgroup-items.js';
import { cglsRoot, cglsTitle } from './cgls.js';
import { cutNote } from './sections.js';
import { makeView, type ListView } from './list.js';
import { unitsNote } from './units-note.js';
import { rosHasLimits, rosServicesItem, systemDockerOf } from './ros-services.js';
import { treeRows, type TreeItem } from './tree.js';
import { cachedRoots, once } from './tree-item.js';
import { emptyNote, filterNote } from './filter-notes.js';

export const SERVICE_COLUMNS = [
  { title: 'CGROUP / PROCESS', width: 0 },
  { title: 'STATE', width: 16, min: 10 },
  { title: 'TASKS', width: 6, align: 'right' as const },
  { title: 'MEMORY', width: 8, align: 'right' as const },
  { title: 'CPU', width: 10, align: 'right' as const },
  { title: 'THROT', width: 5, align: 'right' as const, drop: 4 },
  { title: 'IO', width: 8, align: 'right' as const, drop: 2 },
  { title: 'PSI', width: 8, align: 'right' as const, drop: 3 },
  { title: 'LIMITS', width: 11, align: 'right' as const, drop: 1 },
];

/** Without CPU counters or limits (an older snapshot), the CPU and LIMITS columns leave their room to the names. */
const PLAIN_COLUMNS = SERVICE_COLUMNS.slice(0, 4);

/**
 * With RancherOS services, STATE holds docker's words ("Exited (0) 2 minutes ago"), and of the figure
 * columns only LIMITS is kept (where some cgroup or system service has a limit; narrow terminals leave it out first).
 */
const ROS_COLUMNS = SERVICE_COLUMNS.map((c) => (c.title === 'STATE' ? { ...c, width: 25 } : c));

const figures = new WeakMap<CgroupNode, Set<string>>();

/**
 * The figure columns some cgroup fills (one walk per model): CPU and LIMITS with a rate or a limit,
 * THROT with a CPU quota, IO with a rate, PSI with pressure figures. The others leave their room to the names.
 * 'limit' marks a CPU or memory limit somewhere (the RancherOS layout's LIMITS).
 */
function figureColumns(root: CgroupNode): Set<string> {
  let found = figures.get(root);
  if (found) return found;
  const f = new Set<string>();
  eachNode(root, (n) => {
    // older models (test fixtures, --json of an older cosi) may have no limits
    const l = n.limits ?? { cpuCores: null, memoryBytes: null };
    if (n.cpu || l.cpuCores !== null || l.memoryBytes !== null) f.add('CPU').add('LIMITS');
    if (l.cpuCores !== null || l.memoryBytes !== null) f.add('limit');
    if (n.cpu?.throttledPercent != null || l.cpuCores !== null) f.add('THROT');
    if (n.io) f.add('IO');
    if (n.pressure) f.add('PSI');
    return f.size < 6;
  });
  figures.set(root, (found = f));
  return found;
}

/** The raw layout (hosts without systemd): children by name, then the cgroup's processes. */
function nodeItem(node: CgroupNode, depth: number, l: Lookups, parent: CgroupNode | null = null): TreeItem {
  const children = once((): TreeItem[] => {
    const label = (n: CgroupNode) => (containerLabelled(n, node) ? n.container!.name : n.name);
    const kids = [...node.children].sort((a, b) => (label(a) < label(b) ? -1 : label(a) > label(b) ? 1 : a.path < b.path ? -1 : 1));
    const items = kids.map((k) => nodeItem(k, depth + 1, l, node));
    const pids = [...node.pids].sort((a, b) => a - b);
    for (const pid of pids) items.push(l.processItem(`pid:${node.path}:${pid}`, pid, l.procs.get(pid)));
    return items;
  });
  const open = (depth < 2 && node.children.length > 0) || (node.children.length === 0 && node.pids.length > 0 && node.pids.length <= 3);
  return cgroupItem(node, parent, l.units, rawName, { defaultExpanded: open, children, hasChildren: node.children.length + node.pids.length > 0 });
}

const rawName = (n: CgroupNode): string => (n.path === '/' ? '/' : /^[0-9a-f]{64}$/.test(n.name) ? `${n.name.slice(0, 12)}…` : n.name);

const rootItems = new WeakMap<HostModel, Map<string, TreeItem[]>>();

export function servicesView(model: HostModel, expanded: Record<string, boolean>, filter: string, problemsOnly = false, sort: SortSpec | null = null, flat = false): ListView {
  const sysDocker = systemDockerOf(model);
  const what = flat ? `top view (v: tree) · ${model.cgroups ? plural(countNodes(model.cgroups), 'cgroup') : 'no cgroups'} (${model.cgroupVersion})` : `cgroup tree (${model.cgroupVersion})`;
  const title = model.units
    ? flat
      ? `${what} · ${unitsNote(model.units)}`
      : cglsTitle(model, model.units)
    : sysDocker && !flat
      ? `no systemd: system services are ${sysDocker.name} containers · then the cgroup tree (${model.cgroupVersion})`
      : model.unitsUnreadable !== undefined
        ? `${what} · systemd units not readable from this shell${model.unitsUnreadable ? ` (${model.unitsUnreadable})` : ''}`
        : `${what} · no systemd on this host: raw cgroups`;
  const cut = cutNote(model, 'cgroups', 'cgroups');
  const t = title + (cut ? ` · ${cut}` : '') + sortNote(sort, flat) + filterNote(filter, problemsOnly);
  if (!model.cgroups) return makeView(t, SERVICE_COLUMNS, [], 'no cgroup tree was read');
  const l = lookupsFor(model);
  const cgroups = model.cgroups;
  const units = model.units;
  const roots = flat
    ? cachedRoots(rootItems, model, 'top', () => topItems(cgroups, l.units))
    : cachedRoots(rootItems, model, 'services', () => {
        if (units) return [cglsRoot(cgroups, units, l)];
        const tree = nodeItem(cgroups, 0, l);
        return sysDocker ? [rosServicesItem(sysDocker, (p) => l.nodes.get(p), l.processItem, l.procs), tree] : [tree];
      });
  const { columns, keep } = layoutFor(model, cgroups, sysDocker, flat);
  // a sort reorders the rows of its order before: only rows whose lead changes are new (tree.ts)
  const rows = treeRows(roots, expanded, filter, false, problemsOnly, sort, keep);
  return makeView(t, columns, rows, emptyNote(filter, problemsOnly, 'empty cgroup tree'));
}

interface Layout {
  columns: typeof SERVICE_COLUMNS;
  /** The shown columns' indexes (the same array for a model: the rows of its flattenings are taken again), null for all. */
  keep: number[] | null;
}
const layouts = new WeakMap<HostModel, Map<boolean, Layout>>();

/** The columns of the tree or the top view, once per model. */
function layoutFor(model: HostModel, cgroups: CgroupNode, sysDocker: ReturnType<typeof systemDockerOf>, flat: boolean): Layout {
  let byView = layouts.get(model);
  if (!byView) layouts.set(model, (byView = new Map()));
  let l = byView.get(flat);
  if (!l) {
    const present = figureColumns(cgroups);
    const plain = sysDocker !== null && !flat;
    const rosLimits = sysDocker !== null && !flat && (present.has('limit') || rosHasLimits(sysDocker));
    const shows = (title: string) => (plain ? title === 'LIMITS' && rosLimits : present.has(title));
    const keep = SERVICE_COLUMNS.map((c, i) => i).filter((i) => i < PLAIN_COLUMNS.length || shows(SERVICE_COLUMNS[i].title));
    const columns = keep.map((i) => (plain ? ROS_COLUMNS[i] : flat && i === 0 ? { ...SERVICE_COLUMNS[0], title: 'CGROUP' } : SERVICE_COLUMNS[i]));
    byView.set(flat, (l = { columns, keep: keep.length < SERVICE_COLUMNS.length ? keep : null }));
  }
  return l;
}

const nodeCounts = new WeakMap<CgroupNode, number>();
function countNodes(root: CgroupNode): number {
  let n = nodeCounts.get(root);
  if (n === undefined) {
    n = 0;
    eachNode(root, () => void n!++);
    nodeCounts.set(root, n);
  }
  return n;
}
