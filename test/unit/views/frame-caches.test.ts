import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BLANK_CELL, FrameCaches, GENERATIONS } from '../../../views/present/frame-caches.js';
import type { StyledCell } from '../../../views/present/styled-cell.js';

const cell = (value: string): StyledCell => ({ type: 'char', value, fullWidth: false, styles: [] });

describe('FrameCaches (Ink frame composer caches kept between frames)', () => {
  it("answers a narrow character's width (Ink asks it of every character) without measuring, others as measured", () => {
    const asked: string[] = [];
    const c = new FrameCaches((line) => [...line].map(cell), (t) => (asked.push(t), t === '日' ? 2 : 7)).next();
    expect(['a', '─', '▸', '…', ' '].map((ch) => c.getStringWidth(ch))).toEqual([1, 1, 1, 1, 1]);
    expect(['日', '\t', 'ab'].map((t) => c.getStringWidth(t))).toEqual([2, 7, 7]);
    expect(asked).toEqual(['日', '\t', 'ab']);
  });

  it('tokenizes a line once while one of the last GENERATIONS frames showed it, again after GENERATIONS frames without it', () => {
    const made: string[] = [];
    const c = new FrameCaches((line) => (made.push(line), [...line].map(cell)), (t) => t.length);
    const first = c.next().getStyledChars('abc');
    expect(c.next().getStyledChars('abc')).toBe(first);
    for (let i = 1; i < GENERATIONS; i++) c.next().getStyledChars('other');
    // the last frame that showed it is GENERATIONS frames back: kept
    expect(c.next().getStyledChars('abc')).toBe(first);
    for (let i = 0; i < GENERATIONS; i++) c.next().getStyledChars('other');
    expect(c.next().getStyledChars('abc')).not.toBe(first);
    expect(made).toEqual(['abc', 'other', 'abc']);
  });

  it('keeps only what the current frame and the last GENERATIONS frames used', () => {
    const c = new FrameCaches((line) => [...line].map(cell), (t) => t.length);
    for (let f = 0; f < 100; f++) {
      c.next();
      for (let l = 0; l < 30; l++) c.getStyledChars(`frame ${f} line ${l}`);
      c.getStringWidth(`日本 ${f}`);
      c.getWidestLine(`a\nblock ${f}`);
    }
    // the current frame's and the last GENERATIONS frames'
    expect(c.sizes).toEqual([30 * (GENERATIONS + 1), 2 * (GENERATIONS + 1), GENERATIONS + 1]);
  });

  it('measures printable ASCII characters as one column without asking the width function', () => {
    const asked: string[] = [];
    const c = new FrameCaches((line) => [...line].map(cell), (t) => (asked.push(t), t === '日' ? 2 : t.length));
    expect(['a', ' ', '~', '日', 'ab', '\t'].map((t) => c.next().getStringWidth(t))).toEqual([1, 1, 1, 2, 2, 1]);
    expect(asked).toEqual(['日', 'ab', '\t']);
  });

  it('writes a row again only when its cells are not the same objects as one of its recent contents', () => {
    let writes = 0;
    const text = (cells: StyledCell[]) => (writes++, cells.map((x) => x.value).join(''));
    const c = new FrameCaches((line) => [...line].map(cell), (t) => t.length);
    const ab = c.next().getStyledChars('ab');
    expect([c.rowText([...ab, BLANK_CELL], text), c.rowText([BLANK_CELL], text)]).toEqual(['ab', '']);
    c.next();
    expect([c.rowText([...c.getStyledChars('ab'), BLANK_CELL], text), c.rowText([cell('x')], text)]).toEqual(['ab', 'x']);
    expect(writes).toBe(3);
    // the second row shows its first contents again: the text of two frames back
    c.next();
    expect([c.rowText([...c.getStyledChars('ab'), BLANK_CELL], text), c.rowText([BLANK_CELL], text)]).toEqual(['ab', '']);
    expect(writes).toBe(3);
    // at most GENERATIONS contents per row: the oldest goes
    for (let i = 0; i < GENERATIONS; i++) {
      c.next();
      c.rowText([cell(String(i))], text);
    }
    c.next();
    expect(c.rowText([...c.getStyledChars('ab'), BLANK_CELL], text)).toBe('ab');
    expect(writes).toBe(3 + GENERATIONS + 1);
  });
});

