import type { ListRow, RowSource } from './list.js';
import type { TreeItem } from './tree-item.js';
import { rowFor, type TreeRow } from './tree-row.js';
import { sortFigured, sortVariant, type SortSpec } from './sort.js';
import { branchOf, childLead, leadText, type Lead } from './tree-lead.js';
import { SortedWindow, SubtreeSizes, subtreeSizes, type NaturalRows } from './tree-window.js';
import { leafRows } from './leaf-rows.js';

export type { TreeItem };

interface Flat {
  expanded: Record<string, boolean>;
  filter: string;
  drawRoots: boolean;
  problemsOnly: boolean;
  keep: readonly number[] | null;
  rows: TreeRow[];
  /** The lead each row was drawn under (its children's is made from it when it opens). */
  leads: (Lead | null)[];
  /** Whether a row was opened (false: every row is a leaf at the walk's first depth). */
  nested: boolean;
  /** The rows' depths, in an array of their own: subtree sizes are counted from it, not from rows spread over the heap. */
  depths: number[];
  /** Of the natural order's flattening: its rows' subtree sizes (made by its walk, else counted when a sort asks) and the sorts read from it a window at a time. */
  sizes?: number[];
  windows?: Map<string, RowSource>;
}

/**
 * Flattens a forest into visible rows like systemd-cgls draws it, each level's siblings in the
 * order of `sort` (sort.ts: sortItems; the items' own order without one).
 * With a filter (text, or `problemsOnly`): an item shows when it or a descendant matches, or an
 * ancestor matched; ancestors of matches open (unless the user closed them).
 * `keep`: the columns the view shows (indexes into the label and `cells`), the same array for the same columns.
 * Iterative, and a row's lead is bounded (tree-lead.ts): a tree 100,000 levels deep draws in linear time.
 */
export function flattenTree(roots: TreeItem[], expanded: Record<string, boolean>, filter: string, drawRoots = false, problemsOnly = false, sort: SortSpec | null = null, keep: readonly number[] | null = null): ListRow[] {
  return flatFor(forestOf(roots), roots, expanded, filter, drawRoots, problemsOnly, sort, keep).rows;
}

/**
 * The rows of flattenTree as a view reads them. In a sort's order they are read a window at a time
 * from the natural order's flattening (tree-window.ts), all of them only when a view asks for all;
 * a flat list's are read a window at a time in any order (leaf-rows.ts).
 */
export function treeRows(roots: TreeItem[], expanded: Record<string, boolean>, filter: string, drawRoots = false, problemsOnly = false, sort: SortSpec | null = null, keep: readonly number[] | null = null): ListRow[] | RowSource {
  const leaves = filter.trim() === '' && !problemsOnly ? leafRows(roots, drawRoots, sort, keep, () => flattenTree(roots, expanded, filter, drawRoots, problemsOnly, sort, keep)) : null;
  if (leaves) return leaves;
  if (!sort || sort.natural) return flattenTree(roots, expanded, filter, drawRoots, problemsOnly, null, keep);
  const forest = forestOf(roots);
  const variant = sortVariant(sort);
  const made = forest.flats.get(variant);
  if (made && same(made, expanded, filter, drawRoots, problemsOnly, keep)) return made.rows;
  const base = flatFor(forest, roots, expanded, filter, drawRoots, problemsOnly, null, keep);
  const windows = (base.windows ??= new Map());
  let source = windows.get(variant);
  if (!source) {
    const rows = base.rows;
    const natural: NaturalRows = {
      length: rows.length,
      item: (i) => rows[i].item,
      figures: (i) => rows[i].sort,
      draw: (i, lead, branch) => rowFor(rows[i].item, rows[i].depth, lead, branch, rows[i].expandable, rows[i].expanded, rows[i].match, keep),
    };
    const w = new SortedWindow(roots, natural, (base.sizes ??= subtreeSizes(base.depths)), !base.nested, sort, drawRoots);
    source = { count: w.count, slice: (a: number, b: number) => w.slice(a, b), all: () => flattenTree(roots, expanded, filter, drawRoots, problemsOnly, sort, keep) };
    windows.set(variant, source);
  }
  return source;
}

function forestOf(roots: TreeItem[]): Forest {
  let forest = forests.get(roots);
  if (!forest) forests.set(roots, (forest = { flats: new Map(), sorted: new Map() }));
  return forest;
}

const same = (f: Flat, expanded: Record<string, boolean>, filter: string, drawRoots: boolean, problemsOnly: boolean, keep: readonly number[] | null): boolean =>
  f.expanded === expanded && f.filter === filter && f.drawRoots === drawRoots && f.problemsOnly === problemsOnly && f.keep === keep;

