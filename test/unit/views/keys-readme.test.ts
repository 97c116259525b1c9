import { describe, expect, it } from 'vitest';
import { keysMarkdown } from '../../../src/keys/readme.js';
import { KEY_TABLE, keyLabel } from '../../../src/keys/table.js';
import { helpLines } from '../../../views/present/help.js';

describe('one key table drives the README list and the ? overlay', () => {
  it('the README markdown lists every binding with its keys and help', () => {
    const md = keysMarkdown();
    for (const b of KEY_TABLE) {
      const row = `| ${b.keys.map((k) => '`' + keyLabel(k) + '`').join(' ')} | ${b.help} |`;
      expect(md).toContain(row);
    }
    expect(md).toContain('| `q` `Ctrl-C` | quit |');
  });

  it('the help overlay shows every binding, its own keys too', () => {
    const text = helpLines().map((l) => l.text).join('\n');
    for (const b of KEY_TABLE) expect(text).toContain(b.help);
    expect(text).toContain('This help');
  });
});
