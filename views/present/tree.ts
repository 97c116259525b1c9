import type { ListRow, Tone } from './list.js';

/** One node of a tree as a presenter describes it; children are computed only when needed. */
export interface TreeItem {
  key: string;
  /** The label (first column), without prefix or marker. */
  label: string;
  /** The other columns. */
  cells: string[];
  tone: Tone;
  /** Lower-case text the filter matches against. */
  text: string;
  defaultExpanded: boolean;
  children: () => TreeItem[];
  /** The label spans the whole line (info rows). */
  span?: boolean;
  merge?: number;
  /** Failed or not running: kept by the `f` quick filter. */
  problem?: boolean;
  /** Its figures by sort column (see sort.ts); items without them keep their place when siblings are sorted. */
  sort?: Record<string, number | string | null>;
}

/** A children() that computes once: flattening asks every item, on every expand and filter key. */
export function once<T>(make: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = make();
      done = true;
    }
    return value;
  };
}

/** Root items built once per model and variant, so a keypress re-flattens instead of rebuilding them. */
export function cachedRoots<K extends object>(cache: WeakMap<K, Map<string, TreeItem[]>>, owner: K, variant: string, make: () => TreeItem[]): TreeItem[] {
  let byVariant = cache.get(owner);
  if (!byVariant) {
    byVariant = new Map();
    cache.set(owner, byVariant);
  }
  let roots = byVariant.get(variant);
  if (!roots) {
    roots = make();
    byVariant.set(variant, roots);
  }
  return roots;
}

/** Tree lines are drawn for this many levels; deeper rows show `⋯DEPTH` and the last LEAD_KEEP levels. */
const LEAD_FULL = 8;
const LEAD_KEEP = 4;

/** One level of a row's lead ("│ " or "  "), linked to its parent's: leads are shared, not copied. */
interface Lead {
  seg: string;
  up: Lead | null;
  n: number;
}

function leadText(lead: Lead | null, depth: number): string {
  if (!lead) return '';
  const keep = lead.n <= LEAD_FULL ? lead.n : LEAD_KEEP;
  const segs: string[] = [];
  for (let l: Lead | null = lead; l && segs.length < keep; l = l.up) segs.push(l.seg);
  const text = segs.reverse().join('');
  return lead.n <= LEAD_FULL ? text : `⋯${depth} ${text}`;
}

/**
 * Flattens a forest into visible rows like systemd-cgls draws it.
 * With a filter (text, or `problemsOnly`): an item shows when it or a descendant matches, or an
 * ancestor matched; ancestors of matches open (unless the user closed them).
 * Iterative, and a row's lead is bounded (LEAD_FULL): a tree 100,000 levels deep draws in linear time.
 */
export function flattenTree(roots: TreeItem[], expanded: Record<string, boolean>, filter: string, drawRoots = false, problemsOnly = false): ListRow[] {
  // Moving the cursor re-renders with the same roots, expansion and filter: reuse the rows
  // (a 50,000-cgroup tree is not walked again for every j/k).
  const last = lastFlat.get(roots);
  if (last && last.expanded === expanded && last.filter === filter && last.drawRoots === drawRoots && last.problemsOnly === problemsOnly) return last.rows;
  const rows = flattenTreeNow(roots, expanded, filter, drawRoots, problemsOnly);
  lastFlat.set(roots, { expanded, filter, drawRoots, problemsOnly, rows });
  return rows;
}

const lastFlat = new WeakMap<TreeItem[], { expanded: Record<string, boolean>; filter: string; drawRoots: boolean; problemsOnly: boolean; rows: ListRow[] }>();

function flattenTreeNow(roots: TreeItem[], expanded: Record<string, boolean>, filter: string, drawRoots: boolean, problemsOnly: boolean): ListRow[] {
  const f = filter.trim().toLowerCase();
  const filtering = f !== '' || problemsOnly;
  const matches = (it: TreeItem): boolean => it.text.includes(f) && (!problemsOnly || it.problem === true);
  const rows: ListRow[] = [];
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
  type Entry = [it: TreeItem, depth: number, lead: Lead | null, branch: string, ancestorMatched: boolean];
  const stack: Entry[] = [];
  for (let i = roots.length - 1; i >= 0; i--) stack.push([roots[i], 0, null, drawRoots ? (i === roots.length - 1 ? '└─' : '├─') : '', false]);
  while (stack.length > 0) {
    const [it, depth, lead, branch, ancestorMatched] = stack.pop()!;
    const selfMatch = !filtering || matches(it);
    if (filtering && !ancestorMatched && !subtreeMatch(it)) continue;
    const kids = it.children();
    const expandable = kids.length > 0;
    const explicit = expanded[it.key];
    const forced = filtering && !ancestorMatched && !selfMatch;
    const open = expandable && (explicit ?? (forced || it.defaultExpanded));
    const marker = expandable ? (open ? '▾ ' : '▸ ') : '  ';
    const row: ListRow = { key: it.key, depth, expandable, expanded: open, cells: [leadText(lead, depth) + branch + marker + it.label, ...it.cells], tone: it.tone, ...(filtering && selfMatch ? { match: true } : {}), ...(it.span ? { span: true } : {}), ...(it.merge ? { merge: it.merge } : {}) };
    if (it.sort) row.sort = it.sort;
    rows.push(row);
    if (!open) continue;
    const childAnc = ancestorMatched || (filtering && selfMatch);
    const visible = !filtering || childAnc ? kids : kids.filter(subtreeMatch);
    const childLead: Lead | null = depth === 0 && !drawRoots ? null : { seg: branch === '└─' ? '  ' : branch === '├─' ? '│ ' : '', up: lead, n: (lead?.n ?? 0) + 1 };
    for (let i = visible.length - 1; i >= 0; i--) stack.push([visible[i], depth + 1, childLead, i === visible.length - 1 ? '└─' : '├─', childAnc]);
  }
  return rows;
}

/** The title's note of the active filters. */
export function filterNote(filter: string, problemsOnly: boolean): string {
  return `${problemsOnly ? ' · failed / not running only (f)' : ''}${filter ? ` · filter: ${filter}` : ''}`;
}

/** What an empty list says under the active filters. */
export function emptyNote(filter: string, problemsOnly: boolean, none: string): string {
  if (filter) return `nothing matches "${filter}"${problemsOnly ? ' among what failed or is not running' : ''}`;
  return problemsOnly ? 'nothing failed or stopped here (f shows everything)' : none;
}
