// `cosi logs` reads containers through the Engine API's logs endpoint over the
// forwarded socket, and agrees with `docker logs --timestamps` of the same
// daemon on this machine: a container without a TTY (stdout and stderr
// frames), one with a TTY, one whose output carries terminal escapes, the
// ~1,000 lines/s one (a bounded window), --since; the docker CLI in the shell
// when the SSH server forbids forwarding; system-docker's root socket with
// --sudo. Live containers move: what cosi shows must lie within docker's
// answers taken before and after, never "equal to one reading".
import { homedir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogLine } from '../../parsers/log-line.js';
import { readLogs } from '../../src/engines/logs-read.js';
import type { LogsRequest } from '../../src/logs/script.js';
import { noPrompts, resolveSshConfig, SshChannel } from '../../src/transport/ssh/index.js';
import { cosiAsync } from '../support/cli.js';
import { LAB, labUp, sshConfigFor } from './lab.js';
import { CRASH_MESSAGE } from './lib/log-containers.js';
import { dockerLogs, key, shown } from './support/docker-logs.js';
import { startNoForwardingSshd, type NoForwardingHost } from './support/no-forwarding.js';

const USER_DOCKER = LAB.rancher.sockets.docker;
const limits = { timeoutMs: 60_000, maxBytes: 64 << 20 };


let ch: SshChannel;
const scripts: string[] = [];
let forwards = 0;
async function cosiRead(req: Partial<LogsRequest> & { target: string }) {
  const r = await readLogs(
    { lines: 200, sudo: false, capBytes: 8 << 20, ...req },
    {
      run: (s, t) => (scripts.push(s), ch.run(s, t, limits)),
      connect: (p) => (forwards++, ch.forwardUnixSocket(p)),
      timeoutMs: 30_000,
    },
    'rancher',
  );
  if (!r.ok) throw new Error(`cosi: ${r.error} (${r.notes.join('; ')})`);
  return r;
}

beforeAll(async () => {
  await labUp('all');
  const { configPath } = sshConfigFor('rancher');
  const r = resolveSshConfig(LAB.rancher.sshAlias, { configFile: configPath }, { home: homedir(), env: process.env });
  if (!r.ok) throw new Error(r.error);
  ch = new SshChannel(r.value, { prompts: noPrompts() });
  await ch.open();
}, 600_000);

afterAll(async () => {
  await ch?.close();
});

