import { describe, expect, it } from 'vitest';
import { sanitize } from '../../../parsers/sanitize.js';
import { ansiToCells } from '../../../src/export/cells.js';
import { ANSI16, DEFAULT_BG, DEFAULT_FG, mix, palette256 } from '../../../src/export/palette.js';
import { CELL_H, CELL_W, cellsToSvg, gridOrigin, svgSize } from '../../../src/export/svg.js';
import { stripAnsi } from '../../../src/export/ansi.js';
import { backgrounds, brailleCells, inkSample, parseSvg, textCells } from './_support.js';

async function svgOf(ansi: string, cols: number, rows: number, title = 'host · 2026-11-29 00:00 UTC') {
  return cellsToSvg(await ansiToCells(ansi, cols, rows), { title });
}

/** Column of the first occurrence of `word` on `row` of the plain frame. */
function find(plain: string[], word: string): [number, number] {
  const row = plain.findIndex((l) => l.includes(word));
  if (row < 0) throw new Error(`${word} not in frame`);
  return [row, Array.from(plain[row].slice(0, plain[row].indexOf(word))).length];
}

describe('SVG of a real Ink frame', async () => {
  const { ansi, cols, rows } = await inkSample();
  const svg = await svgOf(ansi, cols, rows);
  const plain = stripAnsi(ansi).split('\n');
  const cells = textCells(svg);

  it('is XML with the window size of the grid', () => {
    const root = parseSvg(svg);
    const { width, height } = svgSize(cols, rows);
    expect([root.width, root.height]).toEqual([String(width), String(height)]);
  });

  it('holds every text cell of the frame at its grid position, and nothing else', () => {
    let expected = 0;
    plain.forEach((line, row) => {
      Array.from(line).forEach((ch, col) => {
        if (ch === ' ' || (ch >= '\u2800' && ch <= '\u28ff')) return;
        expected++;
        expect(cells.get(`${row},${col}`)?.ch, `cell ${row},${col}`).toBe(ch);
      });
    });
    expect(cells.size).toBe(expected);
    // the border really is there: corners at the grid's corners
    expect(cells.get('0,0')?.ch).toBe('┌');
    expect(cells.get('0,39')?.ch).toBe('┐');
  });

  it('draws each word in its colour and weight', () => {
    const at = (word: string) => {
      const [row, col] = find(plain, word);
      return Array.from(word).map((_, i) => cells.get(`${row},${col + i}`)!);
    };
    for (const c of at('Hello')) expect(c).toEqual({ ch: c.ch, fill: ANSI16[1], bold: true });
    for (const c of at('Azure')) expect(c.fill).toBe(palette256(39));
    for (const c of at('Faint')) expect(c.fill).toBe(mix(DEFAULT_FG, DEFAULT_BG));
    // inverse truecolour: text in the window colour on an orange bar
    for (const c of at('Orange')) expect(c.fill).toBe(DEFAULT_BG);
    const [row, col] = find(plain, 'Orange');
    expect(backgrounds(svg)).toContainEqual([row, col, col + 5, '#ff8800']);
    expect(cells.get('0,0')?.fill).toBe(DEFAULT_FG);
  });

  it('escapes XML in host text and keeps it readable', () => {
    const [row, col] = find(plain, 'a<b');
    const text = Array.from('a<b & "c">')
      .map((_, i) => cells.get(`${row},${col + i}`)?.ch ?? ' ')
      .join('');
    expect(text).toBe('a<b & "c">');
    expect(backgrounds(svg)).toContainEqual([row, col, col + 9, ANSI16[4]]);
    expect(svg).toContain('a&lt;b');
  });

  it('draws braille as dots in their cells', () => {
    const [row, col] = find(plain, '⣿');
    const dots = brailleCells(svg);
    expect(dots.get(`${row},${col}`)).toEqual({ bits: 0xff, fill: ANSI16[2] });
    expect(dots.get(`${row},${col + 1}`)).toEqual({ bits: 0xc0, fill: ANSI16[2] });
    expect(dots.get(`${row},${col + 2}`)).toEqual({ bits: 0x01, fill: ANSI16[2] });
    expect(dots.size).toBe(3);
  });

  it('is deterministic: the same frame gives the same bytes', async () => {
    expect(await svgOf(ansi, cols, rows)).toBe(svg);
  });
});

