/** Which characters the SVG writer draws as shapes instead of font glyphs. */

export function isBraille(ch: string): boolean {
  return ch.length === 1 && ch.charCodeAt(0) >= 0x2800 && ch.charCodeAt(0) <= 0x28ff;
}

export type Box = [number, number, number, number];
const Q = { ul: [0, 0, 0.5, 0.5], ur: [0.5, 0, 1, 0.5], ll: [0, 0.5, 0.5, 1], lr: [0.5, 0.5, 1, 1] } satisfies Record<string, Box>;

/**
 * Block elements U+2580-U+259F as boxes in cell fractions [x0, y0, x1, y1]:
 * drawn as rects so bars meet without seams. 'full' for the full block, a
 * number (0.25, 0.5, 0.75) for the shades, null for anything else.
 */
export function blockParts(ch: string): Box[] | 'full' | number | null {
  if (ch.length !== 1) return null;
  const c = ch.charCodeAt(0);
  if (c < 0x2580 || c > 0x259f) return null;
  if (c === 0x2588) return 'full';
  if (c === 0x2580) return [[0, 0, 1, 0.5]];
  if (c < 0x2588) return [[0, 1 - (c - 0x2580) / 8, 1, 1]];
  if (c < 0x2590) return [[0, 0, (0x2590 - c) / 8, 1]];
  if (c === 0x2590) return [[0.5, 0, 1, 1]];
  if (c <= 0x2593) return (c - 0x2590) / 4;
  if (c === 0x2594) return [[0, 0, 1, 0.125]];
  if (c === 0x2595) return [[0.875, 0, 1, 1]];
  const quads: Record<number, Box[]> = {
    0x2596: [Q.ll],
    0x2597: [Q.lr],
    0x2598: [Q.ul],
    0x2599: [Q.ul, Q.ll, Q.lr],
    0x259a: [Q.ul, Q.lr],
    0x259b: [Q.ul, Q.ur, Q.ll],
    0x259c: [Q.ul, Q.ur, Q.lr],
    0x259d: [Q.ur],
    0x259e: [Q.ur, Q.ll],
    0x259f: [Q.ur, Q.ll, Q.lr],
  };
  return quads[c];
}
