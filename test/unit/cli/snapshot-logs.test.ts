import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readSnapshotLogs, snapshotLogTargets } from '../../../src/cli/snapshot-logs.js';
import { buildModel } from '../../../src/model/build.js';
import type { HostModel } from '../../../src/model/types.js';
import { buildWarnings } from '../../../src/model/warnings.js';
import { readSnapshotFile, writeSnapshotFile } from '../../../src/snapshot/file.js';
import { LOG_LINE_BYTES, LOG_LINES, LOG_TARGETS } from '../../../src/snapshot/logs.js';
import type { RawSnapshot } from '../../../src/snapshot/types.js';
import type { AppState } from '../../../src/store/types.js';
import { applyKey } from '../../../views/key-reducer.js';
import { frameState, renderState } from '../../../views/render-frame.js';
import { container } from '../../fixtures/models/helpers.js';
import { coreos } from '../../fixtures/models/coreos.js';
import { connectUnix, startFakeDaemon, type FakeDaemon } from '../engines/fake-daemon.js';
import { discovery, fakeShell } from '../engines/fake-logs-shell.js';
import { expectGolden } from '../views/golden.js';

// A snapshot file carries the last lines of each failed unit and each exited container, read as
// `cosi logs` reads them: here from the lab's recorded answers (the journal of broken.service, the
// user docker's Engine API answers of log-crashed; test/fixtures/logs/). Written, opened again, and
// shown offline in the Logs tab.
const fx = (f: string) => readFileSync(new URL(`../../fixtures/logs/${f}`, import.meta.url));
const crashed = (JSON.parse(fx('inspect-log-crashed.json').toString()) as { Id: string }).Id;

/** The CoreOS fixture with broken.service failed and log-crashed exited in its docker. */
function host(): HostModel {
  const units = [...(coreos.units ?? []), { name: 'broken.service', load: 'loaded', active: 'failed', sub: 'failed', description: 'Fails to start' }];
  const dead = container('log-crashed', crashed, 'busybox', 'exited', 'Exited (3) 2 minutes ago', 'sh -c ...');
  const running = container('web', 'f'.repeat(64), 'busybox', 'running', 'Up 2 minutes', 'httpd');
  const engines = coreos.engines.map((e) => (e.name === 'docker' ? { ...e, containers: [running, dead] } : e));
  const partial = { ...coreos, units, engines };
  return { ...partial, warnings: buildWarnings(partial) };
}

const raw = (logs: RawSnapshot['logs']): RawSnapshot => ({
  format: 'cosi-snapshot', version: 1, target: { kind: 'ssh', label: 'core@coreos:2223' }, takenAt: '2026-12-01T19:30:00.000Z', durationMs: 80, sections: {}, engines: [], ...(logs ? { logs } : {}),
});

let fake: FakeDaemon | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function readRecorded(model: HostModel) {
  fake = await startFakeDaemon({
    [`/containers/${crashed}/json`]: fx('inspect-log-crashed.json').toString(),
    [`/containers/${crashed}/logs?stdout=1&stderr=1&timestamps=1&tail=${LOG_LINES}`]: fx('api-log-crashed.bin'),
  });
  const f = fake;
  const sh = fakeShell((k, l) => (k === 'discovery' ? discovery() : k === 'journal' && l.includes('broken.service') ? { out: fx('journal-broken.jsonl').toString() } : k === 'load-state' ? { out: 'loaded' } : {}));
  const connect = (p: string) => (p === '/var/run/docker.sock' ? connectUnix(f.socket) : Promise.reject(new Error('open failed')));
  const { targets } = snapshotLogTargets(model);
  return { logs: await readSnapshotLogs(targets, { run: sh.run, connect, timeoutMs: 5000 }, 'core@coreos:2223', { sudo: false }), scripts: sh.scripts };
}

async function writeAndOpen(r: RawSnapshot): Promise<RawSnapshot> {
  const file = join(mkdtempSync(join(tmpdir(), 'cosi-snaplogs-')), 'host.cosi.json');
  await writeSnapshotFile(file, r);
  return readSnapshotFile(file);
}

/** The offline TUI on a model: Services, cursor on a unit (filter), then `L`. */
const onUnit = (model: HostModel, unit: string): AppState => ['/', ...unit, 'enter', 'n', 'L'].reduce((s, k) => applyKey(s, k).state, frameState(model, { tab: 'services', cols: 100, rows: 30 }));
const plain = (s: AppState) => renderState(s, { color: false });

