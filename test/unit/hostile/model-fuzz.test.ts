import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readBundle } from '../../../parsers/bundle.js';
import { buildModel } from '../../../src/model/build.js';
import { SECTIONS, sectionLimits } from '../../../src/probe/sections.js';
import type { RawEngine, RawSection, RawSnapshot } from '../../../src/snapshot/types.js';
import { rawFromCapture } from '../../support/raw.js';
import { dirtyPaths, EVIL_ALL, text } from './_support.js';
import { said } from '../parsers/_support.js';

// Real probe answers of this machine under dash and busybox sh: the base the fuzzer damages.
const captures = [rawFromCapture('test/fixtures/probe/local-dash.txt'), rawFromCapture('test/fixtures/probe/local-busybox.txt')];
const realText = (id: string) => captures.map((c) => c.sections[id]?.text ?? '').filter((t) => t !== '');

// Characters that stress the formats: separators, escapes, controls, frame-ish text.
const nasty = fc.constantFrom(' ', '\t', '\n', ':', '\\', '\\040', '(', ')', '-', ' - ', '@root unified /', '@format procps', '@format busybox', '@modules', '{', '[', '"', '0', '18446744073709551615', '-1', 'NaN', '\u001b', '\u009b', '\u0007', '\u0000', '\r', '\u00ff', '\ud83d\ude00', EVIL_ALL);

/** Damaged section text for one id: random, binary, real text cut/shuffled/sprinkled with controls. */
function sectionText(id: string): fc.Arbitrary<string> {
  const real = realText(id);
  const arbs: fc.Arbitrary<string>[] = [
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')),
    fc.array(nasty, { maxLength: 60 }).map((a) => a.join('')),
  ];
  if (real.length > 0) {
    const lines = real.flatMap((t) => t.split('\n'));
    arbs.push(
      fc.tuple(fc.constantFrom(...real), fc.nat()).map(([t, n]) => t.slice(0, n % (t.length + 1))),
      fc.array(fc.constantFrom(...lines), { maxLength: 50 }).map((ls) => ls.join('\n') + '\n'),
      fc
        .tuple(fc.constantFrom(...real), fc.array(fc.tuple(fc.nat(), nasty), { maxLength: 8 }))
        .map(([t, cuts]) => cuts.reduce((s, [at, junk]) => { const i = at % (s.length + 1); return s.slice(0, i) + junk + s.slice(i); }, t)),
      // The real text with every field separator replaced by a hostile string.
      fc.constantFrom(...real).map((t) => t.replace(/ /g, ` ${EVIL_ALL}`)),
    );
  }
  return fc.oneof(...arbs);
}

const rawSection = (id: string): fc.Arbitrary<RawSection> =>
  fc.record({
    text: sectionText(id),
    rc: fc.constantFrom(0, 0, 0, 1, 2, 124, 127, null),
    truncated: fc.boolean(),
    bytes: fc.nat(),
    ms: fc.option(fc.nat(), { nil: null }),
  });

const ids = [...SECTIONS.map((s) => s.id), 'unknown-section'];
const sectionsArb = fc.record(Object.fromEntries(ids.map((id) => [id, rawSection(id)])), { requiredKeys: [] }) as fc.Arbitrary<Record<string, RawSection>>;

function snapshot(sections: Record<string, RawSection>, engines: RawEngine[] = []): RawSnapshot {
  return { format: 'cosi-snapshot', version: 1, target: { kind: 'local', label: 'fuzz' }, takenAt: '2026-11-29T00:00:00.000Z', durationMs: 1, sections, engines };
}

function expectCleanModel(raw: RawSnapshot): void {
  let model;
  try {
    model = buildModel(raw);
  } catch (e) {
    expect.fail(`buildModel threw ${String(e)}\n${(e as Error).stack ?? ''}`);
  }
  expect(dirtyPaths(model)).toEqual([]);
  // The JSON the user gets from `--json` holds no control character even escaped as \u00XX... except none at all.
  expect(JSON.stringify(model)).not.toMatch(/\\u00[01][0-9a-f]|\\u007f|[\u0080-\u009f]/);
}

