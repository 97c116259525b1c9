/** A row of a flattened tree (tree.ts), whose cells are made only when read. */
import { columns } from './format.js';
import type { ListRow, Tone } from './list.js';
import type { TreeItem } from './tree-item.js';

/**
 * A tree row holds its item, lead and branch, not its cells: a frame reads the cells of the rows
 * it shows (and of all rows only for columns that size to their cells), so the thousands of rows a
 * big host's tree has below the window cost one small object each, per tick and per new order.
 * `keep` narrows the cells to the columns a view shows (their indexes, 0 the label's).
 */
export class TreeRow implements ListRow {
  readonly key: string;
  readonly tone: Tone;
  readonly match: boolean;
  /** Its item's figures, held here: a sort reads them for every row (one object fewer to reach per row). */
  readonly sort: TreeItem['sort'];
  /** The line a table drew it as (ListRow.line). */
  line: unknown = null;
  private made: string[] | null = null;
  private measured: number[] | null = null;

  constructor(
    readonly item: TreeItem,
    readonly depth: number,
    readonly expandable: boolean,
    readonly expanded: boolean,
    /** The lead of its parents' levels ("│ │ ") and its own branch ("├─"): a row drawn with the same ones can be taken again. */
    readonly lead: string,
    readonly branch: string,
    readonly keep: readonly number[] | null,
    match: boolean,
  ) {
    this.key = item.key;
    this.tone = item.tone;
    this.match = match;
    this.sort = item.sort;
  }

  get span(): boolean | undefined {
    return this.item.span;
  }

  get merge(): number | undefined {
    return this.item.merge;
  }

  get cells(): string[] {
    if (this.made === null) {
      const it = this.item;
      const first = this.lead + this.branch + (this.expandable ? (this.expanded ? '▾ ' : '▸ ') : '  ') + it.label;
      const rest = it.cells;
      if (this.keep === null || it.span) this.made = [first, ...rest];
      else {
        const keep = this.keep;
        const made = new Array<string>(keep.length);
        for (let k = 0; k < keep.length; k++) made[k] = keep[k] === 0 ? first : (rest[keep[k] - 1] ?? '');
        this.made = made;
      }
    }
    return this.made;
  }

  /** The cells' widths in columns, measured once (list.ts columnNeeds reads every row of every new view). */
  get widths(): readonly number[] {
    return (this.measured ??= this.cells.map(columns));
  }
}

/** The row of `it` drawn so: the one its last flattening made when that was drawn the same, else a new one (kept on the item). */
export function rowFor(it: TreeItem, depth: number, lead: string, branch: string, expandable: boolean, open: boolean, match: boolean, keep: readonly number[] | null): TreeRow {
  const r = it.lastRow;
  if (r instanceof TreeRow && r.lead === lead && r.branch === branch && r.keep === keep && r.depth === depth && r.expandable === expandable && r.expanded === open && r.match === match) return r;
  const row = new TreeRow(it, depth, expandable, open, lead, branch, keep, match);
  it.lastRow = row;
  return row;
}
