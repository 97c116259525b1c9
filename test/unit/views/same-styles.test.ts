import { diffAnsiCodes, styledCharsFromTokens, tokenize } from '@alcalzone/ansi-tokenize';
import { Chalk } from 'chalk';
import { expect, it } from 'vitest';
import { sameStyles } from '../../../views/present/same-styles.js';

// bin/bundle.mjs skips ansi-tokenize's diffAnsiCodes between neighbours that sameStyles calls equal.
it('neighbours with the same styles need no codes between them; others are told apart', () => {
  const c = new Chalk({ level: 3 });
  const line = `${c.red.bold('ab')}c${c.bgBlue.underline('de')}${c.bgBlue('f')}${c.dim('g')}${c.bold.dim('hi')}${c.hex('#102030')('jk')}${c.hex('#102031')('l')}${c.inverse('m')}n`;
  const chars = styledCharsFromTokens(tokenize(line));
  let same = 0;
  let different = 0;
  for (let i = 1; i < chars.length; i++) {
    const [a, b] = [chars[i - 1]!.styles, chars[i]!.styles];
    const diff = diffAnsiCodes(a, b);
    if (sameStyles(a, b)) {
      same++;
      expect(diff, `${i}`).toEqual([]);
    } else {
      different++;
      expect(diff.length, `${i}`).toBeGreaterThan(0);
    }
  }
  expect([same, different]).toEqual([4, 9]);
});
