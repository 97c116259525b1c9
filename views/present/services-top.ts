/** The top view of Services (`v`): one row per cgroup, like systemd-cgtop, pure. */
import type { CgroupNode, Unit } from '../../src/model/types.js';
import { eachNode } from '../../src/model/walk.js';
import { cgroupRow } from './cgroup-row.js';
import type { ListRow } from './list.js';
import { sortBy, type SortSpec } from './sort.js';
import type { TreeItem } from './tree.js';

/** Every cgroup as a row named by its path (a container's own cgroup by the container), in name order. */
export function topItems(root: CgroupNode, units: Map<string, Unit>): TreeItem[] {
  const out: TreeItem[] = [];
  eachNode(root, (n, parent) => {
    out.push({ ...cgroupRow(n, parent, units, (x) => x.path), defaultExpanded: false, children: () => [] });
  });
  return out.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The top view's rows (in name order) in the order of `sort`, by the figures they carry from their items. */
export function sortRows(rows: ListRow[], sort: SortSpec | null): ListRow[] {
  return !sort || sort.natural ? rows : sortBy(rows, sort, (r, id) => r.sort?.[id] ?? null);
}
