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

it("the bench's hooks give Ink the patched styledCharsFromTokens, whose characters are the original's", () => {
  const script = [
    "import { styledCharsFromTokens, tokenize } from '@alcalzone/ansi-tokenize';",
    `const lines = ${JSON.stringify(LINES)};`,
    'const out = lines.map((l) => styledCharsFromTokens(tokenize(l)));',
    // neighbours in one style share its list: the patched path, not a copy per character
    'const shared = out[2][0].styles === out[2][1].styles;',
    'console.log(JSON.stringify({ shared, out }));',
  ].join('\n');
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--import', './bench/narrow-width/register.mjs', '--input-type=module', '-e', script], { cwd: process.cwd(), encoding: 'utf8' });
  expect(r.stderr).toBe('');
  const { shared, out } = JSON.parse(r.stdout) as { shared: boolean; out: unknown[] };
  expect(shared).toBe(true);
  const original = LINES.map((l) => styledCharsFromTokens(tokenize(l)));
  expect(original[2]![0]!.styles).not.toBe(original[2]![1]!.styles);
  expect(out).toEqual(JSON.parse(JSON.stringify(original)));
  expect(original.flat().length).toBeGreaterThan(70);
});