// The bundle and the bench's hooks patch Ink's output.js (bin/ink-patches.mjs): every frame of a
// sequence (lines kept, changed, moved, styled, wide, clipped) must be what Ink's own composer gives.
it('the patched Ink output.js composes the same frames as the plain one', () => {
  const script = [
    `import Output from ${JSON.stringify(pathToFileURL(join(process.cwd(), 'node_modules/ink/build/output.js')).href)};`,
    // the frame caches, with the narrow lines' tokenizer (views/present/narrow.ts narrowStyled)
    "const patched = String(Output).includes('__cosiFrameCaches(__cosiStyled,') && String(Output).includes('this.caches.isWhole(');",
    'const frames = [',
    "  [[0, 0, 'cosi \\x1b[32m● live\\x1b[39m'], [2, 1, 'CPU 3%'], [0, 2, '日本 wide']],",
    "  [[0, 0, 'cosi \\x1b[32m● live\\x1b[39m'], [2, 1, 'CPU 4%'], [0, 2, '日本 wide']],",
    "  [[0, 0, 'cosi \\x1b[32m● live\\x1b[39m'], [2, 1, 'CPU 4%'], [0, 2, '日本 wide']],",
    "  [[1, 0, 'cosi \\x1b[1m● live\\x1b[22m'], [0, 1, 'CPU 4%\\nsecond'], ['clip', 'a long line cut by a clip']],",
    "  [[0, 0, 'cosi \\x1b[32m● live\\x1b[39m'], [2, 1, 'CPU 3%'], [0, 2, '日本 wide']],",
    "  [[0, 0, 'cosi \\x1b[1m● live\\x1b[22m'], [0, 1, 'CPU 4%\\nsecond'], [0, 3, 'a\\tb ~']],",
    "  [[0, 0, 'cosi \\x1b[32m● live\\x1b[39m'], [2, 1, 'CPU 3%'], [0, 2, '日本 wide']],",
    // rows one line stands for (at the row's start, narrow, not wider than the row), and what ends that:
    // a later write to the row, a shorter line over it, an earlier write, a line wider than the row
    "  [[0, 0, '\\x1b[32mrunning\\x1b[39m ok  \\n\\x1b[7m\\x1b[2m├─ sel\\x1b[22m\\x1b[27m row\\nplain   \\n']],",
    "  [[0, 0, '\\x1b[32mrunning\\x1b[39m ok  \\n\\x1b[7m\\x1b[2m├─ sel\\x1b[22m\\x1b[27m row\\nplain   '], [3, 1, 'XY'], [0, 2, 'ab'], [5, 3, 'zz'], [0, 3, '\\x1b[31mabc\\x1b[39m']],",
    "  [[0, 0, 'abcdefghijkl'], [0, 1, 'a line wider than the row'], [0, 2, '\\x1b[1m\\x1b[22m'], [0, 3, '日本 wide']],",
    "  [[0, 0, '\\x1b[32mrunning\\x1b[39m ok  \\n\\x1b[7m\\x1b[2m├─ sel\\x1b[22m\\x1b[27m row\\nplain   \\n']],",
    '];',
    'const out = frames.map((ops) => {',
    '  const o = new Output({ width: 12, height: 4 });',
    "  for (const op of ops) if (op[0] === 'clip') { o.clip({ x1: 2, x2: 8, y1: 0, y2: 4 }); o.write(0, 3, op[1], { transformers: [] }); o.unclip(); } else o.write(op[0], op[1], op[2], { transformers: [] });",
    '  return o.get().output;',
    '});',
    'console.log(JSON.stringify({ patched, out }));',
  ].join('\n');
  const run = (hook: boolean) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', ...(hook ? ['--import', './bench/narrow-width/register.mjs'] : []), '--input-type=module', '-e', script], { cwd: process.cwd(), encoding: 'utf8' });
    expect(r.stderr).toBe('');
    return JSON.parse(r.stdout) as { patched: boolean; out: string[] };
  };
  const withHook = run(true);
  const plain = run(false);
  expect([withHook.patched, plain.patched]).toEqual([true, false]);
  expect(withHook.out).toEqual(plain.out);
  expect(withHook.out[1]).toContain('CPU 4%');
  expect(withHook.out[4]).toBe(plain.out[0]);
});
