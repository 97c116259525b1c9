import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/model/build.js';
import { modelJson } from '../../../src/model/json.js';
import { MAX_ISSUES_PER_SECTION } from '../../../src/model/section-status.js';
import { parseSnapshot } from '../../../src/snapshot/file.js';
import type { RawSnapshot } from '../../../src/snapshot/types.js';
import { issueText } from '../../../views/present/parse-issues.js';

/** The bundled RancherOS demo (a recording of the lab's RancherOS-like host), read as `cosi open` reads it. */
const demoPath = new URL('../../../demo/rancheros.cosi.json', import.meta.url);
const demo = (): RawSnapshot => parseSnapshot(readFileSync(demoPath, 'utf8'), 'rancheros.cosi.json');

/**
 * Two sections damaged as a broken host would send them: meminfo with a unit no kernel prints and
 * a line that is no field, and 150 garbage lines in the middle of the mount table. And one engine
 * answer damaged: system-docker's container list with a line that has no ID.
 */
function damaged(): RawSnapshot {
  const raw = demo();
  const mem = raw.sections.meminfo!;
  mem.text = mem.text.replace(/^Cached:\s+(\d+) kB$/m, 'Cached: $1 MB') + 'garbage without a colon\n';
  const mi = raw.sections.mountinfo!;
  const rows = mi.text.split('\n');
  rows.splice(3, 0, ...Array.from({ length: 150 }, (_, i) => `${i} not mountinfo`));
  mi.text = rows.join('\n');
  const sys = raw.engines.find((e) => e.name === 'system-docker')!;
  // Read through the docker CLI: one JSON object per line.
  sys.answers['/containers/json?all=1'] = `${sys.answers['/containers/json?all=1']!.trimEnd()}\n{"Names":"no-id"}\n`;
  return raw;
}

describe('parse issues are codes with their figures in the model; the sentences are written in views/present', () => {
  const model = buildModel(damaged());
  const issuesOf = (id: keyof typeof model.sections) => model.sections[id]!.issues;

  it('the undamaged demo has no issue in any section', () => {
    const clean = buildModel(demo());
    for (const [id, s] of Object.entries(clean.sections)) expect([id, s.issues]).toEqual([id, []]);
  });

  it('each bad line is a code with its line number and its data, and no sentence', () => {
    const lineOf = (pattern: RegExp) => damaged().sections.meminfo!.text.split('\n').findIndex((l) => pattern.test(l)) + 1;
    expect(issuesOf('meminfo')).toEqual([
      { code: 'meminfo-unknown-unit', data: { key: 'Cached', unit: 'MB' }, line: lineOf(/^Cached:/) },
      { code: 'meminfo-not-field', data: { text: 'garbage without a colon' }, line: lineOf(/^garbage/) },
    ]);
    for (const s of Object.values(model.sections)) {
      for (const i of s.issues) expect(Object.keys(i).every((k) => ['code', 'data', 'line', 'source'].includes(k))).toBe(true);
    }
  });

  it('the cap of a section is a code with a count, not a sentence', () => {
    const mounts = issuesOf('mountinfo');
    expect(mounts).toHaveLength(MAX_ISSUES_PER_SECTION + 1);
    expect(mounts[0]).toEqual({ code: 'mountinfo-bad-line', data: { problem: 'too-few-fields', padded: false, text: '0 not mountinfo' }, line: 4 });
    expect(mounts[MAX_ISSUES_PER_SECTION]).toEqual({ code: 'more-issues', data: { count: 50 } });
    // The mounts around the garbage are still read.
    expect(model.mounts.length).toBe(buildModel(demo()).mounts.length);
  });

  it('a problem in an engine answer is an issue of the engines section, naming the engine', () => {
    const listLines = damaged().engines.find((e) => e.name === 'system-docker')!.answers['/containers/json?all=1']!.trimEnd().split('\n').length;
    expect(issuesOf('engines')).toEqual([{ code: 'cli-ps-no-id', data: {}, line: listLines, source: 'system-docker' }]);
    expect(issueText(issuesOf('engines')[0])).toBe('system-docker: docker ps: line has no ID');
    // Before, the engine's parse problems were dropped: the containers that were read are still there.
    expect(model.engines.map((e) => e.containers.length)).toEqual(buildModel(demo()).engines.map((e) => e.containers.length));
  });

  it('the model holds none of the sentences; --json carries code, data and the sentence as text', () => {
    const all = Object.values(model.sections).flatMap((s) => s.issues);
    const sentences = all.map(issueText);
    expect(sentences).toContain('Cached: unknown unit MB');
    expect(sentences).toContain('too few fields -- ignored: 0 not mountinfo');
    expect(sentences).toContain('... and 50 more lines could not be read');
    const bare = modelJson(model);
    for (const t of ['unknown unit', 'could not be read', '-- ignored', 'has no ID']) expect(bare).not.toContain(t);

    const json = JSON.parse(modelJson(model, issueText)) as { sections: Record<string, { issues: { code: string; text: string }[] }> };
    expect(json.sections.meminfo.issues[0]).toEqual({ code: 'meminfo-unknown-unit', data: { key: 'Cached', unit: 'MB' }, line: expect.any(Number), text: 'Cached: unknown unit MB' });
    expect(json.sections.mountinfo.issues.at(-1)).toEqual({ code: 'more-issues', data: { count: 50 }, text: '... and 50 more lines could not be read' });
    expect(json.sections.engines.issues[0].text).toBe('system-docker: docker ps: line has no ID');
  });
});
