import type { TabId } from '../../src/model/types.js';

/** Lines above the tab body: two header lines and the tab bar. */
export const HEADER_LINES = 3;
/** Lines below the tab body: flash line and key hint (the last line). */
export const FOOTER_LINES = 2;
/** List tabs spend two body lines on a title and column headings. */
export const LIST_CHROME = 2;

export function bodyHeight(rows: number): number {
  return Math.max(1, rows - HEADER_LINES - FOOTER_LINES);
}

/** Visible rows of the scrolling list of a tab at this terminal height. */
export function listHeight(_tab: TabId, rows: number): number {
  return Math.max(1, bodyHeight(rows) - LIST_CHROME);
}

/** The window of a list: keeps the cursor visible, keeps `top` when it can. */
export function windowFor(count: number, cursor: number, top: number, height: number): { top: number; end: number } {
  let t = Math.max(0, Math.min(top, count - height));
  if (cursor < t) t = cursor;
  if (cursor >= t + height) t = cursor - height + 1;
  t = Math.max(0, t);
  return { top: t, end: Math.min(count, t + height) };
}

/** Rows a scrolling key moves by (a page, half a page, to either end), or null for other actions. */
export function scrollStep(action: string, page: number): number | null {
  const half = Math.max(1, Math.floor(page / 2));
  const steps: Record<string, number> = { down: 1, up: -1, 'page-down': page, 'page-up': -page, 'half-down': half, 'half-up': -half, top: -Infinity, bottom: Infinity };
  return Object.hasOwn(steps, action) ? steps[action] : null;
}
