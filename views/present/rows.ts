import type { HostModel, TabId } from '../../src/model/types.js';
import type { TabUi } from '../../src/store/types.js';
import { enginesView } from './engines.js';
import { sameCells, type ListView } from './list.js';
import { mountsView } from './mounts.js';
import { servicesView } from './services.js';
import { sortSpec } from './sort.js';

/** Tabs whose body is a scrolling list with a cursor. */
export const LIST_TABS: TabId[] = ['services', 'mounts', 'engines'];

interface Memo {
  model: HostModel;
  expanded: Record<string, boolean>;
  filter: string;
  view: TabUi['view'];
  showAll: boolean;
  hostView: boolean;
  problemsOnly: boolean;
  sort: number;
  reverse: boolean;
  flat: boolean;
  out: ListView;
}
const memo = new Map<TabId, Memo>();

/**
 * The list of a tab for this model and UI state, or null for tabs without a list.
 * Memoized on identity of the inputs: the key reducer and the view share one computation,
 * and a keypress that only moves the cursor costs no presenter work.
 */
export function listFor(model: HostModel, tab: TabId, ui: TabUi): ListView | null {
  if (!LIST_TABS.includes(tab)) return null;
  const m = memo.get(tab);
  if (m && m.model === model && m.expanded === ui.expanded && m.filter === ui.filter && m.view === ui.view && m.showAll === ui.showAll && m.hostView === ui.hostView && m.problemsOnly === ui.problemsOnly && m.sort === ui.sort && m.reverse === ui.reverse && m.flat === ui.flat) return m.out;
  let out: ListView;
  const sort = sortSpec(tab, ui.sort, ui.reverse);
  if (tab === 'services') out = servicesView(model, ui.expanded, ui.filter, ui.problemsOnly, sort, ui.flat);
  else if (tab === 'mounts') out = mountsView(model, ui.view, ui.showAll, ui.expanded, ui.filter, ui.hostView, sort);
  else out = enginesView(model, ui.expanded, ui.filter, ui.problemsOnly, sort);
  // only the order changed: the rows are the same, so are their widths
  if (m && m.model === model && m.expanded === ui.expanded && m.filter === ui.filter && m.view === ui.view && m.showAll === ui.showAll && m.hostView === ui.hostView && m.problemsOnly === ui.problemsOnly && m.flat === ui.flat) sameCells(out, m.out);
  memo.set(tab, { model, expanded: ui.expanded, filter: ui.filter, view: ui.view, showAll: ui.showAll, hostView: ui.hostView, problemsOnly: ui.problemsOnly, sort: ui.sort, reverse: ui.reverse, flat: ui.flat, out });
  return out;
}
