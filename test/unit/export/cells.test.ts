import { describe, expect, it } from 'vitest';
import { ansiToCells } from '../../../src/export/cells.js';

describe('ansiToCells', () => {
  it('reads characters, widths, colour modes and attributes', async () => {
    const g = await ansiToCells('\x1b[1;2;3;4;7;38;5;100;48;2;10;20;30mX\x1b[0m中\x1b[9;8mz', 6, 2);
    expect([g.cols, g.rows, g.cells.length, g.cells[0].length]).toEqual([6, 2, 2, 6]);
    const x = g.cells[0][0];
    expect(x).toMatchObject({
      ch: 'X',
      width: 1,
      fg: { mode: 'palette', index: 100 },
      bg: { mode: 'rgb', rgb: 0x0a141e },
      bold: true,
      dim: true,
      italic: true,
      underline: true,
      inverse: true,
    });
    expect(g.cells[0][1]).toMatchObject({ ch: '中', width: 2, fg: { mode: 'default' }, bold: false });
    expect(g.cells[0][2]).toMatchObject({ ch: '', width: 0 });
    expect(g.cells[0][3]).toMatchObject({ ch: 'z', strike: true, invisible: true });
    expect(g.cells[1][0]).toMatchObject({ ch: ' ', width: 1 });
  });

  it('treats \\n as a new line starting at column 0', async () => {
    const g = await ansiToCells('ab\ncd', 4, 2);
    expect(g.cells.map((r) => r.map((c) => c.ch).join(''))).toEqual(['ab  ', 'cd  ']);
  });

  it('grows instead of scrolling when the frame has more lines than rows', async () => {
    const g = await ansiToCells('1\n2\n3\n4', 3, 2);
    expect(g.rows).toBe(4);
    expect(g.cells.map((r) => r[0].ch)).toEqual(['1', '2', '3', '4']);
  });

  it('cannot be cleared or moved by host escapes', async () => {
    const g = await ansiToCells('keep\x1b[2J\x1b[1;1Hx\x9b1;1Hy', 10, 1);
    expect(g.cells[0].map((c) => c.ch).join('')).toBe('keepxy    ');
  });

  it('rejects impossible sizes with a message', async () => {
    await expect(ansiToCells('x', 0, 10)).rejects.toThrow('columns must be a whole number from 1 to 1000, got 0');
    await expect(ansiToCells('x', 80, 2.5)).rejects.toThrow('rows must be a whole number');
    await expect(ansiToCells('x\n'.repeat(1500), 80, 24)).rejects.toThrow('the frame has 1500 lines; at most 1000 fit');
  });
});
