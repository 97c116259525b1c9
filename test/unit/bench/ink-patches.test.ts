import { spawnSync } from 'node:child_process';
import { styledCharsFromTokens, tokenize } from '@alcalzone/ansi-tokenize';
import { Chalk } from 'chalk';
import { expect, it } from 'vitest';

// bin/ink-patches.mjs patches ansi-tokenize's styledCharsFromTokens (the bundle and the bench's
// hooks load it): each character a literal, the styles in force shared with its neighbours. What it
// gives must be what the original gives, for styled, wide and combined characters alike.
const c = new Chalk({ level: 3 });
const LINES = [
  '',
  'plain ascii ├─ … ▾ ⋯',
  `${c.red.bold('ab')}c${c.bgBlue.underline('de')}${c.bgBlue('f')}${c.dim('g')}${c.bold.dim('hi')}${c.hex('#102030')('jk')}${c.inverse('m')}n`,
  `日本${c.yellow('語 ｗｉｄｅ')} 👍🏽 é ${c.cyan.inverse('🇫🇷 x')}\x1b[0m tail`,
  `\x1b[1;31;42mcompound\x1b[22m half\x1b[39;49m none\x1b[38;5;200m256\x1b[38;2;1;2;3mrgb\x1b[0m`,
];

/** What `script` prints as JSON, run with the bench's module hooks (Ink patched as in the bundle). */
function underHooks(script: string): unknown {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--import', './bench/narrow-width/register.mjs', '--input-type=module', '-e', script], { cwd: process.cwd(), encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout);
}

it("the bench's hooks give Ink the patched styledCharsFromTokens, whose characters are the original's", () => {
  const script = [
    "import { styledCharsFromTokens, tokenize } from '@alcalzone/ansi-tokenize';",
    `const lines = ${JSON.stringify(LINES)};`,
    'const out = lines.map((l) => styledCharsFromTokens(tokenize(l)));',
    // neighbours in one style share its list: the patched path, not a copy per character
    'const shared = out[2][0].styles === out[2][1].styles;',
    'console.log(JSON.stringify({ shared, out }));',
  ].join('\n');
  const { shared, out } = underHooks(script) as { shared: boolean; out: unknown[] };
  expect(shared).toBe(true);
  const original = LINES.map((l) => styledCharsFromTokens(tokenize(l)));
  expect(original[2]![0]!.styles).not.toBe(original[2]![1]!.styles);
  expect(out).toEqual(JSON.parse(JSON.stringify(original)));
  expect(original.flat().length).toBeGreaterThan(70);
});

it("Ink's text measure and wrap caches stay bounded through a long session, and answer as Ink's own do", async () => {
  const root = new URL('../../../', import.meta.url).href;
  const script = [
    `const measureText = (await import(${JSON.stringify(`${root}node_modules/ink/build/measure-text.js`)})).default;`,
    `const wrapText = (await import(${JSON.stringify(`${root}node_modules/ink/build/wrap-text.js`)})).default;`,
    `const { textCaches, TEXT_CACHE_LIMIT } = await import(${JSON.stringify(`${root}views/present/text-caches.ts`)});`,
    // a live screen: a row's figures change each tick, so each tick brings new texts
    'const texts = Array.from({ length: 5 * TEXT_CACHE_LIMIT }, (_, i) => `docker.service  active/running  ${i} tasks\\n${"x".repeat(i % 90)}`);',
    'const measured = texts.map((t) => measureText(t));',
    "const wrapped = texts.map((t) => wrapText(t, 30, 'truncate-end'));",
    // a text in use stays cached: the same answer object
    'const kept = measureText(texts.at(-1)) === measured.at(-1);',
    'const sizes = [...textCaches].map((c) => c.size);',
    'console.log(JSON.stringify({ limit: TEXT_CACHE_LIMIT, sizes, kept, measured: measured.filter((_, i) => i % 997 === 0), wrapped: wrapped.filter((_, i) => i % 997 === 0) }));',
  ].join('\n');
  const out = underHooks(script) as { limit: number; sizes: number[]; kept: boolean; measured: unknown[]; wrapped: string[] };
  // the two patched caches, each at most two generations, though 5 x the limit texts went through
  expect(out.sizes).toHaveLength(2);
  for (const n of out.sizes) expect(n).toBeLessThanOrEqual(2 * out.limit);
  expect(out.kept).toBe(true);
  // Ink's own answers, from its unpatched modules
  const ownMeasure = (await import(`${root}node_modules/ink/build/measure-text.js`)).default as (t: string) => unknown;
  const ownWrap = (await import(`${root}node_modules/ink/build/wrap-text.js`)).default as (t: string, w: number, type: string) => string;
  const every = Array.from({ length: 5 * out.limit }, (_, i) => `docker.service  active/running  ${i} tasks\n${'x'.repeat(i % 90)}`).filter((_, i) => i % 997 === 0);
  expect(out.measured).toEqual(every.map((t) => ownMeasure(t)));
  expect(out.wrapped).toEqual(every.map((t) => ownWrap(t, 30, 'truncate-end')));
  expect(out.measured[1]).toEqual({ width: 41, height: 2 }); // 'docker.service  active/running  997 tasks'
});

// bin/ink-patches.mjs lets Ink's sanitizeAnsi keep a text of SGR colour codes as it is (sgr-only.ts)
// instead of tokenizing it: every text must come out as the original makes it.
const SANITIZE = [
  '',
  'plain ├─ … text',
  `${c.green('running')} ${c.inverse(c.dim('selected'))}\n${c.red.bold('x')}`,
  '\x1b[38:2::1:2:3mcolon\x1b[0m \x1b[1;31;42mcompound\x1b[m',
  'clear\x1b[2Jhome\x1b[H up\x1b[1A',
  'hidden\x1b[?25l cursor',
  'link \x1b]8;;https://example.com\x07here\x1b]8;;\x07',
  'c1 \x9b31m csi \x85 nel',
  'lone \x1b escape',
  'cut \x1b[31',
  'cut at end \x1b',
  'intermediate \x1b[1 m',
  'keypad \x1b=',
];

it("the bench's hooks give Ink the patched sanitizeAnsi, whose texts are the original's", async () => {
  const root = new URL('../../../', import.meta.url).href;
  const file = JSON.stringify(`${root}node_modules/ink/build/sanitize-ansi.js`);
  const out = underHooks([`const s = (await import(${file})).default;`, `console.log(JSON.stringify(${JSON.stringify(SANITIZE)}.map((t) => s(t))));`].join('\n'));
  const own = (await import(`${root}node_modules/ink/build/sanitize-ansi.js`)).default as (t: string) => string;
  expect(out).toEqual(SANITIZE.map((t) => own(t)));
  // some texts lose their sequences, the SGR-only ones come out whole
  expect(own(SANITIZE[4]!)).toBe('clearhome up');
  expect(own(SANITIZE[2]!)).toBe(SANITIZE[2]);
});