describe('SVG colours from hand-made SGR', () => {
  it('maps 16, 256 and truecolour, foreground and background', async () => {
    const ansi =
      '\x1b[31mA\x1b[0m\x1b[91mB\x1b[0m\x1b[38;5;196mC\x1b[0m\x1b[38;5;244mD\x1b[0m' +
      '\x1b[38;2;1;2;3mE\x1b[0m\x1b[48;5;21mF\x1b[0m\x1b[7mG\x1b[0m';
    const svg = await svgOf(ansi, 10, 1);
    const cells = textCells(svg);
    expect(['0,0', '0,1', '0,2', '0,3', '0,4'].map((k) => cells.get(k)?.fill)).toEqual([
      ANSI16[1],
      ANSI16[9],
      '#ff0000',
      '#808080',
      '#010203',
    ]);
    expect(backgrounds(svg)).toEqual([
      [0, 5, 5, '#0000ff'],
      [0, 6, 6, DEFAULT_FG],
    ]);
    expect(cells.get('0,6')?.fill).toBe(DEFAULT_BG);
  });

  it('places wide characters on two cells and keeps the next one aligned', async () => {
    const cells = textCells(await svgOf('中x', 6, 1));
    expect(cells.get('0,0')?.ch).toBe('中');
    expect(cells.get('0,2')?.ch).toBe('x');
  });
});

describe('block elements', () => {
  it('draws full blocks as one seamless bar and partial blocks as exact rects, not glyphs', async () => {
    const svg = await svgOf('\x1b[31m███▌\x1b[0m x\x1b[32m▁\x1b[0m', 8, 1);
    const { left, top } = gridOrigin();
    const rects = (parseSvg(svg).g as Array<{ rect?: Array<Record<string, string>> }>)
      .flatMap((g) => g.rect ?? [])
      .map((r) => [Number(r.x), Number(r.y), Number(r.width), Number(r.height), r.fill]);
    const near = (a: number, b: number) => Math.abs(a - b) < 0.01;
    const has = (x: number, y: number, w: number, h: number, fill: string) =>
      rects.some(([rx, ry, rw, rh, f]) => near(rx as number, x) && near(ry as number, y) && near(rw as number, w) && near(rh as number, h) && f === fill);
    expect(has(left, top, 3 * CELL_W, CELL_H, ANSI16[1])).toBe(true);
    expect(has(left + 3 * CELL_W, top, CELL_W / 2, CELL_H, ANSI16[1])).toBe(true);
    expect(has(left + 6 * CELL_W, top + (7 / 8) * CELL_H, CELL_W, CELL_H / 8, ANSI16[2])).toBe(true);
    expect([...textCells(svg).entries()]).toEqual([['0,5', { ch: 'x', fill: DEFAULT_FG, bold: false }]]);
  });
});

describe('host data cannot inject into the SVG', () => {
  it('drops raw escape sequences and shows sanitized ones as text', async () => {
    const raw = 'before\x1b]0;evil\x07\x1b[2J\x9b2J\x1b[Hafter';
    const shown = sanitize('\x1b]0;evil\x07');
    const svg = await svgOf(`${raw}\n${shown}`, 30, 2, 'title \x1b]0;pwn\x07 <script>');
    const cells = textCells(svg);
    const row = (r: number) =>
      Array.from({ length: 30 }, (_, c) => cells.get(`${r},${c}`)?.ch ?? ' ')
        .join('')
        .trimEnd();
    expect(row(0)).toBe('beforeafter');
    expect(row(1)).toBe('\\e]0;evil\\x07');
    expect(svg).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('title \\e]0;pwn\\x07 &lt;script&gt;');
    parseSvg(svg);
  });
});
