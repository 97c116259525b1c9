import type { HostModel, Mount, MountGroup, MountNode } from '../../src/model/types.js';
import { buildMountGroups, buildMountTree } from '../../src/model/mounts.js';
import { bytes, plural, usePercent } from './format.js';
import { cutNote } from './sections.js';
import { makeView, type ListView } from './list.js';
import { flattenTree, type TreeItem } from './tree.js';
import { cachedRoots, once } from './tree-item.js';
import { sortNote, type SortSpec, type SortValue } from './sort.js';

export const MOUNT_COLUMNS = [
  { title: 'SOURCE / TARGET', width: 0 },
  { title: 'TYPE', width: 9 },
  { title: 'SIZE', width: 6, align: 'right' as const },
  { title: 'USE%', width: 5, align: 'right' as const },
  { title: 'RW', width: 3, grow: true },
  { title: 'MOUNTED ON / ROOT', width: 38, min: 26 },
];

export const TREE_COLUMNS = [
  { title: 'TARGET', width: 0 },
  { title: 'TYPE', width: 9 },
  { title: 'SIZE', width: 6, align: 'right' as const },
  { title: 'USE%', width: 5, align: 'right' as const },
  { title: 'RW', width: 3 },
  { title: 'SOURCE[ROOT]', width: 32, min: 22 },
];

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Mounts another mount sits on at the same path (two tmpfs stacked on /dev/shm): the lower one is hidden. */
const coveredCache = new WeakMap<Mount[], Set<number>>();
function coveredIds(mounts: Mount[]): Set<number> {
  let c = coveredCache.get(mounts);
  if (!c) {
    const byId = new Map(mounts.map((m) => [m.id, m]));
    c = new Set(mounts.filter((m) => byId.get(m.parentId)?.target === m.target).map((m) => m.parentId));
    coveredCache.set(mounts, c);
  }
  return c;
}

/** Pseudo filesystems of a table, counted once per table: every expand or filter key makes a new view. */
const pseudoCounts = new WeakMap<Mount[], number>();
function pseudoCount(mounts: Mount[]): number {
  let n = pseudoCounts.get(mounts);
  if (n === undefined) pseudoCounts.set(mounts, (n = mounts.filter((m) => m.pseudo).length));
  return n;
}

const OVER = ' (mounted over)';

function groupSummary(g: MountGroup, covered: Set<number>): string {
  const own = g.members.find((m) => m.root === '/');
  const targets = [...g.targets].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  const first = own?.target ?? targets[0] ?? '';
  const firstId = g.members.find((m) => m.target === first)?.id;
  const rest = g.members.length - 1;
  const over = firstId !== undefined && covered.has(firstId) ? OVER : '';
  return rest > 0 ? `${first}${over} and ${plural(rest, 'bind mount')}` : first + over;
}

/** "rw", "ro", or for a mix the count of the fewer kind: "rw, 4 ro" (23 rw and 4 ro bind mounts). */
export function groupRw(g: MountGroup): string {
  const ro = g.members.filter((m) => m.readOnly).length;
  const rw = g.members.length - ro;
  if (ro === 0) return 'rw';
  if (rw === 0) return 'ro';
  return ro <= rw ? `rw, ${ro} ro` : `ro, ${rw} rw`;
}

function groupItem(g: MountGroup, covered: Set<number>): TreeItem {
  const members = [...g.members].sort((a, b) => (a.target < b.target ? -1 : a.target > b.target ? 1 : a.id - b.id));
  return {
    key: `grp:${g.key}`,
    label: g.source,
    cells: [g.fstype, g.sizeBytes === null ? '' : bytes(g.sizeBytes), usePercent(g.usedBytes, g.availBytes, g.sizeBytes), groupRw(g), groupSummary(g, covered)],
    tone: g.pseudo ? 'dim' : 'normal',
    text: `${g.source} ${g.fstype}`.toLowerCase(),
    sort: mountSortValues(g),
    defaultExpanded: false,
    children: once(() =>
      members.map((m) => ({
        key: `grp:${g.key}>${m.id}`,
        label: m.target,
        cells: ['', '', '', m.readOnly ? 'ro' : 'rw', (m.root === '/' ? 'root /' : `root ${m.root}`) + (covered.has(m.id) ? OVER : '')],
        merge: 3,
        tone: covered.has(m.id) ? 'dim' : m.readOnly ? 'yellow' : 'normal',
        text: `${m.target} ${m.root}`.toLowerCase(),
        defaultExpanded: false,
        children: () => [],
      })),
    ),
  };
}

/** A mount's or a group's figures by sort column (see sort.ts). */
function mountSortValues(m: { fstype: string; sizeBytes: number | null; usedBytes: number | null; availBytes: number | null }): Record<string, SortValue> {
  const whole = m.usedBytes === null ? null : m.availBytes !== null ? m.usedBytes + m.availBytes : m.sizeBytes;
  return { size: m.sizeBytes, use: m.usedBytes !== null && whole ? m.usedBytes / whole : null, type: m.fstype };
}

