import { sanitize } from '../../parsers/sanitize.js';
import type { Cell, CellGrid } from './cells.js';
import { blockParts, isBraille } from './glyphs.js';
import { colorHex, DEFAULT_BG, DEFAULT_FG, mix } from './palette.js';

/**
 * DejaVu Sans Mono metrics (units per em 2048, advance 1233, ascent 1901,
 * descent 483): cells exactly one glyph advance wide and one ascent+descent
 * high, so box drawing and braille glyphs meet their neighbours.
 */
export const FONT_FAMILY = 'DejaVu Sans Mono';
/** In the SVG: DejaVu first (what the PNG uses), then what a viewer's machine likely has. */
const FONT_STACK = `'${FONT_FAMILY}', Menlo, Consolas, 'Liberation Mono', monospace`;
export const FONT_SIZE = 14;
export const CELL_W = (FONT_SIZE * 1233) / 2048;
export const CELL_H = (FONT_SIZE * (1901 + 483)) / 2048;
const BASELINE = (FONT_SIZE * 1901) / 2048;

export const PAD = 16;
export const TITLE_H = 34;
const RADIUS = 8;
const TITLE_BG = '#282c34';
const TITLE_FG = '#9da5b4';
const BORDER = '#3a3f4b';

/** Where the grid sits in the picture: cell (col,row) has its top-left at (left + col*CELL_W, top + row*CELL_H). */
export function gridOrigin(): { left: number; top: number } {
  return { left: PAD, top: TITLE_H + PAD };
}

export function svgSize(cols: number, rows: number): { width: number; height: number } {
  return {
    width: Math.ceil(2 * PAD + cols * CELL_W),
    height: Math.ceil(TITLE_H + 2 * PAD + rows * CELL_H),
  };
}

export interface SvgOptions {
  /** Shown in the title bar, e.g. "core@10.0.0.5 · mounts · 2026-11-29 00:46 UTC". Given, never read from the clock. */
  title: string;
}

/** Two decimals, no trailing zeros: stable text for the same input. */
function n(v: number): string {
  return String(Math.round(v * 100) / 100);
}

const XML_BAD = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function xmlEscape(s: string): string {
  return s
    .replace(XML_BAD, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

interface Resolved {
  fg: string;
  /** null: the window background shows through */
  bg: string | null;
}

/** Final colours of a cell: defaults, inverse, dim and invisible applied. */
export function resolveColors(c: Cell): Resolved {
  let fg = colorHex(c.fg) ?? DEFAULT_FG;
  let bg = colorHex(c.bg);
  if (c.inverse) {
    const oldFg = fg;
    fg = bg ?? DEFAULT_BG;
    bg = oldFg;
  }
  if (c.dim) fg = mix(fg, bg ?? DEFAULT_BG);
  if (c.invisible) fg = bg ?? DEFAULT_BG;
  return { fg, bg };
}

interface Run {
  col: number;
  chars: string[];
  cols: number[];
  fill: string;
  bold: boolean;
  italic: boolean;
}

/** A faithful picture of a cell grid in a terminal window with a title bar. */
export function cellsToSvg(grid: CellGrid, opts: SvgOptions): string {
  const { width, height } = svgSize(grid.cols, grid.rows);
  const { left, top } = gridOrigin();
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
  );
  out.push(`<clipPath id="window"><rect width="${width}" height="${height}" rx="${RADIUS}"/></clipPath>`);
  out.push(`<g clip-path="url(#window)">`);
  out.push(`<rect width="${width}" height="${height}" fill="${DEFAULT_BG}"/>`);
  out.push(`<rect width="${width}" height="${TITLE_H}" fill="${TITLE_BG}"/>`);
  [
    ['#ff5f57', 20],
    ['#febc2e', 40],
    ['#28c840', 60],
  ].forEach(([fill, cx]) => out.push(`<circle cx="${cx}" cy="${TITLE_H / 2}" r="6" fill="${fill}"/>`));
  const title = xmlEscape(sanitize(opts.title));
  out.push(
    `<text x="${n(width / 2)}" y="${n(TITLE_H / 2 + 4.5)}" fill="${TITLE_FG}" font-family="${FONT_STACK}" font-size="13" text-anchor="middle">${title}</text>`,
  );
  out.push(`</g>`);
  out.push(
    `<rect x="0.5" y="0.5" width="${width - 1}" height="${height - 1}" rx="${RADIUS}" fill="none" stroke="${BORDER}"/>`,
  );

  // Backgrounds: one rect per run of equal colour on a row.
  out.push(`<g shape-rendering="crispEdges">`);
  grid.cells.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      const bg = cellFill(row[x]);
      let end = x + 1;
      while (end < row.length && cellFill(row[end]) === bg) end++;
      if (bg !== null) {
        out.push(
          `<rect x="${n(left + x * CELL_W)}" y="${n(top + y * CELL_H)}" width="${n((end - x) * CELL_W)}" height="${n(CELL_H)}" fill="${bg}"/>`,
        );
      }
      x = end;
    }
  });
  // Partial block elements (bar ends, sparklines) as rects of their cell.
  grid.cells.forEach((row, y) => {
    row.forEach((c, x) => {
      const parts = c.invisible ? null : blockParts(c.ch);
      if (!parts || parts === 'full' || typeof parts === 'number') return;
      const { fg } = resolveColors(c);
      const x0 = left + x * CELL_W;
      const y0 = top + y * CELL_H;
      for (const [a, b, cc, d] of parts) {
        out.push(
          `<rect x="${n(x0 + a * CELL_W)}" y="${n(y0 + b * CELL_H)}" width="${n((cc - a) * CELL_W)}" height="${n((d - b) * CELL_H)}" fill="${fg}"/>`,
        );
      }
    });
  });
  // Underline and strike-through as thin bars: exact on the grid.
  grid.cells.forEach((row, y) => {
    row.forEach((c, x) => {
      if (c.width === 0 || c.invisible || (!c.underline && !c.strike)) return;
      const { fg } = resolveColors(c);
      const w = n(c.width * CELL_W);
      if (c.underline) {
        out.push(`<rect x="${n(left + x * CELL_W)}" y="${n(top + y * CELL_H + BASELINE + 1.5)}" width="${w}" height="1" fill="${fg}"/>`);
      }
      if (c.strike) {
        out.push(`<rect x="${n(left + x * CELL_W)}" y="${n(top + y * CELL_H + BASELINE * 0.62)}" width="${w}" height="1" fill="${fg}"/>`);
      }
    });
  });
  out.push(`</g>`);

  // Text: runs of same style, every character at its own cell's x.
  out.push(`<g font-family="${FONT_STACK}" font-size="${FONT_SIZE}" xml:space="preserve">`);
  grid.cells.forEach((row, y) => {
    const yText = n(top + y * CELL_H + BASELINE);
    for (const run of textRuns(row)) {
      const xs = run.cols.map((c) => n(left + c * CELL_W)).join(' ');
      const weight = run.bold ? ' font-weight="bold"' : '';
      const style = run.italic ? ' font-style="italic"' : '';
      out.push(`<text x="${xs}" y="${yText}" fill="${run.fill}"${weight}${style}>${xmlEscape(run.chars.join(''))}</text>`);
    }
  });
  out.push(`</g>`);

  // Braille (charts): drawn as dots on the cell grid; DejaVu Sans Mono has no braille glyphs.
  grid.cells.forEach((row, y) => {
    for (const run of brailleRuns(row)) {
      const d = run.cells.map(([x, bits]) => brailleDots(left + x * CELL_W, top + y * CELL_H, bits)).join('');
      out.push(`<path class="braille" fill="${run.fill}" d="${d}"/>`);
    }
  });
  out.push(`</svg>`);
  return out.join('\n') + '\n';
}