describe('buildModel on hostile section texts', () => {
  it('never throws and leaves no terminal control in any string of the model (every section at once)', () => {
    fc.assert(fc.property(sectionsArb, (sections) => expectCleanModel(snapshot(sections))), { numRuns: 300 });
  });

  it('survives one damaged section next to an otherwise real capture', () => {
    for (const id of SECTIONS.map((s) => s.id)) {
      fc.assert(
        fc.property(fc.constantFrom(...captures), rawSection(id), (base, s) => expectCleanModel({ ...base, sections: { ...base.sections, [id]: s } })),
        { numRuns: 60 },
      );
    }
  });

  it('shows escapes injected into every line of every real section as visible text', () => {
    for (const base of captures) {
      const sections = Object.fromEntries(
        Object.entries(base.sections).map(([id, s]) => [id, { ...s, text: s.text.replace(/\n/g, `${EVIL_ALL}\n`).replace(/\//g, `/${EVIL_ALL}`) }]),
      );
      expectCleanModel({ ...base, sections });
    }
  });
});

// Real Docker Engine API answers from the lab (user docker + system-docker).
const engineFiles = (dir: string) => {
  const answers: Record<string, string> = {
    '/version': text(`docker/${dir}/version.json`),
    '/info': text(`docker/${dir}/info.json`),
    '/containers/json?all=1': text(`docker/${dir}/containers.json`),
  };
  for (const c of JSON.parse(answers['/containers/json?all=1']) as { Id: string }[]) {
    try {
      answers[`/containers/${c.Id}/json`] = text(`docker/${dir}/inspect-${c.Id.slice(0, 12)}.json`);
    } catch {
      // not every container has a recorded inspect answer
    }
  }
  return answers;
};
const realEngines: RawEngine[] = [
  { socket: '/var/run/docker.sock', name: 'docker', via: 'api', answers: engineFiles('eng') },
  { socket: '/var/run/system-docker.sock', name: 'system-docker', via: 'api', answers: engineFiles('sys') },
];

/** Replaces strings (and object keys) of a JSON value: where `pick` says so, by a hostile variant. */
function poison(v: unknown, pick: () => string | null): unknown {
  if (typeof v === 'string') {
    const p = pick();
    return p === null ? v : p.replace('$', v);
  }
  if (Array.isArray(v)) return v.map((e) => poison(e, pick));
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, e]) => {
      const p = pick();
      return [p === null ? k : p.replace('$', k), poison(e, pick)];
    }));
  }
  return v;
}

describe('buildModel on hostile engine answers', () => {
  it('escapes controls in every string and key of the Docker API answers (names, labels, images, mounts, errors)', () => {
    const evil = realEngines.map((e) => ({
      ...e,
      error: `denied${EVIL_ALL}`,
      answers: Object.fromEntries(Object.entries(e.answers).map(([k, t]) => [k, JSON.stringify(poison(JSON.parse(t), () => `$${EVIL_ALL}`))])),
    }));
    expectCleanModel(snapshot(captures[0].sections, evil));
  });

  it('never throws on random poisoning, truncation or garbage of the answers', () => {
    const answerArb = (t: string) =>
      fc.oneof(
        fc.constant(t),
        fc.nat().map((n) => t.slice(0, n % (t.length + 1))),
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.constantFrom('null', '[]', '{}', '[null]', '[1,2]', '{"Id":5}', '"x"', '[{"Id":"a","Names":null,"Labels":[1]}]', '{"Containers":-1,"MemTotal":"x"}'),
        fc.array(fc.option(nasty, { nil: null }), { minLength: 1, maxLength: 6 }).map((picks) => {
          let i = 0;
          return JSON.stringify(poison(JSON.parse(t), () => { const p = picks[i++ % picks.length]; return p === null ? null : `$${p}`; }));
        }),
      );
    const engineArb = (e: RawEngine) =>
      fc.record({
        socket: fc.constantFrom(e.socket, `/run/${EVIL_ALL}.sock`),
        name: fc.constantFrom(e.name, `x${EVIL_ALL}`),
        via: fc.constantFrom<RawEngine['via']>('api', 'cli', 'curl', 'none'),
        answers: fc.record(Object.fromEntries(Object.entries(e.answers).map(([k, t]) => [k, answerArb(t)])), { requiredKeys: [] }) as fc.Arbitrary<Record<string, string>>,
        failure: fc.option(fc.constantFrom({ code: 'permission-denied' as const }, { code: 'other' as const, detail: `x${EVIL_ALL}` }), { nil: undefined }),
      });
    fc.assert(
      fc.property(fc.tuple(engineArb(realEngines[0]), engineArb(realEngines[1])), sectionsArb, (engines, sections) => {
        const e = engines.map((x) => (x.failure === undefined ? (({ failure: _f, ...rest }) => rest)(x) : x)) as RawEngine[];
        expectCleanModel(snapshot(Object.keys(sections).length ? sections : captures[0].sections, e));
      }),
      { numRuns: 200 },
    );
  });
});