function mountCells(m: Mount): string[] {
  const src = m.root === '/' ? m.source : `${m.source}[${m.root}]`;
  const where = m.container ? `${src} (${m.container.name})` : src;
  return [m.fstype, m.sizeBytes === null ? '' : bytes(m.sizeBytes), usePercent(m.usedBytes, m.availBytes, m.sizeBytes), m.readOnly ? 'ro' : 'rw', where];
}

/** The nodes shown under a parent: hidden pseudo mounts are replaced by what they hold (iteratively). */
function visibleChildren(nodes: MountNode[], showAll: boolean): MountNode[] {
  const out: MountNode[] = [];
  const stack = [...nodes];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (!showAll && n.mount.pseudo) stack.push(...n.children);
    else out.push(n);
  }
  return out.sort((a, b) => (a.mount.target < b.mount.target ? -1 : a.mount.target > b.mount.target ? 1 : a.mount.id - b.mount.id));
}

function nodeItem(n: MountNode, showAll: boolean, covered: Set<number>): TreeItem {
  const m = n.mount;
  const over = covered.has(m.id);
  return {
    key: `mnt:${m.id}`,
    label: over ? m.target + OVER : m.target,
    cells: mountCells(m),
    tone: m.pseudo || over ? 'dim' : m.readOnly ? 'yellow' : 'normal',
    sort: mountSortValues(m),
    text: `${m.target} ${m.source} ${m.fstype} ${m.root} ${m.container?.name ?? ''}`.toLowerCase(),
    defaultExpanded: true,
    children: once(() => visibleChildren(n.children, showAll).map((c) => nodeItem(c, showAll, covered))),
  };
}

const rootItems = new WeakMap<HostModel, Map<string, TreeItem[]>>();
const hostTables = new WeakMap<HostModel, { mounts: Mount[]; mountTree: MountNode[]; mountGroups: MountGroup[] }>();

/** The table shown: ours, or PID 1's (built once per model). */
function table(model: HostModel, host: boolean): { mounts: Mount[]; mountTree: MountNode[]; mountGroups: MountGroup[] } {
  if (!host || !model.hostMounts) return model;
  let t = hostTables.get(model);
  if (!t) {
    t = { mounts: model.hostMounts, mountTree: buildMountTree(model.hostMounts), mountGroups: buildMountGroups(model.hostMounts) };
    hostTables.set(model, t);
  }
  return t;
}

export function mountsView(model: HostModel, view: 'grouped' | 'tree', showAll: boolean, expanded: Record<string, boolean>, filter: string, hostView = false, sort: SortSpec | null = null): ListView {
  const src = table(model, hostView);
  const whose = hostView && model.hostMounts ? "PID 1's mounts (H: ours)" : model.hostMounts ? "this shell's mounts (H: PID 1's)" : '';
  const shown = showAll ? src.mounts.length : src.mounts.length - pseudoCount(src.mounts);
  const hidden = src.mounts.length - shown;
  const extra = [whose, cutNote(model, hostView && model.hostMounts ? 'mountinfo-host' : 'mountinfo', 'mounts'), hidden > 0 ? `${hidden} pseudo hidden (a shows)` : showAll ? 'all filesystems' : '', sortNote(sort).slice(3), filter ? `filter: ${filter}` : ''].filter(Boolean);
  if (view === 'grouped') {
    const natural = cachedRoots(rootItems, model, `grouped|${hostView}|${showAll}`, () =>
      src.mountGroups
        .filter((g) => showAll || !g.pseudo)
        .sort((a, b) => cmp(a.source, b.source) || cmp(a.fstype, b.fstype) || cmp(a.key, b.key))
        .map((g) => groupItem(g, coveredIds(src.mounts))),
    );
    const title = [`grouped by device · ${plural(natural.length, 'group')}, ${plural(shown, 'mount')}`, ...extra].join(' · ');
    const rows = flattenTree(natural, expanded, filter, false, false, sort);
    return makeView(title, MOUNT_COLUMNS, rows, filter ? `nothing matches "${filter}"` : 'no mounts were read');
  }
  const natural = cachedRoots(rootItems, model, `tree|${hostView}|${showAll}`, () => visibleChildren(src.mountTree, showAll).map((n) => nodeItem(n, showAll, coveredIds(src.mounts))));
  const title = [`tree (like findmnt) · ${plural(shown, 'mount')}`, ...extra].join(' · ');
  const rows = flattenTree(natural, expanded, filter, false, false, sort);
  return makeView(title, TREE_COLUMNS, rows, filter ? `nothing matches "${filter}"` : 'no mounts were read');
}