function flatFor(forest: Forest, roots: TreeItem[], expanded: Record<string, boolean>, filter: string, drawRoots: boolean, problemsOnly: boolean, sort: SortSpec | null, keep: readonly number[] | null): Flat {
  // Moving the cursor re-renders with the same roots, expansion and filter: reuse the rows
  // (a 50,000-cgroup tree is not walked again for every j/k); one flattening is kept per order.
  const variant = sortVariant(sort);
  const last = forest.flats.get(variant);
  if (last && same(last, expanded, filter, drawRoots, problemsOnly, keep)) return last;
  const order = sort && !sort.natural ? sort : null;
  const walked = (last && toggled(forest, last, expanded, filter, drawRoots, problemsOnly, order, variant, keep)) ?? flattenTreeNow(forest, { items: roots, depth: 0, lead: null }, expanded, filter, drawRoots, problemsOnly, order, variant, keep);
  const flat = { expanded, filter, drawRoots, problemsOnly, keep, rows: walked.rows, leads: walked.leads, nested: walked.nested, depths: walked.depths, sizes: walked.sizes };
  forest.flats.set(variant, flat);
  return flat;
}

/** The one key whose expansion differs between two expansion maps, or null (none, or more). */
function oneChange(a: Record<string, boolean>, b: Record<string, boolean>): string | null {
  let key: string | null = null;
  for (const k in b) {
    if (a[k] === b[k]) continue;
    if (key !== null) return null;
    key = k;
  }
  for (const k in a) {
    if (Object.hasOwn(b, k)) continue;
    if (key !== null) return null;
    key = k;
  }
  return key;
}

/**
 * The rows after one row opened or closed (Enter), from the last flattening of the same order:
 * the rows before it and after its subtree are the same (a row's lead is its ancestors'), so only
 * its subtree is walked; on a big host's thousands of rows a press no longer walks them all. Null
 * when a filter is on (what matches opens rows) or anything but one row's expansion changed.
 */
function toggled(forest: Forest, last: Flat, expanded: Record<string, boolean>, filter: string, drawRoots: boolean, problemsOnly: boolean, sort: SortSpec | null, variant: string, keep: readonly number[] | null): Walked | null {
  if (problemsOnly || filter.trim() !== '' || last.filter !== filter || last.problemsOnly || last.drawRoots !== drawRoots || last.keep !== keep) return null;
  const key = oneChange(last.expanded, expanded);
  if (key === null) return null;
  const i = last.rows.findIndex((r) => r.key === key);
  // not shown (under a closed row): no row changes
  if (i < 0) return last;
  const r = last.rows[i];
  const open = r.expandable && (expandedMap(expanded).get(key) ?? r.item.defaultExpanded);
  if (open === r.expanded) return last;
  let end = i + 1;
  while (end < last.rows.length && last.rows[end].depth > r.depth) end++;
  const row = rowFor(r.item, r.depth, r.lead, r.branch, r.expandable, open, r.match, keep);
  const lead = last.leads[i];
  const under = open ? flattenTreeNow(forest, { items: r.item.children(), depth: r.depth + 1, lead: childLead(r.depth, r.branch, lead, drawRoots) }, expanded, filter, drawRoots, problemsOnly, sort, variant, keep) : { rows: [], leads: [], nested: false, depths: [] };
  return {
    rows: [...last.rows.slice(0, i), row, ...under.rows, ...last.rows.slice(end)],
    leads: [...last.leads.slice(0, i), lead, ...under.leads, ...last.leads.slice(end)],
    depths: [...last.depths.slice(0, i), r.depth, ...under.depths, ...last.depths.slice(end)],
    // closing a row may leave none open: still counted as nested (sizes are then counted, not assumed)
    nested: last.nested || open,
  };
}

/**
 * What the flattenings of one forest keep (ordinary maps that go with the forest: a global WeakMap
 * of every row costs more per entry than the row).
 */
interface Forest {
  /** The last flattening per order. */
  flats: Map<string, Flat>;
  /** Siblings in the order of a sort, once per list of siblings (children() gives the same list each time). */
  sorted: Map<string, Map<TreeItem[], TreeItem[]>>;
}
const forests = new WeakMap<TreeItem[], Forest>();

function inOrder(forest: Forest, items: TreeItem[], sort: SortSpec | null, variant: string): TreeItem[] {
  if (!sort || items.length < 2) return items;
  let lists = forest.sorted.get(variant);
  if (!lists) forest.sorted.set(variant, (lists = new Map()));
  let out = lists.get(items);
  if (!out) lists.set(items, (out = sortItems(items, sort)));
  return out;
}

/**
 * The user's expansions as a map: the keys of rows are made strings (not internalized), and looking one
 * up as an object's property costs a trip to the runtime per row (about 1 µs; a map: a hash).
 */
