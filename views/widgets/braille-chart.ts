import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface DrawilleContext {
  _canvas: { content: Uint8Array; width: number; height: number };
  strokeStyle: unknown;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  stroke(): void;
}
type ContextCtor = new (w: number, h: number) => DrawilleContext;
const Context = require('drawille-canvas-blessed-contrib') as ContextCtor;

/** Which series drew a cell: bit 0 = first series, bit 1 = second. */
export interface ChartCells {
  lines: string[];
  owners: number[][];
}

function plot(values: number[], cols: number, rows: number, max: number): Uint8Array {
  const ctx = new Context(cols * 2, rows * 4);
  const w = cols * 2;
  const h = rows * 4;
  const n = values.length;
  ctx.beginPath();
  values.forEach((v, i) => {
    const x = n === 1 ? w - 1 : Math.round(w - 1 - (n - 1 - i) * ((w - 1) / Math.max(1, Math.min(n - 1, w - 1))));
    const y = Math.round((h - 1) * (1 - Math.max(0, Math.min(v, max)) / max));
    if (i === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  });
  if (n === 1) ctx.lineTo(w - 1, Math.round((h - 1) * (1 - Math.max(0, Math.min(values[0], max)) / max)));
  ctx.stroke();
  return ctx._canvas.content;
}

/**
 * Draws up to two series as braille lines (drawille canvas) into plain strings.
 * The newest point is at the right edge; only the last `cols * 2` points are drawn.
 */
export function brailleChart(series: number[][], cols: number, rows: number, max: number): ChartCells {
  const c = cols - (cols % 2);
  const w = Math.max(2, c);
  const hmax = max > 0 ? max : 1;
  const canvases = series.map((s) => (s.length === 0 ? null : plot(s.slice(-w * 2), w, rows, hmax)));
  const lines: string[] = [];
  const owners: number[][] = [];
  for (let r = 0; r < rows; r++) {
    let line = '';
    const own: number[] = [];
    for (let x = 0; x < w; x++) {
      let mask = 0;
      let who = 0;
      canvases.forEach((cv, si) => {
        const m = cv ? cv[r * w + x] : 0;
        if (m) {
          mask |= m;
          who |= 1 << si;
        }
      });
      line += mask ? String.fromCharCode(0x2800 + mask) : ' ';
      own.push(who);
    }
    lines.push(line);
    owners.push(own);
  }
  return { lines, owners };
}
