import stringWidth from 'string-width';
import stripAnsi from 'strip-ansi';
import { expect, it } from 'vitest';
import { columns } from '../../../views/present/format.js';
import { NARROW, narrowFirst, unitSegments } from '../../../views/present/narrow.js';

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

it('unitSegments gives what Intl.Segmenter gives for NARROW text with colour codes, and null otherwise', () => {
  const seg = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const all: string[] = [];
  for (let c = 0; c <= 0xffff; c++) if (NARROW.test(String.fromCharCode(c))) all.push(String.fromCharCode(c));
  for (let i = 0; i < all.length; i += 40) {
    const s = `\x1b[1;38;2;10;20;30m${all.slice(i, i + 40).join('')}\x1b[39m ${all[i]}${all[i]}\x1b[0m`;
    expect(unitSegments(s), s).toEqual([...seg.segment(s)].map(({ segment, index }) => ({ segment, index })));
  }
  for (const s of ['a\r\nb', 'e\u0301', '日本', '👍', '\x1b]8;;http://x\x07l\x1b]8;;\x07', '\t']) expect(unitSegments(s), JSON.stringify(s)).toBeNull();
});

it('narrowFirst gives the widths string-width gives, colour codes and options included', () => {
  const width = narrowFirst(stringWidth, stripAnsi);
  const samples = ['', 'plain', '├─ web.service …', '\x1b[1m● running\x1b[22m', '日本語', 'ok 🙂', 'a\u0301', '\u00ad', '€ 5', '▸ ▾ ⋯ ✔'];
  for (const s of samples) {
    expect(width(s), s).toBe(stringWidth(s));
    expect(width(s, { ambiguousIsNarrow: false }), s).toBe(stringWidth(s, { ambiguousIsNarrow: false }));
    expect(width(s, { countAnsiEscapeCodes: true }), s).toBe(stringWidth(s, { countAnsiEscapeCodes: true }));
  }
});
