/** The top view of Services (`v`): one row per cgroup, like systemd-cgtop, pure. */
import type { CgroupNode, Unit } from '../../src/model/types.js';
import { eachNode } from '../../src/model/walk.js';
import { cgroupItem, type CgroupItem } from './cgroup-row.js';
import { cgroupFigureColumns } from './cgroup-cells.js';
import { keepFigureColumns } from './figure-columns.js';
import { noChildren, type TreeItem } from './tree-item.js';

const pathOf = (n: CgroupNode): string => n.path;
const LEAF = { defaultExpanded: false, children: noChildren, hasChildren: false };

/** Every cgroup as a row named by its path (a container's own cgroup by the container), in name order, its figures kept as columns. */
export function topItems(root: CgroupNode, units: ReadonlyMap<string, Unit>): TreeItem[] {
  const out: CgroupItem[] = [];
  eachNode(root, (n, parent) => {
    out.push(cgroupItem(n, parent, units, pathOf, LEAF));
  });
  out.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  keepFigureColumns(out, cgroupFigureColumns(out.map((it) => it.node)));
  return out;
}
