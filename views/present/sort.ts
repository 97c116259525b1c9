/** Sorting of the lists (`o` cycles the column, `O` reverses), pure. Ties keep the presenter's name order. */
import type { TabId } from '../../src/model/types.js';

export type SortValue = number | string | null;

export interface SortColumn {
  id: string;
  /** As the title says it: "sorted by CPU ↓". */
  label: string;
  /** Figures sort largest first, words A to Z (until `O` reverses). */
  numeric: boolean;
}

const col = (id: string, label: string, numeric = true): SortColumn => ({ id, label, numeric });
const NAME = col('name', 'name', false);

/** The columns `o` cycles through per tab; the first is the tab's own order. */
export const SORT_COLUMNS: Partial<Record<TabId, SortColumn[]>> = {
  services: [NAME, col('cpu', 'CPU'), col('memory', 'memory'), col('io', 'IO'), col('tasks', 'tasks'), col('throttle', 'throttling'), col('psi', 'PSI')],
  engines: [NAME, col('cpu', 'CPU'), col('memory', 'memory'), col('state', 'state', false), col('pids', 'pids')],
  mounts: [NAME, col('size', 'size'), col('use', 'use%'), col('type', 'type', false)],
  memory: [col('memory', 'memory'), NAME],
};

export interface SortSpec {
  id: string;
  label: string;
  desc: boolean;
  /** The tab's own order (first column, not reversed): titles say nothing. */
  natural: boolean;
}

/** The sort of a tab from its UI state (`sort` counts the `o` presses, `reverse` the `O` toggles). */
export function sortSpec(tab: TabId, sort: number, reverse: boolean): SortSpec | null {
  const cols = SORT_COLUMNS[tab];
  if (!cols) return null;
  const c = cols[((sort % cols.length) + cols.length) % cols.length];
  return { id: c.id, label: c.label, desc: c.numeric !== reverse, natural: c === cols[0] && !reverse };
}

/** " · sorted by CPU ↓" (empty for the tab's own order unless `always`). */
export function sortNote(spec: SortSpec | null, always = false): string {
  if (!spec || (spec.natural && !always)) return '';
  return ` · sorted by ${spec.label} ${spec.desc ? '↓' : '↑'}`;
}

/** Stable key for caches of sorted rows. */
export function sortVariant(spec: SortSpec | null): string {
  return spec && !spec.natural ? `${spec.id}${spec.desc ? '-' : '+'}` : 'natural';
}

/** -1, 0 or 1 (not a difference: a comparator that returns whole numbers makes no heap numbers). */
function compareValues(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Sorts things that come in name order by the spec's column. Missing figures go last in both
 * directions; ties keep the name order, so rows do not jump between ticks when figures tie.
 * `name` sorts by the incoming order (descending reverses it).
 */
export function sortBy<T>(list: T[], spec: SortSpec | null, value: (x: T, id: string) => SortValue): T[] {
  if (!spec) return list;
  if (spec.id === 'name') return spec.desc ? [...list].reverse() : list;
  if (list.length < 2) return list;
  const dir = spec.desc ? -1 : 1;
  // the figures in an array beside an array of positions: no object per element (3,000 cgroups per press)
  const values: SortValue[] = new Array(list.length);
  const order: number[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const v = value(list[i], spec.id);
    values[i] = v === null || Number.isNaN(v) ? null : v;
    order[i] = i;
  }
  order.sort((a, b) => {
    const x = values[a];
    const y = values[b];
    if (x === null || y === null) return x === y ? a - b : x === null ? 1 : -1;
    return compareValues(x, y) * dir || a - b;
  });
  return order.map((i) => list[i]);
}

type Figures = Record<string, SortValue> | undefined;

/**
 * Sorts by the figures `figs` gives per thing; things without figures (info rows, namespaces) keep
 * their place in front. The same order for any subset of a list: a filter's rows sort alike.
 */
export function sortFigured<T>(list: T[], spec: SortSpec | null, figs: (x: T) => Figures): T[] {
  if (!spec || spec.natural) return list;
  const value = (x: T, id: string): SortValue => figs(x)?.[id] ?? null;
  if (list.every((x) => !!figs(x))) return sortBy(list, spec, value);
  const pinned = list.filter((x) => !figs(x));
  const rest = list.filter((x) => !!figs(x));
  return [...pinned, ...sortBy(rest, spec, value)];
}
