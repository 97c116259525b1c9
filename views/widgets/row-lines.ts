import type { Column, ListRow } from '../present/list.js';

/** A row's line as the table draws it, with what it was drawn for. */
export interface RowLine {
  columns: readonly Column[];
  widths: readonly number[];
  width: number;
  /** The cells fitted to their widths and joined. */
  text: string;
  /** `text` styled in the row's tone, not selected (styled-line.ts), once asked for. */
  styled: string | null;
}

const lines = new WeakMap<ListRow, RowLine>();

const sameWidths = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((w, i) => w === b[i]);

/**
 * The line of `r` at these columns and widths: made once per row object while they stay, so a
 * keypress that moves the cursor or the window (j, G, g) or opens a row (the other rows stay the same
 * objects: tree.ts rowFor) fits and joins only the rows it shows for the first time.
 */
export function rowLine(r: ListRow, columns: readonly Column[], widths: readonly number[], width: number, make: () => string): RowLine {
  // rows with room for their line (ListRow.line: null or a line) keep it; others have it in a WeakMap
  const roomy = r.line !== undefined;
  const kept = (roomy ? r.line : lines.get(r)) as RowLine | null | undefined;
  if (kept && kept.columns === columns && kept.width === width && sameWidths(kept.widths, widths)) return kept;
  const line = { columns, widths, width, text: make(), styled: null };
  if (roomy) r.line = line;
  else lines.set(r, line);
  return line;
}
