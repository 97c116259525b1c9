import { describe, expect, it } from 'vitest';
import { ansiToCells } from '../../../src/export/cells.js';
import { PNG_SCALE, svgToPng } from '../../../src/export/png.js';
import { cellsToSvg, svgSize } from '../../../src/export/svg.js';
import { inkSample } from './_support.js';

describe('PNG', () => {
  it('has the SVG size times the scale, a PNG signature and real content', async () => {
    const { ansi, cols, rows } = await inkSample();
    const svg = cellsToSvg(await ansiToCells(ansi, cols, rows), { title: 'png test' });
    const img = svgToPng(svg);
    const { width, height } = svgSize(cols, rows);
    expect([img.width, img.height]).toEqual([width * PNG_SCALE, height * PNG_SCALE]);
    expect(img.png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // IHDR holds the same size
    expect([img.png.readUInt32BE(16), img.png.readUInt32BE(20)]).toEqual([img.width, img.height]);

    // Not blank: many distinct colours, and the orange of the inverse bar is drawn.
    const colours = new Set<number>();
    let orange = 0;
    for (let i = 0; i < img.pixels.length; i += 4) {
      const [r, g, b] = [img.pixels[i], img.pixels[i + 1], img.pixels[i + 2]];
      colours.add((r << 16) | (g << 8) | b);
      if (r === 0xff && g === 0x88 && b === 0x00) orange++;
    }
    expect(colours.size).toBeGreaterThan(50);
    expect(orange).toBeGreaterThan(100);
  }, 60_000);

  it('draws glyphs from the DejaVu font, not nothing', async () => {
    const blank = svgToPng(cellsToSvg(await ansiToCells('', 4, 1), { title: '' }));
    const text = svgToPng(cellsToSvg(await ansiToCells('MMMM', 4, 1), { title: '' }));
    const lit = (p: Buffer) => {
      let n = 0;
      for (let i = 0; i < p.length; i += 4) if (p[i] > 0x90) n++;
      return n;
    };
    expect(lit(text.pixels)).toBeGreaterThan(lit(blank.pixels) + 100);
  });
});
