import { frameState, renderState, type FrameUi } from '../../../views/render-frame.js';
import type { HostModel } from '../../../src/model/types.js';
import { servicesView } from '../../../views/present/services.js';
import type { ListView } from '../../../views/present/list.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

export function strip(s: string): string {
  return s.replace(ANSI, '');
}

/** A colored frame, so the cursor (inverse video) can be found. */
export function frame(model: HostModel, ui: FrameUi): string {
  return renderState(frameState(model, ui), { color: true });
}

export function plain(model: HostModel, ui: FrameUi): string {
  return strip(frame(model, ui));
}

/** The text of the line drawn in inverse video below the tab bar (the list cursor). */
export function cursorLine(f: string): string | null {
  const lines = f.split('\n').slice(3);
  const l = lines.find((x) => x.includes('\x1b[7m'));
  return l === undefined ? null : strip(l).trim();
}

/** Services with every row opened, as the user sees it after opening everything. */
export function servicesAllOpen(model: HostModel): ListView {
  const expanded: Record<string, boolean> = {};
  let view = servicesView(model, expanded, '');
  for (let more = true; more; ) {
    more = false;
    for (const r of view.rows) if (r.expandable && !r.expanded) more = expanded[r.key] = true;
    if (more) view = servicesView(model, { ...expanded }, '');
  }
  return view;
}
