import { describe, expect, it } from 'vitest';
import { readBundle } from '../../../parsers/bundle.js';
import { sectionLimits } from '../../../src/probe/sections.js';
import { said } from '../parsers/_support.js';

// A `--via` shell runs the probe script, so it knows the nonce and can print frames with any id.
// Only the ids the probe asked for are kept: anything else would be host text with no byte limit.
const frame = (id: string, body: string) => `@@COSI:NONCE:B:${id}\n${body}\n@@COSI:NONCE:E:${id}:0:1.00:1.01\n`;

describe('section ids the probe did not ask for', () => {
  const limits = sectionLimits();

  it('are dropped, with one issue naming them, and the real sections around them are read', () => {
    const out = frame('meminfo', 'MemTotal: 2 kB') + frame('zzz', 'x'.repeat(100_000)) + frame('z\u001b]0;t\u0007', 'y') + frame('df', 'real df');
    const r = readBundle(out, 'NONCE', limits);
    expect(Object.keys(r.value)).toEqual(['meminfo', 'df']);
    expect(r.value.df.text).toBe('real df');
    expect(said(r.issues).map((i) => i.message)).toEqual(['dropped 2 sections the probe did not ask for: zzz, z\\e]0;t\\x07']);
  });

  it('are dropped when unfinished too', () => {
    const r = readBundle(frame('meminfo', 'MemTotal: 2 kB') + '@@COSI:NONCE:B:zzz\npartial', 'NONCE', limits);
    expect(Object.keys(r.value)).toEqual(['meminfo']);
    expect(said(r.issues).map((i) => i.message)).toEqual(['dropped 1 section the probe did not ask for: zzz']);
  });

  it('a known id printed twice keeps the first answer only', () => {
    const r = readBundle(frame('meminfo', 'MemTotal: 2 kB') + frame('meminfo', 'MemTotal: 9 kB'), 'NONCE', limits);
    expect(r.value.meminfo.text).toBe('MemTotal: 2 kB');
  });
});