function textRuns(row: Cell[]): Run[] {
  const runs: Run[] = [];
  let cur: Run | null = null;
  row.forEach((c, x) => {
    if (c.width === 0) return;
    if (c.ch === ' ' || c.ch === '' || c.invisible || isBraille(c.ch) || blockParts(c.ch)) {
      cur = null;
      return;
    }
    const { fg } = resolveColors(c);
    // A cell holding more than one code unit (emoji, combining marks) gets its own element,
    // so an x list never has to be matched against a cluster.
    const single = c.ch.length === 1;
    if (cur && single && cur.fill === fg && cur.bold === c.bold && cur.italic === c.italic) {
      cur.chars.push(c.ch);
      cur.cols.push(x);
      return;
    }
    const run: Run = { col: x, chars: [c.ch], cols: [x], fill: fg, bold: c.bold, italic: c.italic };
    runs.push(run);
    cur = single ? run : null;
  });
  return runs;
}

/** Dot number (bit) -> [column 0|1, row 0..3] in the 2x4 braille cell (Unicode order). */
const DOTS: ReadonlyArray<[number, number]> = [
  [0, 0],
  [0, 1],
  [0, 2],
  [1, 0],
  [1, 1],
  [1, 2],
  [0, 3],
  [1, 3],
];
export const BRAILLE_DOT_R = 1.25;

/** Centre of dot (dx, dy) of the braille cell whose top-left is (x0, y0). */
export function brailleDotCenter(x0: number, y0: number, dx: number, dy: number): [number, number] {
  return [x0 + (CELL_W * (2 * dx + 1)) / 4, y0 + (CELL_H * (2 * dy + 1)) / 8];
}

/** Path data: one small circle per raised dot. */
function brailleDots(x0: number, y0: number, bits: number): string {
  const r = BRAILLE_DOT_R;
  let d = '';
  DOTS.forEach(([dx, dy], bit) => {
    if ((bits & (1 << bit)) === 0) return;
    const [cx, cy] = brailleDotCenter(x0, y0, dx, dy);
    d += `M${n(cx - r)} ${n(cy)}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0z`;
  });
  return d;
}

interface BrailleRun {
  fill: string;
  /** [column, dot bits] */
  cells: Array<[number, number]>;
}

function brailleRuns(row: Cell[]): BrailleRun[] {
  const runs: BrailleRun[] = [];
  let cur: BrailleRun | null = null;
  row.forEach((c, x) => {
    const bits = isBraille(c.ch) && !c.invisible ? c.ch.charCodeAt(0) - 0x2800 : 0;
    if (bits === 0) {
      if (c.width !== 0) cur = null;
      return;
    }
    const { fg } = resolveColors(c);
    if (cur && cur.fill === fg) {
      cur.cells.push([x, bits]);
      return;
    }
    cur = { fill: fg, cells: [[x, bits]] };
    runs.push(cur);
  });
  return runs;
}

/** What covers a whole cell: the full block or a shade in its colour, else the background. */
function cellFill(c: Cell): string | null {
  const { fg, bg } = resolveColors(c);
  const parts = c.invisible ? null : blockParts(c.ch);
  if (parts === 'full') return fg;
  if (typeof parts === 'number') return mix(bg ?? DEFAULT_BG, fg, parts);
  return bg;
}
