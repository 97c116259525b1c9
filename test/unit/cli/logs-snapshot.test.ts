import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatLogLine } from '../../../src/logs/answer.js';
import { cosiAsync, type CliResult } from '../../support/cli.js';

// `cosi logs --snapshot FILE TARGET`: the lines a snapshot file stored, offline, compared with the
// bundled demo files' own `logs` entries (recorded from the lab: a unit that fails to start, a
// container that ended).
const DEMO = new URL('../../../demo/', import.meta.url).pathname;
interface Stored {
  kind: string;
  target: string;
  name?: string;
  from: string;
  lines: { time: string | null; stream: string | null; priority: number | null; message: string }[];
}
const stored = (file: string, target: string): Stored => {
  const logs = (JSON.parse(readFileSync(DEMO + file, 'utf8')) as { logs: Stored[] }).logs;
  const e = logs.find((l) => l.target === target || l.name === target);
  if (!e) throw new Error(`${file} has no ${target}`);
  return e;
};
const asCli = (e: Stored) => e.lines.map((l) => ({ time: l.time, source: e.from, target: e.name ?? e.target, stream: l.stream, priority: l.priority, message: l.message }));

describe('cosi logs --snapshot', () => {
  let unit: CliResult, unitJson: CliResult, ctrJson: CliResult, byId: CliResult, last: CliResult, missing: CliResult, demo: CliResult, since: CliResult, both: CliResult;
  beforeAll(async () => {
    [unit, unitJson, ctrJson, byId, last, missing, demo, since, both] = await Promise.all([
      cosiAsync(['logs', '--snapshot', `${DEMO}coreos.cosi.json`, 'broken.service']),
      cosiAsync(['logs', '--snapshot', `${DEMO}coreos.cosi.json`, 'broken.service', '--json']),
      cosiAsync(['logs', '--snapshot', `${DEMO}rancheros.cosi.json`, 'batch', '--json']),
      cosiAsync(['logs', '--snapshot', `${DEMO}rancheros.cosi.json`, stored('rancheros.cosi.json', 'batch').target.slice(0, 12)]),
      cosiAsync(['logs', '--snapshot', `${DEMO}coreos.cosi.json`, 'broken.service', '-n', '2']),
      cosiAsync(['logs', '--snapshot', `${DEMO}rancheros.cosi.json`, 'nosuch.service']),
      cosiAsync(['logs', '--demo', 'coreos', 'broken.service']),
      cosiAsync(['logs', '--snapshot', `${DEMO}coreos.cosi.json`, 'broken.service', '--since', '10m']),
      cosiAsync(['logs', '--snapshot', `${DEMO}coreos.cosi.json`, '--local', 'broken.service']),
    ]);
  }, 120_000);

  it('prints the unit lines the file stored, as `cosi logs` prints live ones', () => {
    const want = asCli(stored('coreos.cosi.json', 'broken.service'));
    expect(want.length).toBeGreaterThan(1);
    expect(unit).toEqual({ status: 0, stdout: want.map(formatLogLine).join('\n') + '\n', stderr: '' });
    expect(unit.stdout).toMatch(/Failed to start broken\.service/);
    expect(demo).toEqual(unit);
  });

  it('--json: one object per stored line, with the keys of live lines in their order', () => {
    const want = asCli(stored('coreos.cosi.json', 'broken.service'));
    expect(unitJson.status).toBe(0);
    expect(unitJson.stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual(want);
    expect(Object.keys(JSON.parse(unitJson.stdout.split('\n')[0]))).toEqual(['time', 'source', 'target', 'stream', 'priority', 'message']);
    expect(ctrJson.status).toBe(0);
    expect(ctrJson.stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual(asCli(stored('rancheros.cosi.json', 'batch')));
    expect(ctrJson.stdout).toMatch(/"target":"batch"/);
  });

  it('a container by a prefix of its id; -n keeps the last lines', () => {
    expect(byId.status).toBe(0);
    expect(byId.stdout).toBe(asCli(stored('rancheros.cosi.json', 'batch')).map(formatLogLine).join('\n') + '\n');
    expect(last.stdout).toBe(unit.stdout.split('\n').slice(-3).join('\n'));
  });

  it('a target the file did not store: exit 1, saying what the file stores', () => {
    expect(missing.status).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toBe(
      'cosi: nosuch.service is not in ' + DEMO + 'rancheros.cosi.json: it stores only logs of failed, exited or restarting units and containers; it has: batch (docker), cloud-init-execute (system-docker), preload-user-images (system-docker), udev-cold (system-docker)\n',
    );
  });

  it('--since and a second source are usage errors (exit 2)', () => {
    expect(since.status).toBe(2);
    expect(since.stderr).toMatch(/--since and --boot read a live host/);
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/give only one of/);
  });
});
