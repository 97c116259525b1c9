import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { interpretLogs } from '../../../src/logs/answer.js';
import { readLogsSteps } from '../../../src/logs/script.js';
import { cosiAsync, type CliResult } from '../../support/cli.js';

// `cosi logs --via` on a shell whose journalctl, systemctl and docker are stand-ins that print
// what the lab's real ones printed (test/fixtures/logs/) and record how they were called: the
// script, its framing, the stderr marking and the CLI's words are the real ones.
const FIX = new URL('../../fixtures/logs/', import.meta.url).pathname;
let dir: string;
const via = (): string => `env PATH=${dir}:/usr/bin:/bin sh`;
const calls = (): string => readFileSync(join(dir, 'calls'), 'utf8');

function tool(name: string, body: string): void {
  writeFileSync(join(dir, name), `#!/bin/sh\necho "${name} $*" >> ${dir}/calls\n${body}\n`);
  chmodSync(join(dir, name), 0o755);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cosi-logs-'));
  writeFileSync(join(dir, 'calls'), '');
  tool('journalctl', `case "$*" in *_SYSTEMD_UNIT=broken.service*) cat ${FIX}journal-broken.jsonl;; *-k*) cat ${FIX}journal-bytes.jsonl;; esac`);
  tool('systemctl', `case "$*" in *broken.service*) echo loaded;; 'is-active docker.socket') echo \${FAKE_SOCKET:-inactive};; 'is-active docker.service') echo inactive;; *) echo not-found;; esac`);
  // docker logs: stdout lines to stdout, the recorded stderr lines ("E " marked) to stderr.
  tool('docker', `case "$*" in *' rec') grep -v '^E ' ${FIX}docker-cli.txt; grep '^E ' ${FIX}docker-cli.txt | cut -c3- >&2;; *) echo "Error response from daemon: No such container: x" >&2; exit 1;; esac`);
});

describe('cosi logs', () => {
  let unit: CliResult, json: CliResult, ctr: CliResult, unknown: CliResult, none: CliResult, boot: CliResult, asleep: CliResult;
  beforeAll(async () => {
    [unit, json, ctr, unknown, none, boot, asleep] = await Promise.all([
      cosiAsync(['logs', '--via', via(), 'broken.service', '-n', '50']),
      cosiAsync(['logs', '--via', via(), 'kernel', '--json']),
      cosiAsync(['logs', '--via', via(), 'rec', '--since', '10m']),
      cosiAsync(['logs', '--via', via(), 'nosuch.service']),
      cosiAsync(['logs', '--via', via(), 'nosuch']),
      cosiAsync(['logs', '--via', via(), 'broken.service', '--boot', '-1']),
      cosiAsync(['logs', '--via', `env FAKE_SOCKET=active PATH=${dir}:/usr/bin:/bin sh`, 'asleep-ctr']),
    ]);
  }, 120_000);

  it("a unit: its lines and PID 1's, time, priority, writer, message; journalctl bounded and read-only", () => {
    expect(unit.stderr).toBe('');
    expect(unit.stdout.split('\n')).toContain("2026-12-01T13:39:05.238553Z err systemd[1]: Failed to start broken.service - Deliberately failing unit (cosi lab).");
    expect(unit.status).toBe(0);
    const j = calls().split('\n').find((c) => c.includes('-n 50') && c.startsWith('journalctl'));
    expect(j).toBe('journalctl --no-pager -o json -n 50 _SYSTEMD_UNIT=broken.service + _PID=1 UNIT=broken.service');
    expect(calls()).not.toMatch(/--vacuum|--rotate|--flush|systemctl status/);
  });

  it('--json: one object per line, escapes and invalid UTF-8 from the host made harmless', () => {
    const objs = json.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(objs).toEqual([
      { time: expect.stringMatching(/^2026-12-01T/), source: 'journal', target: 'kernel', stream: expect.stringMatching(/^cosi-rec\[\d+\]$/), priority: 4, message: 'bad byte \uFFFD here' },
      expect.objectContaining({ priority: 3, message: '\\e[31mred\\e]0;pwned\\x07 end' }),
    ]);
    expect(json.stdout).not.toMatch(/\u001b/);
  });

  it('a container through the docker CLI: both streams in time order, sanitized, the long line whole', () => {
    expect(ctr.status).toBe(0);
    const ls = ctr.stdout.trim().split('\n');
    expect(ls.map((l) => l.slice(0, 80))).toEqual([
      '2026-12-01T14:42:52.480743674Z stderr err one',
      '2026-12-01T14:42:52.480769601Z stderr bad \uFFFD byte',
      '2026-12-01T14:42:52.481076348Z stdout out one',
      '2026-12-01T14:42:52.481079937Z stdout \\e[2J\\e]0;pwned\\x07clear',
      `2026-12-01T14:42:52.481092583Z stdout ${'x'.repeat(80 - 38)}`,
    ]);
    expect(ls[4].length).toBe(38 + 20000);
    expect(ctr.stdout).not.toMatch(/\u001b/);
    expect(calls()).toContain("docker logs --timestamps --tail 200 --since 10m -- rec");
  });

  it('clear errors: an unknown unit, a name that is neither a container nor a unit, a boot the journal lacks', () => {
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/^cosi: unknown unit 'nosuch.service' on /);
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/^cosi: no container or unit named 'nosuch' on /);
    expect(boot.status).toBe(0);
    expect(calls()).toContain('journalctl --no-pager -o json -n 200 --boot=-1 _SYSTEMD_UNIT=broken.service');
  });

  it('a socket-activated docker that is not running is never woken: the docker CLI is not called, and the user is told', () => {
    expect(calls()).not.toMatch(/^docker .*asleep-ctr/m);
    expect(asleep.stderr.split('\n')[0]).toBe('cosi: docker is socket-activated and not running: its containers are not read (cosi never starts it)');
    expect([asleep.status, asleep.stderr.split('\n')[1]]).toEqual([1, `cosi: no unit named 'asleep-ctr.service' on via env FAKE_SOCKET=active PATH=${dir}:/usr/bin:/bin sh, and docker could not be asked`]);
  });

  it('usage errors say what is missing', async () => {
    const [noTarget, badSince] = await Promise.all([cosiAsync(['logs', '--local']), cosiAsync(['logs', '--local', 'kernel', '--since', 'yesterday'])]);
    expect([noTarget.status, noTarget.stderr.split('\n')[0]]).toEqual([2, 'cosi: logs needs what to read: a unit (name.service), a container name or id, or kernel']);
    expect([badSince.status, badSince.stderr.split('\n')[0]]).toEqual([2, "cosi: --since takes 10m, 2h, 1d or a date (2026-12-01 or '2026-12-01 14:00'), not 'yesterday'"]);
  }, 60_000);
});

