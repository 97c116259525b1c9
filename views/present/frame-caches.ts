import { narrowChar, type NarrowStyled } from './narrow.js';
import type { StyleCode } from './same-styles.js';
import type { StyledCell } from './styled-cell.js';

/** The blank cell every row of a frame starts with: one shared object (cells are only read). */
export const BLANK_CELL: StyledCell = Object.freeze({ type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([]) as readonly StyleCode[] });

/**
 * How many frames an entry outlives the last frame that used it: a list's window shown again a few
 * keys later (g, G, g: the top window two frames back) finds its lines measured and tokenized.
 */
export const GENERATIONS = 8;

const SLOTS = GENERATIONS + 1;

interface Entry<V> {
  value: V;
  /** The last frame that used it. */
  gen: number;
}

/** Values by string, dropped once GENERATIONS frames went without them. */
class Kept<V> {
  private readonly map = new Map<string, Entry<V>>();
  /** The keys first used in each of the last GENERATIONS frames and the current one (slot: frame % SLOTS). */
  private readonly used: string[][] = Array.from({ length: SLOTS }, () => []);

  get(key: string, gen: number, make: (key: string) => V): V {
    let e = this.map.get(key);
    if (e === undefined) {
      e = { value: make(key), gen };
      this.map.set(key, e);
    } else if (e.gen === gen) return e.value;
    else e.gen = gen;
    this.used[gen % SLOTS].push(key);
    return e.value;
  }

  /** Frame `gen` starts: what none of the last GENERATIONS frames used goes. */
  start(gen: number): void {
    const slot = this.used[gen % SLOTS];
    for (const key of slot) if (this.map.get(key)!.gen < gen - GENERATIONS) this.map.delete(key);
    slot.length = 0;
  }

  get size(): number {
    return this.map.size;
  }
}

/**
 * Ink's frame composer caches (ink/build/output.js's OutputCaches, same methods) kept from one
 * frame to the next, plus each row's text. Ink makes new caches with every frame, so every line of
 * every frame was tokenized again into a new object and style list per character, and every row
 * written out again: ~1.7 MB of garbage per frame of a 100x30 screen, on an idle live screen where
 * a tick changes a few lines. Bounded: what the last GENERATIONS frames did not use is dropped.
 * The bundle's Ink takes the one instance (bin/ink-patches.mjs); `next()` starts a frame.
 */
export class FrameCaches {
  private gen = 0;
  private readonly styledChars = new Kept<StyledCell[]>();
  private readonly widths = new Kept<number>();
  private readonly blockWidths = new Kept<number>();
  /** Lines that make a row of their own, as Ink writes that row (null: the line is not such). */
  private readonly wholes = new Kept<string | null>();
  /** Per row of the screen, its last distinct contents, the latest first (at most GENERATIONS). */
  private readonly rows: { cells: StyledCell[]; text: string }[][] = [];
  private row = 0;
  private readonly widestLine = (text: string): number => text.split('\n').reduce((w, line) => Math.max(w, this.getStringWidth(line)), 0);

  constructor(
    /** A line's cells; with `runs` (narrow.ts narrowStyled), rows written by one line skip them. */
    private readonly styled: ((line: string) => StyledCell[]) & Partial<Pick<NarrowStyled, 'runs'>>,
    private readonly width: (text: string) => number,
  ) {}

  /** A new frame (a new Output): entries GENERATIONS frames did not use go. */
  next(): this {
    this.gen++;
    for (const k of [this.styledChars, this.widths, this.blockWidths, this.wholes]) k.start(this.gen);
    this.row = 0;
    return this;
  }

  getStyledChars(line: string): StyledCell[] {
    return this.styledChars.get(line, this.gen, this.styled);
  }

  getStringWidth(text: string): number {
    // Ink asks this of every character of a frame: a narrow one is one column (narrow.ts)
    return text.length === 1 && narrowChar(text) ? 1 : this.widths.get(text, this.gen, this.width);
  }

  getWidestLine(text: string): number {
    return this.blockWidths.get(text, this.gen, this.widestLine);
  }

  /**
   * Whether `line`, written at the row's start into a row nothing else was written to, may stand for
   * the row (wholeRowText) instead of its cells: NARROW characters and colour codes, one column each
   * (a line wider than the row is written whole either way). A sort's screen of new rows is then ~30
   * rows of a few runs each, not ~3,000 cells made, placed and compared. `toString`: Ink's row writer.
   */
  isWhole(line: string, toString: (cells: StyledCell[]) => string): boolean {
    return this.whole(line, toString) !== null;
  }

  /** The next row's text (rows come in order) when `line` stands for it (isWhole): Ink's text of its cells and blanks. */
  wholeRowText(line: string, toString: (cells: StyledCell[]) => string): string {
    this.row++;
    return this.whole(line, toString) ?? '';
  }

  private whole(line: string, toString: (cells: StyledCell[]) => string): string | null {
    const runs = this.styled.runs;
    if (runs === undefined) return null;
    return this.wholes.get(line, this.gen, (l) => {
      const r = runs(l);
      return r && toString(r).trimEnd();
    });
  }

  /** A row that `line` stood for gets its cells, as Ink places them, before something else is written to it. */
  spill(row: StyledCell[], line: string): void {
    const cells = this.getStyledChars(line);
    for (let i = 0; i < cells.length; i++) row[i] = cells[i]!;
  }

  /** Entries kept (styled lines, widths, block widths): for tests of the bound. */
  get sizes(): [number, number, number] {
    return [this.styledChars.size, this.widths.size, this.blockWidths.size];
  }

  /**
   * The text of the frame's next row (rows come in order): a recent frame's text of that row when
   * it held the very same cells (cached characters and the blank are shared objects), else
   * `toString(cells)` without trailing blanks, as Ink writes it.
   */
  rowText(cells: StyledCell[], toString: (cells: StyledCell[]) => string): string {
    const i = this.row++;
    const seen = (this.rows[i] ??= []);
    const at = seen.findIndex((r) => sameCells(r.cells, cells));
    const hit = at >= 0 ? seen.splice(at, 1)[0] : { cells, text: toString(cells).trimEnd() };
    seen.unshift(hit);
    if (seen.length > GENERATIONS) seen.pop();
    return hit.text;
  }
}

function sameCells(a: readonly StyledCell[], b: readonly StyledCell[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

let shared: FrameCaches | null = null;

/** The caches of a new frame: one instance for the process, started on a new generation. */
export function frameCaches(styled: ConstructorParameters<typeof FrameCaches>[0], width: (text: string) => number): FrameCaches {
  shared ??= new FrameCaches(styled, width);
  return shared.next();
}
