import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/model/build.js';
import { parseSnapshot, SnapshotFileError } from '../../../src/snapshot/file.js';
import { renderFrame } from '../../../views/render-frame.js';
import { cosi } from '../../support/cli.js';
import { dirtyPaths, EVIL, nonSgrEscapes } from './_support.js';

// A snapshot file is host data too: users pass them around ("cosi open their-host.cosi.json").
const meminfo = { text: 'MemTotal: 1024 kB\nMemFree: 512 kB\nMemAvailable: 768 kB\n', rc: 0, truncated: false, bytes: 60, ms: 1 };
const base = { format: 'cosi-snapshot', version: 1, target: { kind: 'ssh', label: 'core@node-1' }, takenAt: '2026-11-29T00:00:00.000Z', durationMs: 5, sections: { meminfo }, engines: [] };
const dir = mkdtempSync(join(tmpdir(), 'cosi-hostile-'));
function file(name: string, data: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, typeof data === 'string' ? data : JSON.stringify(data));
  return p;
}

const evilTarget = { ...base, target: { kind: 'ssh', label: `node${EVIL.title}${EVIL.clear}` }, takenAt: `2026-11-29T00:00:00.000Z${EVIL.clear}` };

describe('a hostile snapshot file', () => {
  // A snapshot file is host data: validateSnapshot sanitizes target and takenAt.
  it('shows escapes in the target label and time as visible text, not as terminal commands', () => {
    const m = buildModel(parseSnapshot(JSON.stringify(evilTarget), 'evil.json'));
    expect(dirtyPaths(m)).toEqual([]);
    expect(nonSgrEscapes(renderFrame(m, { tab: 'overview', cols: 100, rows: 30 }, { color: true }))).toEqual([]);
  });

  const broken: [string, unknown][] = [
    ['engines: [null]', { ...base, engines: [null] }],
    ['engines: ["x"]', { ...base, engines: ['x'] }],
    ['engine answers: null', { ...base, engines: [{ name: 'docker', socket: '/var/run/docker.sock', via: 'api', answers: null }] }],
    ['engine answer not text', { ...base, engines: [{ name: 'docker', socket: '/var/run/docker.sock', via: 'api', answers: { '/version': 5 } }] }],
  ];

  // A damaged engines list is refused with a line naming the problem, not an internal error.
  it.each(broken)('rejects %s with a SnapshotFileError naming the problem', (_name, data) => {
    expect(() => buildModel(parseSnapshot(JSON.stringify(data), 'bad.json'))).toThrow(SnapshotFileError);
  });

  it.each([
    ...broken,
    ['not JSON', '{"format": "cosi-snap'],
    ['a JSON array', '[1,2,3]'],
    ['sections without text', { ...base, sections: { meminfo: { rc: 0 } } }],
    ['a section rc of the wrong type', { ...base, sections: { meminfo: { ...meminfo, rc: 'x', bytes: 'y', ms: {} } } }],
    ['target of the wrong type', { ...base, target: 5, takenAt: 7, durationMs: 'x' }],
    ['a __proto__ section', '{"format":"cosi-snapshot","version":1,"sections":{"__proto__":{"text":"x"}}}'],
  ] as [string, unknown][])('`cosi open --json` on %s answers with one line and no stack trace', (name, data) => {
    const r = cosi(['open', file(`${name.replace(/\W+/g, '-')}.json`, data), '--json']);
    expect(r.stderr).not.toMatch(/^\s+at |TypeError|node:internal/m);
    expect(nonSgrEscapes(r.stdout + r.stderr)).toEqual([]);
    if (r.status !== 0) expect(r.stderr.trim().split('\n')[0]).toMatch(/^cosi: /);
  });

  // JSON.parse's message quotes the input: a 17-byte "snapshot" holding an OSC 52 sequence wrote the
  // clipboard through `cosi open`'s error line.
  it('a file that is not JSON is named, not echoed: `cosi open` and `screenshot --snapshot`', () => {
    const p = file('clip.cosi.json', `${EVIL.osc52}\n`);
    expect(Buffer.byteLength(`${EVIL.osc52}\n`)).toBe(17);
    const out = join(dir, 'clip.txt');
    for (const args of [['open', p], ['open', p, '--json'], ['screenshot', '--snapshot', p, '-o', out]]) {
      const r = cosi(args);
      expect(r.status).toBe(1);
      expect(nonSgrEscapes(r.stderr)).toEqual([]);
      expect(r.stderr).not.toContain('cHduZWQ');
      expect(r.stderr).toBe(`cosi: ${p}: not a cosi snapshot (not valid JSON)\n`);
    }
  });
});
