import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/model/build.js';
import { SECTIONS } from '../../../src/probe/sections.js';
import type { RawSection, RawSnapshot } from '../../../src/snapshot/types.js';

// A host whose every section prints garbage up to its byte limit (what `yes` does): the model must
// not grow with the garbage. Measured by hand (dash, all 13 sections flooding, 60 MB of text):
// 1.7 million parse issues, a 127 MB `--json` model and about 540 MB of RSS growth.
const MiB = 1024 * 1024;
const garbage = (bytes: number) => '0123456789abcdef\n'.repeat(Math.floor(Math.min(bytes, MiB) / 17));
const raw: RawSnapshot = {
  format: 'cosi-snapshot',
  version: 1,
  target: { kind: 'local', label: 'flood' },
  takenAt: '2026-11-29T00:00:00.000Z',
  durationMs: 1,
  sections: Object.fromEntries(SECTIONS.map((s): [string, RawSection] => [s.id, { text: garbage(s.maxBytes), rc: 0, truncated: true, bytes: s.maxBytes + 1, ms: 1 }])),
  engines: [],
};

describe('a host that floods every section with garbage', () => {
  const m = buildModel(raw);

  it('marks every section truncated', () => {
    expect(Object.values(m.sections).map((s) => s.state)).toEqual(SECTIONS.map(() => 'truncated'));
  });

  // src/model/section-status.ts capIssues: the first 100 issues of a section and one "... and N more".
  it('keeps at most a few hundred issues per section', () => {
    for (const [id, s] of Object.entries(m.sections)) expect(s.issues.length, id).toBeLessThanOrEqual(500);
  });
});
