import type { DfEntry } from '../../parsers/df.js';
import type { ContainerRef, Mount, MountFields, MountGroup, MountNode } from './types.js';

/** An overlay's upperdir comes from the mountinfo parser (read before unescaping commas). */
export type MountRow = MountFields & { upperDir?: string | null };
export type DfRow = DfEntry;

/** Kernel-interface filesystems: hidden unless the user asks (`a`). Memory-backed tmpfs/devtmpfs stay visible. */
const PSEUDO = new Set([
  'proc', 'sysfs', 'cgroup', 'cgroup2', 'devpts', 'mqueue', 'nsfs', 'debugfs', 'tracefs', 'securityfs',
  'pstore', 'bpf', 'configfs', 'fusectl', 'hugetlbfs', 'autofs', 'binfmt_misc', 'selinuxfs', 'efivarfs',
  'rpc_pipefs', 'fuse.gvfsd-fuse', 'fuse.portal', 'nfsd', 'ramfs',
]);

export function isPseudo(fstype: string): boolean {
  return PSEUDO.has(fstype);
}

function hasOption(options: string, name: string): boolean {
  return options.split(',').includes(name);
}

/** Mounts with df sizes and containers joined in (by an overlay's upperdir, else by where it is mounted: a pod's volume). */
export function buildMounts(rows: MountRow[], df: DfRow[], containerFor: (upperdir: string | null, target: string) => ContainerRef | null): Mount[] {
  const sizes = new Map(df.map((d) => [d.target, d]));
  return rows.map(({ upperDir, ...r }) => {
    const d = sizes.get(r.target);
    const upper = r.fstype === 'overlay' ? upperDir : null;
    return {
      ...r,
      readOnly: hasOption(r.options, 'ro'),
      pseudo: isPseudo(r.fstype),
      sizeBytes: d?.sizeBytes ?? null,
      usedBytes: d?.usedBytes ?? null,
      availBytes: d?.availBytes ?? null,
      container: containerFor(upper ?? null, r.target),
    };
  });
}

/**
 * The mount tree by mount id / parent id, like findmnt; entries whose parent is unknown become extra
 * roots, and so does the entry where a parent cycle (corrupt input) closes. Linear in the number of
 * mounts and iterative: a chain 100,000 mounts deep is fine.
 */
export function buildMountTree(mounts: Mount[]): MountNode[] {
  const nodes = new Map<number, MountNode>();
  for (const m of mounts) if (!nodes.has(m.id)) nodes.set(m.id, { mount: m, children: [] });
  const parentOf = (n: MountNode) => (n.mount.parentId !== n.mount.id ? nodes.get(n.mount.parentId) : undefined);
  // Each node is placed once: walk up from it until a node already placed (or a root), then place
  // the walked nodes top-down. Meeting a node of the current walk again is a cycle: it becomes a root.
  const placed = new Set<MountNode>();
  const isRoot = new Set<MountNode>();
  for (const start of nodes.values()) {
    if (placed.has(start)) continue;
    const walk: MountNode[] = [];
    const onWalk = new Set<MountNode>();
    let cur: MountNode | undefined = start;
    while (cur && !placed.has(cur) && !onWalk.has(cur)) {
      walk.push(cur);
      onWalk.add(cur);
      cur = parentOf(cur);
    }
    // cur on the walk: the cycle closes at cur, whose parent link is cut.
    if (cur && onWalk.has(cur)) isRoot.add(cur);
    else if (!cur) isRoot.add(walk[walk.length - 1]);
    for (const n of walk) placed.add(n);
  }
  const roots: MountNode[] = [];
  for (const node of nodes.values()) {
    if (isRoot.has(node)) roots.push(node);
    else parentOf(node)!.children.push(node);
  }
  return roots;
}

/**
 * One group per filesystem instance (device numbers + fs type + source): RancherOS's
 * /dev/sda1 bind-mounted onto 27 paths is one group. The member mounting the
 * filesystem's own root ("/") comes first, then targets in order.
 */
export function buildMountGroups(mounts: Mount[]): MountGroup[] {
  const groups = new Map<string, MountGroup>();
  for (const m of mounts) {
    const key = `${m.majorMinor}|${m.fstype}|${m.source}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        key, source: m.source, fstype: m.fstype, majorMinor: m.majorMinor, pseudo: m.pseudo,
        targets: [], members: [], sizeBytes: null, usedBytes: null, availBytes: null,
      };
      groups.set(key, g);
    }
    g.members.push({ id: m.id, target: m.target, root: m.root, readOnly: m.readOnly });
    if (g.sizeBytes === null && m.sizeBytes !== null) {
      g.sizeBytes = m.sizeBytes;
      g.usedBytes = m.usedBytes;
      g.availBytes = m.availBytes;
    }
  }
  for (const g of groups.values()) {
    g.members.sort((a, b) => Number(b.root === '/') - Number(a.root === '/') || (a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
    g.targets = g.members.map((m) => m.target);
  }
  return [...groups.values()];
}
