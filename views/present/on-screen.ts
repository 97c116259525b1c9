/**
 * The cgroups whose rows are on screen (Services' tree and top view, Engines' containers and pods):
 * each tick reads their counters while the cost budget holds the cgroup tree back (issue #13,
 * src/probe/counters.ts). Pure; the lists come from listFor's memo, which the frame already made.
 */
import type { HostModel } from '../../src/model/types.js';
import { drawRows, type AppState } from '../../src/store/types.js';
import { containerKey } from './container-item.js';
import { listHeight, windowFor } from './layout.js';
import { cursorIndex } from './list.js';
import { listFor } from './rows.js';

const enginePaths = new WeakMap<HostModel, Map<string, string>>();

/** Engines' row key -> its cgroup path (containers, ros system services, pods), once per model. */
function engineCgroups(model: HostModel): Map<string, string> {
  let m = enginePaths.get(model);
  if (m) return m;
  m = new Map();
  for (const e of model.engines) {
    for (const c of e.containers) {
      if (!c.cgroupPath) continue;
      m.set(containerKey(e, c), c.cgroupPath);
      m.set(`ros:${c.id}`, c.cgroupPath);
    }
    for (const p of e.pods ?? []) if (p.cgroupPath) m.set(`pod:${e.name}/${p.namespace}/${p.name}/${p.uid}`, p.cgroupPath);
  }
  enginePaths.set(model, m);
  return m;
}

/** Cgroup paths of the rows the current tab shows, top to bottom; [] on other tabs, the help and details. */
export function cgroupsOnScreen(s: AppState): string[] {
  const { model, ui } = s;
  const tab = ui.tab;
  if (!model || ui.help || (tab !== 'services' && tab !== 'engines') || (tab === 'engines' && ui.detail !== null)) return [];
  const t = ui.tabs[tab];
  const view = listFor(model, tab, t);
  if (!view) return [];
  const win = windowFor(view.count, cursorIndex(view, t.cursor, t.cursorIndex), t.top, listHeight(tab, drawRows(s.size)));
  const engines = engineCgroups(model);
  const out: string[] = [];
  for (const { key } of view.slice(win.top, win.end)) {
    const path = key.startsWith('cg:') ? key.slice(3) : engines.get(key);
    if (path !== undefined) out.push(path);
  }
  return out;
}
