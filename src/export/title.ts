import type { HostModel } from '../model/types.js';
import { TAB_TITLES, type TabId } from '../store/types.js';

/** "node-1 · Mounts · 2026-11-29 00:46 UTC": host, tab and the snapshot's own time (never the clock). */
export function screenshotTitle(model: HostModel, tab: TabId): string {
  const host = model.identity.hostname || model.target.label;
  const at = Date.parse(model.takenAt);
  const when = Number.isNaN(at) ? '' : ' · ' + new Date(at).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  return `${host} · ${TAB_TITLES[tab]}${when}`;
}
