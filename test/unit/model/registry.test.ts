import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/model/build.js';
import { SECTIONS, sectionById } from '../../../src/probe/sections.js';
import { blockingProblems, partialProblems } from '../../../views/present/sections.js';
import { warningText } from '../../../views/present/warnings.js';
import { rawFromCapture } from '../../support/raw.js';

// A real probe answer of a Debian VM, captured under dash: every section ok.
const base = rawFromCapture('test/fixtures/probe/local-dash.txt');

describe('the section registry drives the model, the warnings and the panes', () => {
  it('every section has a parser, a tab and a tier, and buildModel keeps a status for each', () => {
    const m = buildModel(base);
    expect(Object.keys(m.sections).sort()).toEqual(SECTIONS.map((s) => s.id).sort());
    for (const s of SECTIONS) {
      expect(typeof s.parse, s.id).toBe('function');
      expect(['overview', 'services', 'mounts', 'engines', 'memory'], s.id).toContain(s.tab);
      expect(['once', 'slow', 'fast'], s.id).toContain(s.tier);
    }
    expect(sectionById('no-such-section')).toBeUndefined();
  });

  it.each(SECTIONS.map((s) => [s.id, s.tab, s.role] as const))('%s cut short: a warning on the %s tab, and its pane says so as %s', (id, tab, role) => {
    const raw = { ...base, sections: { ...base.sections, [id]: { text: '', rc: null, truncated: false, bytes: 0, ms: null } } };
    const m = buildModel(raw);
    const title = sectionById(id)!.title;
    const warning = m.warnings.find((w) => warningText(w, m).includes(title));
    expect(warning?.tab).toBe(tab);
    const said = (problems: { id: string }[]) => problems.some((p) => p.id === id);
    expect(said(blockingProblems(m, tab))).toBe(role === 'primary');
    expect(said(partialProblems(m, tab))).toBe(role === 'secondary');
  });
});