describe('containers through the Engine API over the forwarded socket (RancherOS-like console, user rancher)', () => {
  it('exited, escapes, batch: exactly what docker logs --timestamps shows, both streams, sanitized; no docker CLI run', async () => {
    for (const name of ['log-crashed', 'log-escapes', 'batch']) {
      scripts.length = 0;
      forwards = 0;
      const r = await cosiRead({ target: name });
      expect(r.from, name).toBe('docker');
      expect(shown(r.lines), name).toEqual(dockerLogs(USER_DOCKER, [name]));
      expect(forwards, name).toBeGreaterThan(0);
      expect(scripts.join('\n'), name).not.toMatch(/'logs' '--timestamps'|docker logs/);
    }
    const crashed = await cosiRead({ target: 'log-crashed' });
    expect(crashed.lines.at(-1)).toMatchObject({ stream: 'stderr', message: CRASH_MESSAGE });
    const esc = await cosiRead({ target: 'log-escapes' });
    expect(JSON.stringify(esc.lines)).not.toMatch(/\\u001b|\\u0007|\\u009b/);
    expect(esc.lines.map((l) => l.message)).toContain('escapes: title \\e]0;pwned\\x07 set');
  }, 180_000);

  it('a TTY container: its lines (no carriage returns) lie within docker logs taken before and after', async () => {
    const before = dockerLogs(USER_DOCKER, ['--tail', '3', 'log-tty']);
    const r = await cosiRead({ target: 'log-tty', lines: 3 });
    const after = dockerLogs(USER_DOCKER, ['--tail', '10', 'log-tty']);
    expect(r.lines).toHaveLength(3);
    for (const l of shown(r.lines)) expect(after).toContain(l);
    // nothing older than what docker already had as its last line is missing
    expect(key(r.lines.at(-1)!.time!) >= key(before.at(-1)!.split(' ')[0]!)).toBe(true);
    expect(r.lines.every((l) => !l.message.includes('\r') && l.stream === 'stdout')).toBe(true);
  }, 120_000);

  it('the ~1,000 lines/s container: 200 consecutive lines, each in docker logs for the same time window', async () => {
    const r = await cosiRead({ target: 'log-chatty' });
    expect(r.lines).toHaveLength(200);
    const seq = r.lines.map((l) => Number(/^chatty (\d+) /.exec(l.message)?.[1]));
    expect(seq.every((n, i) => i === 0 || n === seq[i - 1]! + 1)).toBe(true);
    const window = dockerLogs(USER_DOCKER, ['--since', r.lines[0]!.time!, '--until', r.lines.at(-1)!.time!, 'log-chatty']);
    const mine = shown(r.lines);
    expect(mine.filter((l) => !window.includes(l))).toEqual([]);
    expect(window.length - mine.length).toBeLessThanOrEqual(1);
  }, 120_000);

  it('--since: only lines at or after it, and every line docker has in that time', async () => {
    const start = Date.now();
    const r = await cosiRead({ target: 'log-tty', since: '35s', lines: 1000 });
    const end = Date.now();
    expect(r.lines.length).toBeGreaterThanOrEqual(2);
    for (const l of r.lines) expect(Date.parse(l.time!)).toBeGreaterThanOrEqual(start - 36_000);
    // docker's lines from a few seconds after cosi's bound up to when cosi asked are all there
    const docker = dockerLogs(USER_DOCKER, ['--since', new Date(start - 30_000).toISOString(), '--until', new Date(start).toISOString(), 'log-tty']);
    for (const l of docker) expect(shown(r.lines)).toContain(l);
    expect(end - start).toBeLessThan(60_000);
  }, 120_000);

  it("system-docker's root socket: told to use --sudo; with --sudo read by sudo -n docker in the shell", async () => {
    const { configPath, alias } = sshConfigFor('rancher');
    // a name nothing on the host has (a system container's name would be found in syslog's sudo lines)
    const denied = await cosiAsync(['logs', '-F', configPath, alias, `cosi-nosuch-${process.pid}`]);
    expect(denied.status).toBe(1);
    expect(denied.stderr).toContain("system-docker: permission denied (its socket is root's)");
    const before = dockerLogs(LAB.rancher.sockets['system-docker'], ['--tail', '20', 'console']);
    const r = await cosiRead({ target: 'console', sudo: true, lines: 20 });
    const after = dockerLogs(LAB.rancher.sockets['system-docker'], ['--tail', '100', 'console']);
    expect(r.from).toBe('system-docker');
    expect(scripts.at(-1)).toContain(`sudo -n '/usr/bin/docker' -H 'unix:///var/run/system-docker.sock' 'logs'`);
    for (const l of shown(r.lines)) expect(after).toContain(l);
    expect(r.lines.length).toBeGreaterThanOrEqual(Math.min(20, before.length));
  }, 120_000);
});

describe('an SSH server that forbids socket forwarding', () => {
  let host: NoForwardingHost;
  beforeAll(async () => {
    host = await startNoForwardingSshd('cosilogfwd', 2246);
  }, 120_000);
  afterAll(async () => {
    await host?.dispose();
  });

  it('cosi logs reads the container through the docker CLI on the host instead: the same lines, as JSON', async () => {
    const r = await cosiAsync(['logs', ...host.cosiArgs, 'log-crashed', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const objs = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as LogLine);
    expect(shown(objs)).toEqual(dockerLogs(USER_DOCKER, ['log-crashed']));
    expect(objs.every((o) => o.source === 'docker' && o.target === 'log-crashed')).toBe(true);
  }, 120_000);
});
