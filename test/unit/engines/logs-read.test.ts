import { readFileSync } from 'node:fs';
import type { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { readLogs } from '../../../src/engines/logs-read.js';
import type { LogsRequest } from '../../../src/logs/script.js';
import { connectUnix, startFakeDaemon, type FakeDaemon } from './fake-daemon.js';
import { discovery, fakeShell } from './fake-logs-shell.js';

// `cosi logs HOST CONTAINER`: the host's shell answers the logs script (journal, discovery) as a
// real shell frames it; the Engine API answers are the lab's user docker's (test/fixtures/logs/).
const fx = (f: string) => readFileSync(new URL(`../../fixtures/logs/${f}`, import.meta.url));
const crashed = (JSON.parse(fx('inspect-log-crashed.json').toString()) as { Id: string }).Id;
const req: LogsRequest = { target: 'log-crashed', lines: 200, sudo: false, capBytes: 1 << 20 };

let fake: FakeDaemon | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function daemon() {
  fake = await startFakeDaemon({
    '/containers/log-crashed/json': fx('inspect-log-crashed.json').toString(),
    [`/containers/${crashed}/logs?stdout=1&stderr=1&timestamps=1&tail=200`]: fx('api-log-crashed.bin'),
  });
  const f = fake;
  const forwarded: string[] = [];
  return {
    forwarded,
    connect: (path: string): Promise<Duplex> => {
      forwarded.push(path);
      return path === '/var/run/docker.sock' ? connectUnix(f.socket) : Promise.reject(new Error('open failed'));
    },
  };
}

describe('cosi logs: containers through the Engine API, the CLI only where the API cannot reach', () => {
  it('one round trip in the shell (no docker CLI run), then the logs endpoint over the forwarded docker socket', async () => {
    const d = await daemon();
    const sh = fakeShell((k) => (k === 'discovery' ? discovery() : {}));
    const r = await readLogs(req, { run: sh.run, connect: d.connect, timeoutMs: 5000 }, 'h');
    expect(r).toMatchObject({ ok: true, from: 'docker', notes: [] });
    expect(r.ok && r.lines.map((l) => `${l.stream} ${l.message}`)).toEqual(['stdout log-crashed: starting worker', 'stderr log-crashed: fatal: cannot open /etc/worker.conf: No such file or directory']);
    expect(sh.scripts).toHaveLength(1);
    expect(sh.scripts[0]).not.toMatch(/ logs'? /);
    // docker had it: root's system-docker socket is never tried
    expect(d.forwarded).toEqual(['/var/run/docker.sock', '/var/run/docker.sock']);
  });

  it('forwarding refused: the same engine through its CLI in the shell, in a second round trip', async () => {
    const sh = fakeShell((k) => (k === 'discovery' ? discovery() : k === 'cli-0' ? { out: readFileSync(new URL('../../fixtures/logs/docker-cli.txt', import.meta.url), 'utf8') } : {}));
    const refused = () => Promise.reject(new Error('(SSH) Channel open failure: open failed'));
    const r = await readLogs(req, { run: sh.run, connect: refused, timeoutMs: 5000 }, 'h');
    expect(r).toMatchObject({ ok: true, from: 'docker' });
    expect(r.ok && r.lines.map((l) => l.message.slice(0, 20))).toContain('out one');
    expect(sh.scripts).toHaveLength(2);
    expect(sh.scripts[1]).toContain("_cl cli-0 _cdl '/usr/bin/docker' -H 'unix:///var/run/docker.sock' 'logs' '--timestamps' '--tail' '200' '--' 'log-crashed'");
  });

  it('a container only in root\'s system-docker: with --sudo its CLI under sudo -n; without, the user is told to use --sudo', async () => {
    const d = await daemon();
    const none = fakeShell((k) => (k === 'discovery' ? discovery() : null));
    const plain = await readLogs({ ...req, target: 'udev' }, { run: none.run, connect: d.connect, timeoutMs: 5000 }, 'h');
    expect(plain).toEqual({ ok: false, notes: ["system-docker: permission denied (its socket is root's)"], error: "no container 'udev' and no journal on h" });
    const sudo = fakeShell((k) => (k === 'discovery' ? discovery() : k === 'cli-1' ? { out: '2026-12-01T19:23:13.1Z udev up\n' } : null));
    const r = await readLogs({ ...req, target: 'udev', sudo: true }, { run: sudo.run, connect: d.connect, timeoutMs: 5000 }, 'h');
    expect(r).toMatchObject({ ok: true, from: 'system-docker', lines: [expect.objectContaining({ source: 'system-docker', message: 'udev up' })] });
    expect(sudo.scripts[1]).toContain("_cl cli-1 _cdl sudo -n '/usr/bin/docker' -H 'unix:///var/run/system-docker.sock' 'logs'");
  });

  it('a socket-activated docker that is not running is never connected to, and the user is told', async () => {
    const d = await daemon();
    const sh = fakeShell((k) => (k === 'discovery' ? { out: discovery('').out.replace('init sh', 'init systemd\nunit docker.service inactive\nunit docker.socket active') } : {}));
    const r = await readLogs({ ...req, target: 'web' }, { run: sh.run, connect: d.connect, timeoutMs: 5000 }, 'h');
    expect(d.forwarded).toEqual([]);
    expect(r.notes[0]).toBe('docker is socket-activated and not running: its containers are not read (cosi never starts it)');
    expect(sh.scripts).toHaveLength(1);
  });

  it('a unit is read from the journal alone: no discovery, no socket', async () => {
    const d = await daemon();
    const sh = fakeShell((k) => (k === 'journal' ? { out: fx('journal-broken.jsonl').toString() } : k === 'load-state' ? { out: 'loaded' } : {}));
    const r = await readLogs({ ...req, target: 'broken.service' }, { run: sh.run, connect: d.connect, timeoutMs: 5000 }, 'h');
    expect(r).toMatchObject({ ok: true, from: 'journal' });
    expect(sh.scripts[0]).not.toContain('discovery');
    expect(d.forwarded).toEqual([]);
  });
});
