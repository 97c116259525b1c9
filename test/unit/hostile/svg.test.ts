import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/model/build.js';
import { renderScreenshot } from '../../../src/export/write.js';
import { renderFrame } from '../../../views/render-frame.js';
import { rawFromCapture } from '../../support/raw.js';
import { EVIL_ALL, nonSgrEscapes } from './_support.js';

// An SVG screenshot is opened in browsers and pasted into web pages: host text in it must stay text.
const MARKUP = `</text><script>alert(1)</script><![CDATA[x]]>&amp;&#x1b;<!--c-->"'`;
const raw = rawFromCapture('test/fixtures/probe/local-dash.txt');
const model = buildModel({
  ...raw,
  sections: {
    ...raw.sections,
    'os-release': { ...raw.sections['os-release'], text: `PRETTY_NAME="os${MARKUP}${EVIL_ALL}"\n` },
    mountinfo: { ...raw.sections.mountinfo, text: raw.sections.mountinfo.text.replace(/ \/proc /, ` /proc${MARKUP.replace(/ /g, '')} `) },
  },
});

describe('an SVG screenshot of host text with markup in it', () => {
  for (const tab of ['overview', 'mounts'] as const) {
    it(`${tab}: is well-formed XML with no element but the drawing, and shows the markup as text`, async () => {
      const ansi = renderFrame(model, { tab, cols: 120, rows: 36, keys: tab === 'mounts' ? ['a'] : [] }, { color: true });
      const svg = (await renderScreenshot('.svg', { ansi, cols: 120, rows: 36, title: `host${MARKUP}${EVIL_ALL}` })).toString('utf8');
      expect(XMLValidator.validate(svg)).toBe(true);
      expect(nonSgrEscapes(svg)).toEqual([]);
      expect(svg).not.toMatch(/<script|<!\[CDATA\[|<!--c/);
      const names = new Set<string>();
      const walk = (v: unknown): void => {
        if (Array.isArray(v)) v.forEach(walk);
        else if (v && typeof v === 'object') for (const [k, e] of Object.entries(v)) {
          if (!k.startsWith('@_') && k !== '#text') names.add(k);
          walk(e);
        }
      };
      const doc = new XMLParser({ ignoreAttributes: false, preserveOrder: false }).parse(svg);
      walk(doc);
      expect([...names].filter((n) => !['?xml', 'svg', 'g', 'rect', 'text', 'tspan', 'title', 'style', 'defs', 'path', 'circle', 'line', 'clipPath', 'desc'].includes(n))).toEqual([]);
      const texts = new XMLParser({ ignoreAttributes: true }).parse(svg);
      expect(JSON.stringify(texts)).toContain('alert(1)');
    });
  }
});
