import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sgrOnly, stripAnsi } from '../../../src/export/ansi.js';
import { renderScreenshot } from '../../../src/export/write.js';
import { inkSample } from './_support.js';

/** Every escape sequence left in a string. */
function sequences(s: string): string[] {
  return [...s.matchAll(/\x1b\[[0-9;:]*[@-~]|\x1b[^[]|[\u0080-\u009f]|[\u0000-\u0009\u000b-\u001f\u007f]/g)].map((m) => m[0]);
}

describe('sgrOnly', () => {
  it('keeps 16, 256 and truecolour SGR exactly', () => {
    const s = '\x1b[1;31mA\x1b[38;5;196mB\x1b[48;2;1;2;3mC\x1b[38:2::1:2:3mD\x1b[0m';
    expect(sgrOnly(s)).toBe(s);
  });

  it('removes OSC titles, screen clears, cursor moves, C1 CSI, DCS and BEL', () => {
    const evil =
      'a\x1b]0;evil\x07b\x1b[2Jc\x1b[10;10Hd\x9b2Je\x1bP1$qm\x1b\\f\x07g\x1b]8;;http://x\x1b\\h\x1b[?1049li\x1bcj\x9d0;t\x9ck\r\n';
    const out = sgrOnly(evil);
    expect(out).toBe('abcdefghijk\n');
    expect(sequences(out)).toEqual([]);
  });

  it('drops an unterminated OSC introducer but keeps the text visible', () => {
    expect(sgrOnly('x\x1b]0;never ends')).toBe('x0;never ends');
  });

  it('drops an SGR with a non-numeric parameter', () => {
    expect(sgrOnly('\x1b[31;>mx')).toBe('x');
  });

  it('leaves only SGR in a real Ink frame with host data that carries escapes', async () => {
    const { ansi, cols, rows } = await inkSample();
    const hostile = ansi + '\n\x1b]0;evil\x07\x1b[2J\x9b2Jtail';
    const file = (await renderScreenshot('.ansi', { ansi: hostile, cols, rows, title: 't' })).toString('utf8');
    for (const seq of sequences(file)) expect(seq).toMatch(/^\x1b\[[0-9;:]*m$/);
    expect(file).not.toContain('evil');
    expect(stripAnsi(file)).toBe(stripAnsi(ansi) + '\ntail\n');
    // the colours are still there
    expect(file).toContain('\x1b[38;2;255;136;0m');
    expect(file.endsWith('\x1b[0m\n')).toBe(true);
  });
});

describe('sgrOnly on any input', () => {
  // Strings built from the bytes that matter to a terminal, plus text.
  const piece = fc.constantFrom(
    '\x1b', '[', ']', 'P', '\\', '\x07', '\x9b', '\x9c', '\x9d', '\x90', ';', ':', 'm', 'H', 'J', '2', '38', '5', '?', '\r', '\n', '\t', '\x00', '\x7f', 'a', 'é', '⣿',
  );
  const input = fc.array(piece, { maxLength: 60 }).map((a) => a.join(''));

  it('leaves no control character but newline, and ESC only as the start of an SGR', () => {
    fc.assert(
      fc.property(input, (s) => {
        const out = sgrOnly(s);
        const withoutSgr = out.replace(/\x1b\[[0-9;:]*m/g, '');
        expect(withoutSgr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
        expect(sgrOnly(out)).toBe(out);
      }),
      { numRuns: 2000 },
    );
  });
});
