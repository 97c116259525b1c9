import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sanitize } from '../../../parsers/sanitize.js';
import { runScreenshot } from '../../../src/export/screenshot-command.js';
import { buildModel } from '../../../src/model/build.js';
import { modelJson } from '../../../src/model/json.js';
import { renderFrame } from '../../../views/render-frame.js';
import { rawFromCapture } from '../../support/raw.js';
import { INVISIBLE } from './_support.js';

// Text spoofing: a right-to-left override makes `evil\u202Egnp.sh` read as `evilhs.png`, zero-width
// characters make two different names look the same. Host strings show them escaped, like controls.
const SPOOF = 'ab\u202Egnp.sh\u2066x\u2069\u200B\u200D\uFEFF\u2060\u00AD\u{E0041}';
const raw = rawFromCapture('test/fixtures/probe/local-dash.txt');
const model = buildModel({
  ...raw,
  sections: {
    ...raw.sections,
    identity: { ...raw.sections.identity, text: raw.sections.identity.text.replace(/hostname=.*/, `hostname=h${SPOOF}`) },
    mountinfo: { ...raw.sections.mountinfo, text: raw.sections.mountinfo.text.replace(/ \/sys /, ` /sys/m${SPOOF} `) },
  },
});
const SHOWN = 'ab\\u202egnp.sh\\u2066x\\u2069\\u200b\\u200d\\ufeff\\u2060\\u00ad\\u{e0041}';

describe('bidi overrides, zero-width and other format characters in host strings', () => {
  it('the sanitizer escapes every one of them and leaves ordinary text alone', () => {
    expect(sanitize(SPOOF)).toBe(SHOWN);
    for (const c of ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200B', '\u200C', '\u200D', '\u200E', '\u200F', '\u2060', '\uFEFF', '\u2028', '\u2029', '\u061C']) {
      expect(sanitize(c)).toMatch(/^\\u/);
    }
    expect(sanitize('héllo 漢字 ✓ 😀')).toBe('héllo 漢字 ✓ 😀');
  });

  it('the TUI frame shows them escaped (header and mounts tab)', () => {
    for (const tab of ['overview', 'mounts'] as const) {
      const f = renderFrame(model, { tab, cols: 160, rows: 40, keys: tab === 'mounts' ? ['a'] : [] }, { color: true });
      expect(f).not.toMatch(INVISIBLE);
      expect(f).toContain(tab === 'overview' ? `h${SHOWN}`.slice(0, 20) : `m${SHOWN}`.slice(0, 20));
    }
  });

  it('.txt and .ansi screenshots and --json hold none of them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cosi-invisible-'));
    for (const ext of ['txt', 'ansi']) {
      const out = join(dir, `mounts.${ext}`);
      await runScreenshot({ model, tab: 'mounts', keys: ['a'], cols: 200, rows: 60, out });
      const text = readFileSync(out, 'utf8');
      expect(text).not.toMatch(INVISIBLE);
      expect(text).toContain(`/sys/m${SHOWN}`.slice(0, 24));
    }
    const json = modelJson(model);
    expect(json).not.toMatch(INVISIBLE);
    expect(JSON.parse(json).identity.hostname).toBe(`h${SHOWN}`);
  });
});
