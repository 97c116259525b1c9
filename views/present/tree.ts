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

/**
 * Flattens a forest into visible rows like systemd-cgls draws it.
 * With a filter (text, or `problemsOnly`): an item shows when it or a descendant matches, or an
 * ancestor matched; ancestors of matches open (unless the user closed them).
 */
export function flattenTree(roots: TreeItem[], expanded: Record<string, boolean>, filter: string, drawRoots = false, problemsOnly = false): ListRow[] {
  const f = filter.trim().toLowerCase();
  const filtering = f !== '' || problemsOnly;
  const matches = (it: TreeItem): boolean => it.text.includes(f) && (!problemsOnly || it.problem === true);
  const rows: ListRow[] = [];
  const subtree = new Map<string, boolean>();
  const subtreeMatch = (it: TreeItem): boolean => {
    const known = subtree.get(it.key);
    if (known !== undefined) return known;
    const m = matches(it) || it.children().some(subtreeMatch);
    subtree.set(it.key, m);
    return m;
  };
  const walk = (it: TreeItem, depth: number, lead: string, branch: string, ancestorMatched: boolean): void => {
    const selfMatch = !filtering || matches(it);
    if (filtering && !ancestorMatched && !subtreeMatch(it)) return;
    const kids = it.children();
    const expandable = kids.length > 0;
    const explicit = expanded[it.key];
    const forced = filtering && !ancestorMatched && !selfMatch;
    const open = expandable && (explicit ?? (forced || it.defaultExpanded));
    const marker = expandable ? (open ? '▾ ' : '▸ ') : '  ';
    rows.push({ key: it.key, depth, expandable, expanded: open, cells: [lead + branch + marker + it.label, ...it.cells], tone: it.tone, ...(filtering && selfMatch ? { match: true } : {}), ...(it.span ? { span: true } : {}), ...(it.merge ? { merge: it.merge } : {}) });
    if (!open) return;
    const childAnc = ancestorMatched || (filtering && selfMatch);
    const visible = !filtering || childAnc ? kids : kids.filter(subtreeMatch);
    const childLead = depth === 0 && !drawRoots ? '' : lead + (branch === '└─' ? '  ' : branch === '├─' ? '│ ' : '');
    visible.forEach((k, i) => walk(k, depth + 1, childLead, i === visible.length - 1 ? '└─' : '├─', childAnc));
  };
  roots.forEach((r, i) => walk(r, 0, '', drawRoots ? (i === roots.length - 1 ? '└─' : '├─') : '', false));
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
