import type { StyleCode } from './same-styles.js';

/** One cell of Ink's frame: a styled character as ansi-tokenize gives it. */
export interface StyledCell {
  type: string;
  value: string;
  fullWidth: boolean;
  styles: readonly StyleCode[];
}

/** The blank cell every row of a frame starts with: one shared object (cells are only read). */
export const BLANK_CELL: StyledCell = Object.freeze({ type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([]) as readonly StyleCode[] });

interface Generation {
  styledChars: Map<string, StyledCell[]>;
  widths: Map<string, number>;
  blockWidths: Map<string, number>;
  rows: { cells: StyledCell[]; text: string }[];
}

const generation = (): Generation => ({ styledChars: new Map(), widths: new Map(), blockWidths: new Map(), rows: [] });

function lookup<V>(cur: Map<string, V>, prev: Map<string, V>, key: string, make: (key: string) => V): V {
  let v = cur.get(key);
  if (v !== undefined) return v;
  v = prev.get(key);
  if (v === undefined) v = make(key);
  cur.set(key, v);
  return v;
}

/**
 * Ink's frame composer caches (ink/build/output.js's OutputCaches, same methods) kept from one
 * frame to the next, plus each row's text. Ink makes new caches with every frame, so every line of
 * every frame was tokenized again into a new object and style list per character, and every row
 * written out again: ~1.7 MB of garbage per frame of a 100x30 screen, on an idle live screen where
 * a tick changes a few lines. Bounded: what the last frame did not use is dropped at the next.
 * The bundle's Ink takes the one instance (bin/ink-patches.mjs); `next()` starts a frame.
 */
export class FrameCaches {
  private cur = generation();
  private prev = generation();
  private row = 0;

  constructor(
    private readonly styled: (line: string) => StyledCell[],
    private readonly width: (text: string) => number,
  ) {}

  /** A new frame (a new Output): entries the last frame did not use go. */
  next(): this {
    this.prev = this.cur;
    this.cur = generation();
    this.row = 0;
    return this;
  }

  getStyledChars(line: string): StyledCell[] {
    return lookup(this.cur.styledChars, this.prev.styledChars, line, this.styled);
  }

  getStringWidth(text: string): number {
    return lookup(this.cur.widths, this.prev.widths, text, this.width);
  }

  getWidestLine(text: string): number {
    return lookup(this.cur.blockWidths, this.prev.blockWidths, text, (t) => t.split('\n').reduce((w, line) => Math.max(w, this.getStringWidth(line)), 0));
  }

  /**
   * The text of the frame's next row (rows come in order): the last frame's text of that row when
   * it holds the very same cells (cached characters and the blank are shared objects), else
   * `toString(cells)` without trailing blanks, as Ink writes it.
   */
  rowText(cells: StyledCell[], toString: (cells: StyledCell[]) => string): string {
    const i = this.row++;
    const last = this.prev.rows[i];
    const text = last && sameCells(last.cells, cells) ? last.text : toString(cells).trimEnd();
    this.cur.rows[i] = { cells, text };
    return text;
  }
}

function sameCells(a: readonly StyledCell[], b: readonly StyledCell[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

let shared: FrameCaches | null = null;

/** The caches of a new frame: one instance for the process, started on a new generation. */
export function frameCaches(styled: (line: string) => StyledCell[], width: (text: string) => number): FrameCaches {
  shared ??= new FrameCaches(styled, width);
  return shared.next();
}
