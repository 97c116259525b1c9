import { Chalk } from 'chalk';
import { expect, it } from 'vitest';
import { onlySgr } from '../../../views/present/sgr-only.js';

const c = new Chalk({ level: 3 });

it('takes texts of SGR colour codes as they are, and nothing with another control sequence', () => {
  for (const t of ['', 'plain ├─ … text', `${c.green('running')}\n${c.inverse(c.dim('row'))}`, '\x1b[38:2::1:2:3mcolon\x1b[m', c.hex('#102030')('rgb')]) expect(onlySgr(t)).toBe(true);
  for (const t of ['\x1b[2J', '\x1b[?25l', '\x1b]8;;u\x07x', '\x9b31m', 'nel \x85', 'lone \x1b x', 'cut \x1b[31', 'end \x1b', '\x1b[1 m', '\x1b=']) expect(onlySgr(t)).toBe(false);
});
