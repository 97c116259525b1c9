import { describe, expect, it } from 'vitest';
import { frameToText } from '../../../src/export/text.js';
import { renderScreenshot } from '../../../src/export/write.js';
import { inkSample } from './_support.js';

describe('plain text', () => {
  it('is the frame without escapes, trailing spaces trimmed', async () => {
    const { ansi, cols, rows } = await inkSample();
    const txt = (await renderScreenshot('.txt', { ansi, cols, rows, title: 't' })).toString('utf8');
    expect(txt).toBe(
      [
        '┌──────────────────────────────────────┐',
        '│Hello                                 │',
        '│Orange                                │',
        '│Azure                                 │',
        '│Faint                                 │',
        '│⣿⣀⠁ chart                             │',
        '│╭────────────────────────────────────╮│',
        '││a<b & "c">                          ││',
        '│╰────────────────────────────────────╯│',
        '└──────────────────────────────────────┘',
        '',
      ].join('\n'),
    );
  });

  it('drops trailing blank lines and CRs, never emits control characters', () => {
    expect(frameToText('a  \r\nb\x1b[2K\x07\n\n  \n')).toBe('a\nb');
  });
});
