import xterm from '@xterm/headless';
import { sgrOnly } from './ansi.js';
import { checkSize, MAX_ROWS, ScreenshotError } from './errors.js';

export type Color =
  | { mode: 'default' }
  | { mode: 'palette'; index: number }
  | { mode: 'rgb'; rgb: number };

export interface Cell {
  /** The character; '' for the second half of a wide character, ' ' for an empty cell. */
  ch: string;
  /** 1, 2 for a wide character, 0 for the cell right after a wide one. */
  width: 0 | 1 | 2;
  fg: Color;
  bg: Color;
  bold: boolean;
  dim: boolean;
  italic: boolean;
  underline: boolean;
  inverse: boolean;
  invisible: boolean;
  strike: boolean;
}

export interface CellGrid {
  cols: number;
  rows: number;
  /** rows x cols */
  cells: Cell[][];
}

/**
 * Writes a frame into a headless xterm of `cols` columns and reads back the
 * cell grid. Only SGR sequences reach the terminal (see sgrOnly), so a frame
 * cannot clear, move or retitle anything. The grid has at least `rows` rows;
 * a frame with more lines grows it rather than losing its top lines.
 */
export async function ansiToCells(ansi: string, cols: number, rows: number): Promise<CellGrid> {
  checkSize(cols, rows);
  const clean = sgrOnly(ansi).replace(/\n$/, '');
  const lines = clean.split('\n');
  if (lines.length > MAX_ROWS) throw new ScreenshotError(`the frame has ${lines.length} lines; at most ${MAX_ROWS} fit in a screenshot`);
  // Enough rows that nothing scrolls away, even if a line wraps.
  const upper = lines.reduce((sum, l) => sum + Math.max(1, Math.ceil((2 * l.length) / cols)), 0);
  const termRows = Math.max(rows, upper);
  const term = new xterm.Terminal({ cols, rows: termRows, scrollback: 0, allowProposedApi: true });
  try {
    await new Promise<void>((resolve) => term.write(clean.replace(/\n/g, '\r\n'), resolve));
    const buf = term.buffer.active;
    const used = Math.min(termRows, buf.cursorY + 1);
    const height = Math.max(rows, used);
    const cells: Cell[][] = [];
    const probe = buf.getNullCell();
    for (let y = 0; y < height; y++) {
      const line = buf.getLine(y);
      const row: Cell[] = [];
      for (let x = 0; x < cols; x++) {
        const c = line?.getCell(x, probe);
        row.push(c ? readCell(c) : blankCell());
      }
      cells.push(row);
    }
    return { cols, rows: height, cells };
  } finally {
    term.dispose();
  }
}

export function blankCell(): Cell {
  return {
    ch: ' ',
    width: 1,
    fg: { mode: 'default' },
    bg: { mode: 'default' },
    bold: false,
    dim: false,
    italic: false,
    underline: false,
    inverse: false,
    invisible: false,
    strike: false,
  };
}

function readCell(c: xterm.IBufferCell): Cell {
  const width = c.getWidth();
  const chars = c.getChars();
  return {
    ch: width === 0 ? '' : chars === '' ? ' ' : chars,
    width: width === 0 ? 0 : width === 2 ? 2 : 1,
    fg: c.isFgRGB()
      ? { mode: 'rgb', rgb: c.getFgColor() }
      : c.isFgPalette()
        ? { mode: 'palette', index: c.getFgColor() }
        : { mode: 'default' },
    bg: c.isBgRGB()
      ? { mode: 'rgb', rgb: c.getBgColor() }
      : c.isBgPalette()
        ? { mode: 'palette', index: c.getBgColor() }
        : { mode: 'default' },
    bold: c.isBold() !== 0,
    dim: c.isDim() !== 0,
    italic: c.isItalic() !== 0,
    underline: c.isUnderline() !== 0,
    inverse: c.isInverse() !== 0,
    invisible: c.isInvisible() !== 0,
    strike: c.isStrikethrough() !== 0,
  };
}