describe('readBundle on hostile probe output', () => {
  const limits = sectionLimits();
  const frame = (nonce: string, id: string, body: string, rc = '0') => `@@COSI:${nonce}:B:${id}\n${body}\n@@COSI:${nonce}:E:${id}:${rc}:1.00:1.01\n`;

  it('never throws on garbage, and only frames of the tick nonce count', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.constantFrom('@@COSI:', '@@COSI:NONCE:B:', '@@COSI:NONCE:E:', ':0:1:2\n', '\n', 'meminfo', '@@COSI:NONCE:DONE'),
      fc.tuple(fc.constantFrom('NONCE', 'OLDNONCE', 'nonc', 'NONCEX', ''), fc.constantFrom(...SECTIONS.map((s) => s.id), 'x'), fc.string({ maxLength: 40 }), fc.constantFrom('0', '1', 'x', '', '-1', '99999999999999999999'))
        .map(([n, id, body, rc]) => frame(n, id, body, rc)),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const out = parts.join('');
        const r = readBundle(out, 'NONCE', limits);
        for (const [id, s] of Object.entries(r.value)) {
          // A section exists only when the output holds an opening frame with the right nonce.
          expect(out).toContain(`@@COSI:NONCE:B:${id}\n`);
          // (a shell's $? is 0-255; a forged 20-digit rc reads as a huge integer, harmless)
          expect(s.rc === null || (Number.isInteger(s.rc) && s.rc >= 0)).toBe(true);
        }
        expect(dirtyPaths(r.issues)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the text of a section whose body prints a previous or guessed nonce frame', () => {
    const body = ['line one', '@@COSI:OLDNONCE:E:meminfo:0:1:2', '@@COSI:OLDNONCE:B:df', '@@COSI:OLDNONCE:DONE', '@@COSI:NONC:E:meminfo:0:1:2', 'line two'].join('\n');
    const r = readBundle(frame('NONCE', 'meminfo', body) + frame('NONCE', 'df', 'real df'), 'NONCE', limits);
    expect(r.value.meminfo.text).toBe(body);
    expect(r.value.meminfo.rc).toBe(0);
    expect(r.value.df.text).toBe('real df');
    expect(Object.keys(r.value)).toEqual(['meminfo', 'df']);
  });

  it('ignores a whole forged bundle of another nonce and reads the real one after it', () => {
    const forged = frame('OLDNONCE', 'meminfo', 'MemTotal: 1 kB') + '@@COSI:OLDNONCE:DONE\n';
    const r = readBundle(forged + frame('NONCE', 'meminfo', 'MemTotal: 2 kB'), 'NONCE', limits);
    expect(r.value.meminfo.text).toBe('MemTotal: 2 kB');
  });

  it('names a section cut mid-frame', () => {
    const r = readBundle(`@@COSI:NONCE:B:meminfo\npartial`, 'NONCE', limits);
    expect(r.value.meminfo.rc).toBeNull();
    expect(said(r.issues).map((i) => i.message)).toEqual(['section meminfo did not finish (the channel closed or timed out)']);
  });
});
