import { XMLParser } from 'fast-xml-parser';
import { CELL_H, CELL_W, gridOrigin } from '../../../src/export/svg.js';

/**
 * Renders a small Ink screen to an ANSI string the way screenshots do:
 * renderToString with truecolour forced. chalk decides its colour level when
 * it is first imported, so the environment is set before ink is imported.
 */
export async function inkSample(): Promise<{ ansi: string; cols: number; rows: number }> {
  const saved = { FORCE_COLOR: process.env.FORCE_COLOR, COLORTERM: process.env.COLORTERM };
  process.env.FORCE_COLOR = '3';
  process.env.COLORTERM = 'truecolor';
  const { renderToString, Box, Text } = await import('ink');
  // chalk has read the environment; leave it as it was for anything else in this process.
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  const { createElement: h } = await import('react');
  const cols = 48;
  const el = h(
    Box,
    { flexDirection: 'column', borderStyle: 'single', width: 40 },
    h(Text, { color: 'red', bold: true }, 'Hello'),
    h(Text, { color: '#ff8800', inverse: true }, 'Orange'),
    h(Text, { color: 'ansi256(39)', underline: true }, 'Azure'),
    h(Text, { dimColor: true }, 'Faint'),
    h(Text, { color: 'green' }, '⣿⣀⠁ chart'),
    h(Box, { borderStyle: 'round' }, h(Text, { backgroundColor: 'blue' }, 'a<b & "c">')),
  );
  const ansi = renderToString(el, { columns: cols });
  if (!ansi.includes('\x1b[38;2;255;136;0m')) {
    throw new Error('ink did not emit truecolor: chalk was loaded before FORCE_COLOR was set');
  }
  return { ansi, cols, rows: 12 };
}

export interface SvgCell {
  ch: string;
  fill: string;
  bold: boolean;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  isArray: (name) => ['g', 'text', 'rect', 'path', 'circle'].includes(name),
});

type Node = Record<string, unknown> & { text?: Node[]; g?: Node[]; rect?: Node[]; path?: Node[] };

/** Parses the SVG (throws if it is not XML) and returns its root element. */
export function parseSvg(svg: string): Node {
  const doc = parser.parse(svg, true) as { svg: Node };
  return doc.svg;
}

function all(node: Node, kind: 'text' | 'rect' | 'path'): Node[] {
  const own = (node[kind] as Node[] | undefined) ?? [];
  return own.concat(((node.g as Node[] | undefined) ?? []).flatMap((g) => all(g, kind)));
}

/** Grid cells drawn as text: key "row,col" -> character, fill, weight. Title bar text is left out. */
export function textCells(svg: string): Map<string, SvgCell> {
  const { left, top } = gridOrigin();
  const cells = new Map<string, SvgCell>();
  for (const t of all(parseSvg(svg), 'text')) {
    const y = Number(t.y);
    if (y < top) continue;
    const xs = String(t.x).split(' ').map(Number);
    const chars = Array.from(String(t['#text'] ?? ''));
    if (xs.length !== chars.length) throw new Error(`x list (${xs.length}) and text (${chars.length}) differ`);
    const row = Math.floor((y - top) / CELL_H);
    chars.forEach((ch, i) => {
      const col = Math.round((xs[i] - left) / CELL_W);
      cells.set(`${row},${col}`, { ch, fill: String(t.fill), bold: t['font-weight'] === 'bold' });
    });
  }
  return cells;
}

/** Background rects of the grid: [row, firstCol, lastCol, fill]. */
export function backgrounds(svg: string): Array<[number, number, number, string]> {
  const { left, top } = gridOrigin();
  return all(parseSvg(svg), 'rect')
    .filter((r) => r.y !== undefined && Number(r.y) >= top && Number(r.height) > 2)
    .map((r) => {
      const col = Math.round((Number(r.x) - left) / CELL_W);
      const w = Math.round(Number(r.width) / CELL_W);
      return [Math.round((Number(r.y) - top) / CELL_H), col, col + w - 1, String(r.fill)];
    });
}

/** Braille dots drawn: "row,col" -> dot bits (Unicode dot order) and fill. */
export function brailleCells(svg: string): Map<string, { bits: number; fill: string }> {
  const { left, top } = gridOrigin();
  const out = new Map<string, { bits: number; fill: string }>();
  for (const p of all(parseSvg(svg), 'path')) {
    if (p.class !== 'braille') continue;
    const starts = [...String(p.d).matchAll(/M([\d.]+) ([\d.]+)a([\d.]+)/g)];
    for (const m of starts) {
      const r = Number(m[3]);
      const cx = Number(m[1]) + r - left;
      const cy = Number(m[2]) - top;
      const col = Math.floor(cx / CELL_W);
      const row = Math.floor(cy / CELL_H);
      const dx = Math.floor((cx - col * CELL_W) / (CELL_W / 2));
      const dy = Math.floor((cy - row * CELL_H) / (CELL_H / 4));
      const bit = dy === 3 ? 6 + dx : dx * 3 + dy;
      const key = `${row},${col}`;
      const prev = out.get(key);
      out.set(key, { bits: (prev?.bits ?? 0) | (1 << bit), fill: String(p.fill) });
    }
  }
  return out;
}