describe('snapshot files carry logs', () => {
  it('failed units first, then exited or restarting containers of docker-like engines, by id; running ones not', () => {
    expect(snapshotLogTargets(host()).targets).toEqual([
      { kind: 'unit', target: 'broken.service' },
      { kind: 'container', target: crashed, name: 'log-crashed', engine: 'docker' },
    ]);
    // a crash-looping unit between two runs is stored; a running unit is not
    const looping = { ...host(), units: [...host().units!, { name: 'crashloop.service', load: 'loaded', active: 'activating', sub: 'auto-restart', description: '' }] };
    expect(snapshotLogTargets(looping).targets.filter((t) => t.kind === 'unit').map((t) => t.target)).toEqual(['broken.service', 'crashloop.service']);
    const many = { ...host(), units: Array.from({ length: LOG_TARGETS + 5 }, (_, i) => ({ name: `u${i}.service`, load: 'loaded', active: 'failed', sub: 'failed', description: '' })) };
    expect(snapshotLogTargets(many)).toMatchObject({ left: 6, targets: { length: LOG_TARGETS } });
  });

  it('written and opened again: the same lines; the Logs tab shows them offline (L on the failed unit)', async () => {
    const model = host();
    const { logs, scripts } = await readRecorded(model);
    expect(logs.map((e) => [e.target, e.from, e.lines.length, e.error])).toEqual([
      ['broken.service', 'journal', 4, undefined],
      [crashed, 'docker', 2, undefined],
    ]);
    // the container through the API: no docker CLI in any script
    expect(scripts.join('\n')).not.toMatch(/'logs' '--timestamps'/);
    const opened = await writeAndOpen(raw(logs));
    expect(opened.logs).toEqual(logs);
    const offline = { ...model, logs: buildModel(opened).logs };
    const s = onUnit(offline, 'broken.service');
    expectGolden('logs-snapshot-unit-100x30', plain(s));
    expect(plain(s)).toContain("Failed with result 'exit-code'");
  });

  it('L on the exited container works offline; a target the file has no logs of says so; an old file says it has none', async () => {
    const model = host();
    const { logs } = await readRecorded(model);
    const offline = { ...model, logs: buildModel(await writeAndOpen(raw(logs))).logs };
    const eng = ['j', 'j', 'L'].reduce((s, k) => applyKey(s, k).state, frameState(offline, { tab: 'engines', cols: 100, rows: 30 }));
    expect(eng.ui.logs.target?.target).toBe('log-crashed');
    expectGolden('logs-snapshot-container-100x30', plain(eng));
    const none = onUnit(offline, 'docker.service');
    expect(plain(none)).toContain('Logs · unit docker.service · 0 lines\nnot in this snapshot: it stores only logs of failed, exited or restarting units and containers\n');
    const old = { ...model, logs: buildModel(await writeAndOpen(raw(undefined))).logs };
    expect(old.logs).toBeUndefined();
    expect(plain(onUnit(old, 'broken.service'))).toContain('This snapshot has no logs');
  });

  it('a file is host data: its lines are sanitized and bounded again when read', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cosi-snaplogs-')), 'forged.cosi.json');
    const lines = Array.from({ length: 300 }, (_, i) => ({ time: '2026-12-01T19:00:00Z', stream: 'stderr', priority: 9, message: i === 299 ? `\x1b]0;pwned\x07${'x'.repeat(10_000)}` : `line ${i}` }));
    writeFileSync(file, JSON.stringify({ ...raw(undefined), logs: [{ kind: 'container', target: 'abc', name: 'n\x1b[2J', from: 'docker', lines }] }));
    const e = (await readSnapshotFile(file)).logs![0]!;
    expect(e.lines).toHaveLength(LOG_LINES);
    expect(e.cut).toBe(true);
    expect(e.name).toBe('n\\e[2J');
    expect(e.lines.at(-1)!.message.startsWith('\\e]0;pwned\\x07xxx')).toBe(true);
    expect(Buffer.byteLength(e.lines.at(-1)!.message)).toBeLessThanOrEqual(LOG_LINE_BYTES);
    expect(e.lines.every((l) => l.priority === null)).toBe(true);
    writeFileSync(file, JSON.stringify({ ...raw(undefined), logs: {} }));
    await expect(readSnapshotFile(file)).rejects.toThrow('"logs" is not a list');
  });
});
