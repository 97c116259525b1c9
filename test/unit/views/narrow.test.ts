import { styledCharsFromTokens, tokenize } from '@alcalzone/ansi-tokenize';
import { Chalk } from 'chalk';
import stringWidth from 'string-width';
import stripAnsi from 'strip-ansi';
import { expect, it } from 'vitest';
import { columns, fit } from '../../../views/present/format.js';
import { NARROW, narrowChar, narrowFirst, narrowStyled, unitSegments } from '../../../views/present/narrow.js';

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
  const width = narrowFirst(() => stringWidth, stripAnsi);
  const samples = ['', 'plain', '├─ web.service …', '\x1b[1m● running\x1b[22m', '日本語', 'ok 🙂', 'a\u0301', '\u00ad', '€ 5', '▸ ▾ ⋯ ✔'];
  for (const s of samples) {
    expect(width(s), s).toBe(stringWidth(s));
    expect(width(s, { ambiguousIsNarrow: false }), s).toBe(stringWidth(s, { ambiguousIsNarrow: false }));
    expect(width(s, { countAnsiEscapeCodes: true }), s).toBe(stringWidth(s, { countAnsiEscapeCodes: true }));
  }
});

it("narrowStyled gives ansi-tokenize's cells for lines of narrow characters and colour codes, and its own answer for others", () => {
  const slow = (line: string) => styledCharsFromTokens(tokenize(line));
  let slowCalls = 0;
  const fast = narrowStyled((line) => (slowCalls++, slow(line)));
  const c = new Chalk({ level: 3 });
  const all: string[] = [];
  for (let ch = 0; ch <= 0xffff; ch++) if (NARROW.test(String.fromCharCode(ch))) all.push(String.fromCharCode(ch));
  const lines = [
    '',
    'plain ascii ├─ … ▾ ⋯ ✔ ⣿',
    `${c.red.bold('ab')}c${c.bgBlue.underline('de')}${c.bgBlue('f')}${c.dim('g')}${c.bold.dim('hi')}${c.hex('#102030')('jk')}${c.inverse('m')}n`,
    `\x1b[1;31;42mcompound\x1b[22m half\x1b[39;49m none\x1b[38;5;200m256\x1b[38;2;1;2;3mrgb\x1b[0m after reset`,
    '\x1b[mempty params\x1b[2m\x1b[7m\x1b[27m\x1b[22m',
    '\x1b[31m\x1b[31m\x1b[1m\x1b[1mtwice\x1b[22m\x1b[39m ends in codes\x1b[32m',
    `${c.inverse(' 12/3000 ')}${c.dim('├─ docker-1234.scope   running   3   1.2G  0.40 ')}`,
    ...Array.from({ length: Math.ceil(all.length / 60) }, (_, i) => `\x1b[2m${all.slice(i * 60, i * 60 + 30).join('')}\x1b[22m\x1b[36;1m${all.slice(i * 60 + 30, i * 60 + 60).join('')}\x1b[0m`),
    // not narrow: ansi-tokenize's own cells
    `日本${c.yellow('語 ｗｉｄｅ')} 👍🏽 é ${c.cyan.inverse('🇫🇷 x')}\x1b[0m tail`,
    'e\u0301 combining, \u00ad soft hyphen',
    '\x1b]8;;http://x\x07link\x1b]8;;\x07',
    '\x1b[1mfine ascii then\x1b[22m a tab\t',
  ];
  for (const line of lines) expect(fast(line), JSON.stringify(line)).toEqual(slow(line));
  // twice: the cells and styles found the first time give the same answer
  for (const line of lines) expect(fast(line), JSON.stringify(line)).toEqual(slow(line));
  // a character in a style is one cell, shared by lines and neighbours with the same styles
  const [a, b] = [fast('\x1b[1mxx\x1b[22m'), fast('y\x1b[1mx\x1b[22m')];
  expect(a[0]).toBe(a[1]);
  expect(b[1]).toBe(a[0]);
  expect(b[0]!.styles).toEqual([]);
  // ansi-tokenize runs once per style (prefix of codes), not per line: many lines, few calls
  const before = slowCalls;
  for (let i = 0; i < 500; i++) fast(`\x1b[2m├─ unit-${i}.service\x1b[22m ${i}`);
  expect(slowCalls - before).toBeLessThanOrEqual(3);
  // runs: for narrow lines, the characters in order, each run in its characters' styles; others none
  for (const line of lines) {
    const runs = fast.runs(line);
    if (runs === null) {
      expect(slow(line).some((cell) => !NARROW.test(cell.value)) || /\x1b\]|\t/.test(line), JSON.stringify(line)).toBe(true);
      continue;
    }
    const cells = slow(line);
    expect(runs.map((r) => r.value).join(''), JSON.stringify(line)).toBe(cells.map((cell) => cell.value).join(''));
    let at = 0;
    for (const r of runs) for (let i = 0; i < r.value.length; i++) expect(r.styles, JSON.stringify(line)).toEqual(cells[at++]!.styles);
  }
});

it('narrowFirst loads the real string-width once, on the first string that needs it', () => {
  let loads = 0;
  const width = narrowFirst(() => (loads++, stringWidth), stripAnsi);
  expect([width('├─ web.service …'), width('\x1b[1m● running\x1b[22m'), loads]).toEqual([16, 9, 0]);
  expect([width('日本語'), width('ok 🙂'), width('a', { ambiguousIsNarrow: false }), loads]).toEqual([6, 5, 1, 1]);
});

it('narrowChar answers NARROW.test for every UTF-16 unit, asked twice', () => {
  const wrong: number[] = [];
  for (const round of [0, 1]) for (let c = 0; c <= 0xffff; c++) if (narrowChar(String.fromCharCode(c)) !== NARROW.test(String.fromCharCode(c))) wrong.push(round * 0x10000 + c);
  expect(wrong).toEqual([]);
});

it('fit cuts narrow text (a tree lead, markers, Latin-1) by its units to exactly the width, as it cuts wider text by columns', () => {
  for (const s of ['│ ├─ ▸ café-über.service', '└─ ▾ ⋯ ✔ ⣿ braille and arrows ← →', 'plain ascii name']) {
    for (let w = 1; w <= s.length + 2; w++) {
      const out = fit(s, w);
      expect(stringWidth(out), `${s} ${w}`).toBe(w);
      expect(out, `${s} ${w}`).toBe(w >= s.length ? s.padEnd(w) : w === 1 ? '…' : `${s.slice(0, w - 1)}…`);
    }
  }
  expect(fit('日本語の名前', 6)).toBe('日本 …');
});
