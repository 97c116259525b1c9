import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/model/build.js';
import { renderFrame } from '../../../views/render-frame.js';
import { rawFromCapture } from '../../support/raw.js';

// Host strings in wide characters (a CJK hostname, a mount under a Chinese user directory): every
// frame line must stay within the terminal width, or the terminal wraps it and the whole screen
// scrolls by a line per frame.
const raw = rawFromCapture('test/fixtures/probe/local-dash.txt');
function withWide(w: string) {
  return buildModel({
    ...raw,
    sections: {
      ...raw.sections,
      identity: { ...raw.sections.identity, text: raw.sections.identity.text.replace(/hostname=.*/, `hostname=h${w}`) },
      mountinfo: { ...raw.sections.mountinfo, text: raw.sections.mountinfo.text.replace(/ \/sys /, ` /sys/${w} `) },
    },
  });
}

/** Display columns of a frame line: SGR removed; CJK ideographs and fullwidth forms take two columns. */
function columns(line: string): number {
  let n = 0;
  for (const ch of line.replace(/\u001b\[[0-9;]*m/g, '')) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return n;
}

function overflow(w: string): string[] {
  const model = withWide(w);
  const out: string[] = [];
  for (const tab of ['overview', 'services', 'mounts', 'engines', 'memory'] as const) {
    for (const cols of [80, 100, 101]) {
      const f = renderFrame(model, { tab, cols, rows: 30, keys: tab === 'mounts' ? ['a'] : [] }, { color: true });
      f.split('\n').forEach((l, i) => {
        if (columns(l) > cols) out.push(`${tab} at ${cols} cols, line ${i + 1}: ${columns(l)} columns`);
      });
    }
  }
  return out;
}

describe('wide characters in host strings', () => {
  it('ASCII of the same length fits (the check itself)', () => {
    expect(overflow('w'.repeat(160))).toEqual([]);
  });

  // views/present/format.ts fit() measures terminal columns (string-width), not code points.
  it.each([['fullwidth', 'ｗｉｄｅ'.repeat(30)], ['CJK after one ASCII', `x${'漢'.repeat(80)}`], ['CJK', '漢'.repeat(80)]])(
    '%s hostname and mount path keep every line within the terminal width',
    (_n, w) => {
      expect(overflow(w)).toEqual([]);
    },
  );
});
