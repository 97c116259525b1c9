/** A screenshot request that cannot be honoured; its message is for the user. */
export class ScreenshotError extends Error {
  override name = 'ScreenshotError';
}

/** The size of a screenshot when none is asked for (`cosi screenshot`, the bundled demo shots). */
export const DEFAULT_COLS = 120;
export const DEFAULT_ROWS = 36;
export const MAX_COLS = 1000;
export const MAX_ROWS = 1000;

/** Throws a ScreenshotError unless cols and rows are sane terminal sizes. */
export function checkSize(cols: number, rows: number): void {
  if (!Number.isInteger(cols) || cols < 1 || cols > MAX_COLS) {
    throw new ScreenshotError(`columns must be a whole number from 1 to ${MAX_COLS}, got ${String(cols)}`);
  }
  if (!Number.isInteger(rows) || rows < 1 || rows > MAX_ROWS) {
    throw new ScreenshotError(`rows must be a whole number from 1 to ${MAX_ROWS}, got ${String(rows)}`);
  }
}
