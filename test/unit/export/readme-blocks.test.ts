import { describe, expect, it } from 'vitest';
import { fillBlocks } from '../../../src/export/readme-blocks.js';

describe('fillBlocks', () => {
  const readme = ['# cosi', '', '<!-- keys:start -->', 'old list', '<!-- keys:end -->', '', 'tail  ', ''].join('\n');

  it('replaces only the text between the markers', () => {
    const r = fillBlocks(readme, { keys: '| a | b |' });
    expect(r).toEqual({ text: ['# cosi', '', '<!-- keys:start -->', '| a | b |', '<!-- keys:end -->', '', 'tail  ', ''].join('\n'), missing: [] });
    expect(fillBlocks(r.text, { keys: '| a | b |' }).text).toBe(r.text);
  });

  it('names the blocks whose markers are missing and leaves the file alone', () => {
    expect(fillBlocks(readme, { screenshots: 'x' })).toEqual({ text: readme, missing: ['screenshots'] });
    expect(fillBlocks('<!-- keys:end --> <!-- keys:start -->', { keys: 'x' }).missing).toEqual(['keys']);
  });
});
