import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { readContainerLogs, sinceAfter, sinceOption } from '../../../src/engines/logs.js';
import { connectUnix, startFakeDaemon, type FakeDaemon } from './fake-daemon.js';

// Answers of the lab's user docker (test/fixtures/logs/): log-crashed (no TTY: stdout and stderr
// multiplexed in frames, then exited 3) and log-tty (`docker run -t`: the raw terminal stream).
const fx = (f: string) => readFileSync(new URL(`../../fixtures/logs/${f}`, import.meta.url));
const idOf = (f: string) => (JSON.parse(fx(f).toString()) as { Id: string }).Id;
const crashed = idOf('inspect-log-crashed.json');
const tty = idOf('inspect-log-tty.json');
const limits = { timeoutMs: 5000, maxBytes: 1 << 20 };

let fake: FakeDaemon | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function daemon(): Promise<FakeDaemon> {
  fake = await startFakeDaemon({
    '/containers/log-crashed/json': fx('inspect-log-crashed.json').toString(),
    [`/containers/${crashed}/logs?stdout=1&stderr=1&timestamps=1&tail=200`]: fx('api-log-crashed.bin'),
    '/containers/log-tty/json': fx('inspect-log-tty.json').toString(),
    [`/containers/${tty}/logs?stdout=1&stderr=1&timestamps=1&tail=3&since=1796154171.258463800`]: fx('api-log-tty.bin'),
    '/containers/nosuch/json': { status: 404, body: '{"message":"No such container: nosuch"}' },
  });
  return fake;
}

describe("a container's logs through the Engine API", () => {
  it('a container without a TTY: its stdout and stderr lines from the frames, with their times; the container by name, its logs by id', async () => {
    const f = await daemon();
    const r = await readContainerLogs(() => connectUnix(f.socket), 'log-crashed', { tail: 200 }, 'docker', limits);
    expect(r).toMatchObject({ ok: true, id: crashed, name: 'log-crashed', tty: false, state: 'exited', issues: [] });
    expect(r.ok && r.lines).toEqual([
      { time: '2026-12-01T19:23:13.647892302Z', source: 'docker', target: 'log-crashed', stream: 'stdout', priority: null, message: 'log-crashed: starting worker' },
      { time: '2026-12-01T19:23:13.665219305Z', source: 'docker', target: 'log-crashed', stream: 'stderr', priority: null, message: 'log-crashed: fatal: cannot open /etc/worker.conf: No such file or directory' },
    ]);
    expect(f.requests).toEqual(['/containers/log-crashed/json', `/containers/${crashed}/logs?stdout=1&stderr=1&timestamps=1&tail=200`]);
  });

  it("a TTY container: the raw stream's lines (no frames, no carriage returns); since asks for what came after a line", async () => {
    const f = await daemon();
    const r = await readContainerLogs(() => connectUnix(f.socket), 'log-tty', { tail: 3, since: sinceAfter('2026-12-01T19:42:51.258463799Z')! }, 'docker', limits);
    expect(r.ok && r.tty).toBe(true);
    expect(r.ok && r.lines.map((l) => [l.time, l.stream, l.message])).toEqual([
      ['2026-12-01T19:42:51.258463799Z', 'stdout', 'log-tty: tick 118'],
      ['2026-12-01T19:43:01.277782977Z', 'stdout', 'log-tty: tick 119'],
      ['2026-12-01T19:43:11.301993823Z', 'stdout', 'log-tty: tick 120'],
    ]);
  });

  it('an unknown name is "no such container" (the next engine is asked); a socket that cannot be opened is "unreachable" (the CLI may read it)', async () => {
    const f = await daemon();
    expect(await readContainerLogs(() => connectUnix(f.socket), 'nosuch', { tail: 5 }, 'docker', limits)).toEqual({ ok: false, code: 'no-such-container' });
    const refused = await readContainerLogs(() => Promise.reject(new Error('(SSH) Channel open failure: open failed')), 'x', { tail: 5 }, 'docker', limits);
    expect(refused).toEqual({ ok: false, code: 'unreachable', message: '(SSH) Channel open failure: open failed' });
  });

  it('an answer larger than the cap is refused, not kept', async () => {
    const f = await daemon();
    const r = await readContainerLogs(() => connectUnix(f.socket), 'log-crashed', { tail: 200 }, 'docker', { timeoutMs: 5000, maxBytes: 100 });
    expect(r).toMatchObject({ ok: false, code: 'error', message: expect.stringMatching(/larger than 100 bytes/) });
  });
});

describe('since', () => {
  it("one nanosecond after a line's time, in text (a double cannot hold unix nanoseconds)", () => {
    expect(sinceAfter('2026-12-01T19:42:51.258463799Z')).toBe('1796154171.258463800');
    expect(sinceAfter('2026-12-01T19:42:51.999999999Z')).toBe('1796154172.000000000');
    expect(sinceAfter('2026-12-01T19:42:51Z')).toBe('1796154171.000000001');
    expect(sinceAfter('2026-12-01 19:42')).toBeNull();
  });

  it('--since 10m, 2h, 1d before now; a date in the local time zone, as the docker CLI reads it', () => {
    const now = Date.UTC(2026, 11, 1, 12, 0, 0, 500);
    expect(sinceOption('10m', now)).toBe(String(now / 1000 - 0.5 - 600));
    expect(sinceOption('1d', now)).toBe(String(now / 1000 - 0.5 - 86400));
    expect(sinceOption('2026-12-01 14:00', now)).toBe(String(new Date(2026, 11, 1, 14, 0).getTime() / 1000));
    expect(sinceOption('yesterday', now)).toBeNull();
  });
});