describe('the byte cap', () => {
  it("a step cut by head -c on the host: the whole entries that arrived, and a note to ask for fewer lines", () => {
    const first = readFileSync(join(FIX, 'journal-broken.jsonl'), 'utf8').split('\n')[0];
    // head -c cut the second entry and the status/stderr frame after it; the F frame is printed after head.
    const answer = `\n@@COSILOG:N:B:journal\n${first}\n{"MESSAGE":"cut he\n@@COSILOG:N:F:journal\n\n@@COSILOG:N:DONE\n`;
    const steps = readLogsSteps(answer, 'N');
    expect(steps.get('journal')?.rc).toBeNull();
    const r = interpretLogs({ target: 'broken.service', lines: 200, sudo: false, capBytes: 4096 }, steps, 'h');
    expect(r).toEqual({ ok: true, from: 'journal', notes: ['journal: output cut at 4096 bytes; ask for fewer lines with -n'], lines: [expect.objectContaining({ message: 'Starting broken.service - Deliberately failing unit (cosi lab)...' })] });
  });
});

describe('a plain log file (hosts without a journal)', () => {
  it('its last -n lines through tail on the host, syslog fields read, escapes made harmless; an unreadable file is said', async () => {
    const d = mkdtempSync(join(tmpdir(), 'cosi-logfile-'));
    const lines = ['Nov 30 23:59:59 rancher dockerd[812]: old', 'Dec  1 14:00:00 rancher user.err root: disk \u001b[2J full', 'Dec  1 14:00:01 rancher kernel: eth0 up'];
    writeFileSync(join(d, 'messages'), `${lines.join('\n')}\n`);
    const [ok, missing] = await Promise.all([cosiAsync(['logs', '--local', join(d, 'messages'), '-n', '2']), cosiAsync(['logs', '--local', join(d, 'nope')])]);
    const year = new Date().getFullYear();
    expect([ok.status, ok.stderr, ok.stdout]).toEqual([0, '', `${year}-12-01T14:00:00 err root: disk \\e[2J full\n${year}-12-01T14:00:01 kernel: eth0 up\n`]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(new RegExp(`^cosi: cannot read ${join(d, 'nope')} on local: tail: .*No such file or directory \\(try --sudo\\)\n$`));
  }, 60_000);
});

describe("a pod's CRI files (one step per container)", () => {
  it("each container's current file parsed, partial records joined, all in time order; a pod that is not there is named", () => {
    const cri = readFileSync(join(FIX, 'cri/0.log'), 'utf8');
    const answer = [
      '\n@@COSILOG:N:B:pod-dirs\n/var/log/pods/kube-system_coredns-x_u/\n@@COSILOG:N:E:0:pod-dirs\n\n@@COSILOG:N:F:pod-dirs\n',
      `\n@@COSILOG:N:B:cri-coredns\n${cri}\n@@COSILOG:N:E:0:cri-coredns\n\n@@COSILOG:N:F:cri-coredns\n`,
      '\n@@COSILOG:N:B:cri-sidecar\n2026-12-01T20:07:11.610000000+00:00 stdout F sidecar up\n\n@@COSILOG:N:E:0:cri-sidecar\n\n@@COSILOG:N:F:cri-sidecar\n',
    ].join('');
    const req = { target: 'pod/kube-system/coredns-x', lines: 200, sudo: false, capBytes: 1 << 20 };
    const r = interpretLogs(req, readLogsSteps(answer, 'N'), 'h');
    expect(r.ok && r.lines.map((l) => [l.target, l.message.slice(0, 20)])).toEqual([
      ['pod/kube-system/coredns-x/coredns', 'coredns starting'],
      ['pod/kube-system/coredns-x/sidecar', 'sidecar up'],
      ['pod/kube-system/coredns-x/coredns', 'escape \\e[31mred\\e]0'],
      ['pod/kube-system/coredns-x/coredns', 'bad \uFFFD byte'],
      ['pod/kube-system/coredns-x/coredns', 'plugin/errors: 2 exa'],
      ['pod/kube-system/coredns-x/coredns', 'x'.repeat(20)],
      ['pod/kube-system/coredns-x/coredns', 'after the long line'],
    ]);
    const none = interpretLogs(req, readLogsSteps('\n@@COSILOG:N:B:pod-dirs\n\n@@COSILOG:N:E:0:pod-dirs\n\n@@COSILOG:N:F:pod-dirs\n', 'N'), 'h');
    expect(none).toEqual({ ok: false, notes: [], error: 'no logs of pod/kube-system/coredns-x on h: not under /var/log/pods' });
  });
});
