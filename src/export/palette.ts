import type { Color } from './cells.js';

/** Window colours of every screenshot. */
export const DEFAULT_FG = '#d7dae0';
export const DEFAULT_BG = '#1b1d23';

/** The 16 ANSI colours: a fixed dark theme, so every screenshot looks the same. */
export const ANSI16: readonly string[] = [
  '#3b4048', // black
  '#e06c75', // red
  '#98c379', // green
  '#e5c07b', // yellow
  '#61afef', // blue
  '#c678dd', // magenta
  '#56b6c2', // cyan
  '#c8ccd4', // white
  '#636d83', // bright black
  '#ff7b86', // bright red
  '#b5e890', // bright green
  '#ffd68a', // bright yellow
  '#7cc4ff', // bright blue
  '#de9bf2', // bright magenta
  '#6fd4e0', // bright cyan
  '#ffffff', // bright white
];

const CUBE = [0, 95, 135, 175, 215, 255];

function hex(r: number, g: number, b: number): string {
  return '#' + [r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('');
}

/** xterm's 256-colour table: 16 theme colours, the 6x6x6 cube, 24 greys. */
export function palette256(index: number): string {
  const i = Math.max(0, Math.min(255, Math.trunc(index)));
  if (i < 16) return ANSI16[i];
  if (i < 232) {
    const n = i - 16;
    return hex(CUBE[Math.floor(n / 36)], CUBE[Math.floor(n / 6) % 6], CUBE[n % 6]);
  }
  const v = 8 + 10 * (i - 232);
  return hex(v, v, v);
}

/** A cell colour as `#rrggbb`, or null for the terminal default. */
export function colorHex(c: Color): string | null {
  if (c.mode === 'palette') return palette256(c.index);
  if (c.mode === 'rgb') return hex((c.rgb >> 16) & 0xff, (c.rgb >> 8) & 0xff, c.rgb & 0xff);
  return null;
}

/** Halfway between two `#rrggbb` colours: how dim text is drawn. */
export function mix(a: string, b: string, t = 0.5): string {
  const pa = parseInt(a.slice(1), 16);
  const pb = parseInt(b.slice(1), 16);
  const ch = (p: number, s: number) => (p >> s) & 0xff;
  const m = (s: number) => Math.round(ch(pa, s) * (1 - t) + ch(pb, s) * t);
  return hex(m(16), m(8), m(0));
}
