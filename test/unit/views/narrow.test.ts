import stringWidth from 'string-width';
import { expect, it } from 'vitest';
import { columns } from '../../../views/present/format.js';
import { NARROW } from '../../../views/present/narrow.js';

// views/present/narrow.ts: the bundle's string-width answers NARROW strings by their length
// (bin/bundle.mjs), so every character it lets through must be one column as string-width
// counts it: alone, next to itself between other characters, and inside colour codes.
it('every character NARROW matches is one column wide for string-width, alone and side by side', () => {
  const wrong: string[] = [];
  let matched = 0;
  for (let c = 0; c <= 0xffff; c++) {
    const ch = String.fromCharCode(c);
    if (!NARROW.test(ch)) continue;
    matched++;
    if (stringWidth(ch) !== 1 || stringWidth(`a${ch}${ch}b`) !== 4 || stringWidth(`\x1b[31m${ch}\x1b[39m`) !== 1) wrong.push(`U+${c.toString(16).padStart(4, '0')}`);
  }
  expect(wrong).toEqual([]);
  expect(matched).toBe(1143);
});

it('leaves out what is not one column: controls, the soft hyphen, combining marks, wide and emoji characters', () => {
  for (const s of ['\t', '\x1b[31m', '\u00ad', 'e\u0301', '\u200b', '\u25fd', '\u2705', '\u231a', '日本', '👍', '▶\ufe0f']) expect(NARROW.test(s), JSON.stringify(s)).toBe(false);
  expect(columns('● live · up 3h · ▲ ✖ █░ ⣿')).toBe(stringWidth('● live · up 3h · ▲ ✖ █░ ⣿'));
  expect(columns('日本')).toBe(4);
});
