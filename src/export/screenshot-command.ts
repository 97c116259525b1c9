import type { HostModel } from '../model/types.js';
import { KEY_TABLE } from '../keys/table.js';
import { TABS, type TabId } from '../store/types.js';
import { renderFrame } from '../../views/render-frame.js';
import { ScreenshotError, checkSize } from './errors.js';
import { screenshotTitle } from './title.js';
import { formatOf, writeScreenshot } from './write.js';

export { screenshotTitle };

export interface ScreenshotRequest {
  model: HostModel;
  /** A tab id (overview, services, mounts, engines, memory) or its number 1-5. */
  tab: string;
  /** Key names of the key table, applied in order as in the TUI (e.g. ['j', 'j', 'enter']); a word after '/' is typed. */
  keys: string[];
  cols: number;
  rows: number;
  /** .svg .png .txt or .ansi */
  out: string;
  /** Title bar text; defaults to screenshotTitle(model, tab). */
  title?: string;
}

/** The tab a user named, or a ScreenshotError listing the tabs. */
export function resolveTab(name: string): TabId {
  const t = name.trim().toLowerCase();
  const byNumber = /^[1-9]$/.test(t) ? TABS[Number(t) - 1] : undefined;
  const found = byNumber ?? TABS.find((id) => id === t);
  if (!found) throw new ScreenshotError(`unknown tab "${name}"; tabs: ${TABS.join(', ')} (or 1-${TABS.length})`);
  return found;
}

const KNOWN_KEYS = new Set(KEY_TABLE.flatMap((b) => b.keys));

/** Key names from the key table; any single character is also a key (typed into a filter). */
export function checkKeys(keys: string[]): void {
  const bad = keys.filter((k) => Array.from(k).length !== 1 && !KNOWN_KEYS.has(k));
  if (bad.length > 0) {
    throw new ScreenshotError(
      `unknown key name${bad.length > 1 ? 's' : ''} ${bad.map((k) => `"${k}"`).join(', ')}; key names: ${[...KNOWN_KEYS].filter((k) => k.length > 1).sort().join(' ')} or any single character`,
    );
  }
}

/** `--keys` words as key presses: the word after `/` is text typed into the filter (`/ sda1 enter`). */
export function keyPresses(words: string[]): string[] {
  return words.flatMap((w, i) => (i > 0 && words[i - 1] === '/' ? Array.from(w) : [w]));
}

/** `cosi screenshot`: renders one tab of a model (after the keys) and writes it in the format of `out`. */
export async function runScreenshot(req: ScreenshotRequest): Promise<void> {
  formatOf(req.out);
  checkSize(req.cols, req.rows);
  const tab = resolveTab(req.tab);
  const keys = keyPresses(req.keys);
  checkKeys(keys);
  const ansi = renderFrame(req.model, { tab, cols: req.cols, rows: req.rows, keys }, { color: true });
  await writeScreenshot(req.out, {
    ansi,
    cols: req.cols,
    rows: req.rows,
    title: req.title ?? screenshotTitle(req.model, tab),
  });
}