const expandedMaps = new WeakMap<Record<string, boolean>, Map<string, boolean>>();
function expandedMap(expanded: Record<string, boolean>): Map<string, boolean> {
  let m = expandedMaps.get(expanded);
  if (!m) expandedMaps.set(expanded, (m = new Map(Object.entries(expanded))));
  return m;
}

/** Rows and the leads they were drawn under. */
interface Walked {
  rows: TreeRow[];
  leads: (Lead | null)[];
  /** Whether a row was opened. */
  nested: boolean;
  depths: number[];
  /** Subtree sizes, from a whole walk (one row's opening or closing leaves them to be counted). */
  sizes?: number[];
}

/** Where a walk starts: siblings (their order unsorted) at a depth, under a lead (the roots: 0, none). */
interface Start {
  items: TreeItem[];
  depth: number;
  lead: Lead | null;
}

function flattenTreeNow(forest: Forest, start: Start, expanded: Record<string, boolean>, filter: string, drawRoots: boolean, problemsOnly: boolean, sort: SortSpec | null, variant: string, keep: readonly number[] | null): Walked {
  const f = filter.trim().toLowerCase();
  const filtering = f !== '' || problemsOnly;
  const matches = (it: TreeItem): boolean => it.text.includes(f) && (!problemsOnly || it.problem === true);
  const rows: TreeRow[] = [];
  const rowLeads: (Lead | null)[] = [];
  const rowDepths: number[] = [];
  const sizes = new SubtreeSizes();
  let nested = false;
  const explicitly = expandedMap(expanded);
  const subtree = new Map<string, boolean>();
  // Post-order without recursion: an item matches when it or any descendant does.
  const subtreeMatch = (top: TreeItem): boolean => {
    const stack: [TreeItem, boolean][] = [[top, false]];
    while (stack.length > 0) {
      const [it, childrenDone] = stack.pop()!;
      if (subtree.has(it.key)) continue;
      if (childrenDone) {
        subtree.set(it.key, it.children().some((k) => subtree.get(k.key) === true));
      } else if (matches(it)) {
        subtree.set(it.key, true);
      } else {
        stack.push([it, true]);
        for (const k of it.children()) if (!subtree.has(k.key)) stack.push([k, false]);
      }
    }
    return subtree.get(top.key) === true;
  };
  // the walk's stack as parallel arrays with a stack pointer: no tuple per row, and arrays that
  // never shrink (a popped array gives its room back and grows again, copying, at the next push)
  const items: TreeItem[] = [];
  const depths: number[] = [];
  const leads: (Lead | null)[] = [];
  const branches: string[] = [];
  const ancestors: boolean[] = [];
  let sp = 0;
  const push = (it: TreeItem, depth: number, lead: Lead | null, branch: string, ancestorMatched: boolean) => {
    items[sp] = it;
    depths[sp] = depth;
    leads[sp] = lead;
    branches[sp] = branch;
    ancestors[sp] = ancestorMatched;
    sp++;
  };
  const top = inOrder(forest, start.items, sort, variant);
  for (let i = top.length - 1; i >= 0; i--) push(top[i], start.depth, start.lead, branchOf(start.depth, i, top.length, drawRoots), false);
  while (sp > 0) {
    sp--;
    const it = items[sp];
    const depth = depths[sp];
    const lead = leads[sp];
    const branch = branches[sp];
    const ancestorMatched = ancestors[sp];
    const selfMatch = !filtering || matches(it);
    if (filtering && !ancestorMatched && !subtreeMatch(it)) continue;
    const expandable = it.hasChildren ?? it.children().length > 0;
    const explicit = explicitly.size === 0 ? undefined : explicitly.get(it.key);
    const forced = filtering && !ancestorMatched && !selfMatch;
    const open = expandable && (explicit ?? (forced || it.defaultExpanded));
    rows.push(rowFor(it, depth, leadText(lead, depth), branch, expandable, open, filtering && selfMatch, keep));
    rowLeads.push(lead);
    rowDepths.push(depth);
    if (!open) {
      sizes.add(depth, false);
      continue;
    }
    nested = true;
    const kids = it.children();
    const childAnc = ancestorMatched || (filtering && selfMatch);
    const ordered = inOrder(forest, kids, sort, variant);
    const visible = !filtering || childAnc ? ordered : ordered.filter(subtreeMatch);
    sizes.add(depth, visible.length > 0);
    const under = childLead(depth, branch, lead, drawRoots);
    for (let i = visible.length - 1; i >= 0; i--) push(visible[i], depth + 1, under, branchOf(depth + 1, i, visible.length, drawRoots), childAnc);
  }
  return { rows, leads: rowLeads, nested, depths: rowDepths, sizes: sizes.done() };
}

/** Tree items: those without figures (info rows, namespaces) keep their place in front. */
export function sortItems(items: TreeItem[], spec: SortSpec | null): TreeItem[] {
  return sortFigured(items, spec, (it) => it.sort);
}
