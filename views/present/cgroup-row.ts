/** One cgroup as a row of Services (tree and top view alike), pure. */
import type { CgroupNode, Unit } from '../../src/model/types.js';
import { cgroupFigureCells, cgroupSortValues, stateCell } from './cgroup-cells.js';
import type { Tone } from './list.js';
import type { TreeItem } from './tree.js';

export function unitTone(u: Unit | undefined): Tone {
  if (!u) return 'normal';
  if (u.active === 'failed') return 'red';
  if (u.active === 'activating' || u.active === 'deactivating' || u.active === 'reloading') return 'yellow';
  if (u.active === 'inactive') return 'dim';
  return 'normal';
}

/** A container's own cgroup carries its name; its sub-cgroups (systemd inside it: init.scope, system.slice) keep theirs. */
export function containerLabelled(node: CgroupNode, parent: CgroupNode | null): boolean {
  return node.container !== null && node.container.id !== parent?.container?.id;
}

export type CgroupRow = Omit<TreeItem, 'defaultExpanded' | 'children'>;

/** The row of a cgroup; `nameOf` is how it is named when it is not a container's own cgroup (tree: its name; top view: its path). */
export function cgroupRow(node: CgroupNode, parent: CgroupNode | null, units: Map<string, Unit>, nameOf: (n: CgroupNode) => string): CgroupRow {
  const unit = node.unit ? units.get(node.unit) : undefined;
  const own = containerLabelled(node, parent);
  const label = own && node.container ? `${node.container.name} [${node.container.engine} ${node.container.id.slice(0, 12)}]` : nameOf(node);
  const state = unit ? `${unit.active}/${unit.sub}` : own ? (node.container?.kind ?? 'container') : '';
  const tone: Tone = node.oomKills && node.oomKills > 0 ? 'red' : unitTone(unit);
  return {
    key: `cg:${node.path}`,
    label,
    cells: [stateCell(state, node), ...cgroupFigureCells(node)],
    tone,
    sort: cgroupSortValues(node),
    text: [node.path, node.unit ?? '', node.container?.name ?? '', node.container?.id ?? '', unit?.description ?? ''].join(' ').toLowerCase(),
    problem: tone === 'red' || tone === 'yellow',
  };
}
