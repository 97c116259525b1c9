/** One cgroup as an item of Services (tree and top view alike), pure. */
import type { CgroupNode, Unit } from '../../src/model/types.js';
import { cgroupFigureCells, cgroupSortValues, stateCell, type CgroupFigures } from './cgroup-cells.js';
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

/** Where the item sits in its tree: made by the tree's presenter. */
export interface CgroupPlace {
  defaultExpanded: boolean;
  children: () => TreeItem[];
  hasChildren?: boolean;
}

/**
 * A cgroup's item. Its key, cells, figures and filter text are made when first read: a frame shows
 * a screenful of rows and a filter reads the text, while a big host makes 3,000 of these per tick
 * (the top view ranks its figures from columns read from the cgroups: services-top.ts).
 */
export class CgroupItem implements TreeItem {
  lastRow: unknown = null;
  readonly label: string;
  private madeKey: string | null = null;
  private figures: CgroupFigures | null = null;
  private made: string[] | null = null;
  private lower: string | null = null;

  constructor(
    readonly node: CgroupNode,
    private readonly unitName: string,
    private readonly unit: Unit | undefined,
    private readonly own: boolean,
    label: string,
    private readonly place: CgroupPlace,
  ) {
    this.label = label;
  }

  get key(): string {
    return (this.madeKey ??= `cg:${this.node.path}`);
  }

  get tone(): Tone {
    const n = this.node;
    return n.oomKills && n.oomKills > 0 ? 'red' : unitTone(this.unit);
  }

  get problem(): boolean {
    const t = this.tone;
    return t === 'red' || t === 'yellow';
  }

  get sort(): CgroupFigures {
    return (this.figures ??= cgroupSortValues(this.node));
  }

  get defaultExpanded(): boolean {
    return this.place.defaultExpanded;
  }

  get children(): () => TreeItem[] {
    return this.place.children;
  }

  get hasChildren(): boolean | undefined {
    return this.place.hasChildren;
  }

  get cells(): string[] {
    if (this.made === null) {
      const { node, unit } = this;
      const state = unit ? `${unit.active}/${unit.sub}` : this.own ? (node.container?.kind ?? 'container') : '';
      this.made = [stateCell(state, node), ...cgroupFigureCells(node)];
    }
    return this.made;
  }

  get text(): string {
    const n = this.node;
    return (this.lower ??= [n.path, this.unitName, n.container?.name ?? '', n.container?.id ?? '', this.unit?.description ?? ''].join(' ').toLowerCase());
  }
}

/**
 * The item of a cgroup; `nameOf` is how it is named when it is not a container's own cgroup (tree:
 * its name; top view: its path). `as`: the unit and label it shows instead of its own (the tree's root, -.slice).
 */
export function cgroupItem(node: CgroupNode, parent: CgroupNode | null, units: ReadonlyMap<string, Unit>, nameOf: (n: CgroupNode) => string, place: CgroupPlace, as?: { unit: string; label: string }): CgroupItem {
  const unitName = as?.unit ?? node.unit ?? '';
  const unit = unitName ? units.get(unitName) : undefined;
  const own = containerLabelled(node, parent);
  const label = as?.label ?? (own && node.container ? `${node.container.name} [${node.container.engine} ${node.container.id.slice(0, 12)}]` : nameOf(node));
  return new CgroupItem(node, unitName, unit, own, label, place);
}
