/** Sorting of the lists (`o` cycles the column, `O` reverses), pure. Ties keep the presenter's name order. */
import type { TabId } from '../../src/model/types.js';
import { ranked, type Ranked } from './top-k.js';

export type { SortSpec, SortValue } from './sort-spec.js';
import type { SortSpec, SortValue } from './sort-spec.js';

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

/**
 * Sorts things that come in name order by the spec's column (top-k.ts: missing figures last in both
 * directions, ties in name order, so rows do not jump between ticks when figures tie).
 * `name` sorts by the incoming order (descending reverses it).
 */
export function sortBy<T>(list: T[], spec: SortSpec | null, value: (x: T, id: string) => SortValue): T[] {
  if (!spec || list.length < 2 || (spec.id === 'name' && !spec.desc)) return list;
  return ranked(list, spec, (x) => value(x, spec.id) ?? null).all();
}

type Figures = Record<string, SortValue> | undefined;

/**
 * Sorts by the figures `figs` gives per thing; things without figures (info rows, namespaces) keep
 * their place in front. The same order for any subset of a list: a filter's rows sort alike.
 */
export function sortFigured<T>(list: T[], spec: SortSpec | null, figs: (x: T) => Figures): T[] {
  if (!spec || spec.natural) return list;
  return rankFigured(list, spec, figs).all();
}

/** sortFigured's order, ranked only as far as it is read (top-k.ts). */
export function rankFigured<T>(list: ArrayLike<T>, spec: SortSpec, figs: (x: T) => Figures): Ranked<T> {
  const id = spec.id;
  return ranked(list, spec, (x) => {
    const f = figs(x);
    return f ? (f[id] ?? null) : undefined;
  });
}
