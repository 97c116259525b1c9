import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/model/build.js';
import { parseSnapshot } from '../../../src/snapshot/file.js';
import { rawFromCapture } from '../../support/raw.js';

// A snapshot edited on another system: each section's text (or the whole file) starts with a UTF-8
// byte-order mark. Before the fix MemTotal, the first mount and the process list were lost.
const raw = rawFromCapture('test/fixtures/probe/local-dash.txt');
const withBom = { ...raw, sections: Object.fromEntries(Object.entries(raw.sections).map(([id, s]) => [id, { ...s, text: `\uFEFF${s.text}` }])) };

describe('a byte-order mark at the start of a section', () => {
  it('is stripped once: the model is the same as without it', () => {
    const m = buildModel(withBom);
    expect(m.memory?.totalBytes).toBeGreaterThan(0);
    expect(m.mountTree[0].mount.target).toBe('/');
    expect(m.processes.length).toBeGreaterThan(10);
    expect(m).toEqual(buildModel(raw));
  });

  it('a second one is host text (only one is stripped)', () => {
    const twice = { ...raw, sections: { meminfo: { ...raw.sections.meminfo, text: `\uFEFF\uFEFF${raw.sections.meminfo.text}` } } };
    expect(buildModel(twice).sections.meminfo.issues.length).toBeGreaterThan(0);
  });

  it('at the start of a snapshot file is stripped too', () => {
    const m = buildModel(parseSnapshot(`\uFEFF${JSON.stringify(raw)}`, 'edited.cosi.json'));
    expect(m).toEqual(buildModel(raw));
  });
});

describe('an overlay upperdir with a comma (escaped \\054 in mountinfo)', () => {
  it('still joins the mount to its container', async () => {
    const { readSnapshotFile } = await import('../../../src/snapshot/file.js');
    const demo = await readSnapshotFile('demo/rancheros.cosi.json');
    const joined = (m: ReturnType<typeof buildModel>) => m.mounts.filter((x) => x.container !== null).map((x) => `${x.target} ${x.container!.name}`);
    const before = joined(buildModel(demo));
    expect(before.length).toBeGreaterThan(0);
    // mountinfo escapes the comma; df, ps and the Engine API print it as it is.
    const swap = (t: string, id: string) => t.replaceAll('/overlay2/', id.startsWith('mountinfo') ? '/over\\054lay2/' : '/over,lay2/');
    const comma = {
      ...demo,
      sections: Object.fromEntries(Object.entries(demo.sections).map(([id, s]) => [id, { ...s, text: swap(s.text, id) }])),
      engines: demo.engines.map((e) => ({ ...e, answers: Object.fromEntries(Object.entries(e.answers).map(([k, v]) => [k, swap(v, 'engine')])) })),
    };
    expect(comma.sections.mountinfo.text).toContain('over\\054lay2');
    expect(joined(buildModel(comma))).toEqual(before);
  });
});
