// `cosi snapshot` stores the last lines of each failed unit and each exited
// container, read as `cosi logs` reads them: the systemd host's broken.service
// (its own lines and PID 1's about it, through the journal) and the
// RancherOS-like console's log-crashed (through the Engine API over the
// forwarded socket). broken.service failed once at the host's start and
// log-crashed exited: neither writes more lines, yet the journal's is read
// before and after the snapshot and the file must hold one of the two readings.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LogLine } from '../../parsers/log-line.js';
import type { RawSnapshot } from '../../src/snapshot/types.js';
import { cosiAsync } from '../support/cli.js';
import { LAB, labUp, sshConfigFor } from './lab.js';
import { CRASH_MESSAGE } from './lib/log-containers.js';
import { dockerLogs } from './support/docker-logs.js';

const dir = mkdtempSync(join(tmpdir(), 'cosi-snapshot-logs-'));

beforeAll(async () => {
  await labUp('all');
}, 600_000);

async function snapshot(host: 'systemd' | 'rancher', extra: string[]): Promise<RawSnapshot> {
  const { configPath, alias } = sshConfigFor(host);
  const file = join(dir, `${host}.cosi.json`);
  const r = await cosiAsync(['snapshot', '-F', configPath, alias, '-o', file, ...extra]);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(readFileSync(file, 'utf8')) as RawSnapshot;
}

/** `cosi logs HOST TARGET --json` as the file stores lines: time, stream, priority, message. */
async function cosiLogs(host: 'systemd' | 'rancher', target: string, extra: string[]) {
  const { configPath, alias } = sshConfigFor(host);
  const r = await cosiAsync(['logs', '-F', configPath, alias, target, '--json', ...extra]);
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.trim().split('\n').map((l) => {
    const { time, stream, priority, message } = JSON.parse(l) as LogLine;
    return { time, stream, priority, message };
  });
}

describe('snapshot files carry the logs of what failed', () => {
  it("the systemd host's failed broken.service: the lines cosi logs prints of it", async () => {
    const before = await cosiLogs('systemd', 'broken.service', ['--sudo']);
    const raw = await snapshot('systemd', ['--sudo']);
    const after = await cosiLogs('systemd', 'broken.service', ['--sudo']);
    const e = raw.logs?.find((x) => x.target === 'broken.service');
    expect(e, JSON.stringify(raw.logs?.map((x) => x.target))).toBeDefined();
    expect(e).toMatchObject({ kind: 'unit', from: 'journal' });
    expect(e!.lines.some((l) => /Failed to start broken\.service/.test(l.message))).toBe(true);
    expect([before.slice(-200), after.slice(-200)]).toContainEqual(e!.lines);
    // running units are not stored
    expect(raw.logs!.every((x) => x.kind !== 'unit' || x.target !== 'demo-web.service')).toBe(true);
  }, 240_000);

  it("the console's exited log-crashed: each stream's lines are what docker logs prints; running containers are not stored", async () => {
    const raw = await snapshot('rancher', []);
    const e = raw.logs?.find((x) => x.name === 'log-crashed');
    expect(e, JSON.stringify(raw.logs?.map((x) => x.name))).toBeDefined();
    expect(e).toMatchObject({ kind: 'container', engine: 'docker', from: 'docker', cut: false });
    expect(e!.target).toMatch(/^[0-9a-f]{64}$/);
    const docker = dockerLogs(LAB.rancher.sockets.docker, ['log-crashed']);
    // dockerd stamps two streams written at one instant in either order: compared per stream
    const stream = (s: string, ls: string[]) => ls.filter((l) => l.split(' ')[1] === s).sort();
    const mine = e!.lines.map((l) => `${l.time} ${l.stream} ${l.message}`);
    for (const s of ['stdout', 'stderr']) expect(stream(s, mine), s).toEqual(stream(s, docker));
    expect(e!.lines.map((l) => l.message)).toContain(CRASH_MESSAGE);
    const names = raw.logs!.map((x) => x.name);
    expect(names).not.toContain('log-chatty');
    expect(names).not.toContain('web');
    expect(names).toContain('batch');
  }, 240_000);
});
