import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCriLog } from '../../../parsers/cri-log.js';
import { parseDockerLogFrames } from '../../../parsers/docker-log-frames.js';
import { parseDockerLogsText } from '../../../parsers/docker-logs-text.js';
import { parseJournalJson } from '../../../parsers/journal-json.js';
import { parseDmesg, parseSyslog } from '../../../parsers/syslog.js';
import { expectAllClean, fixture, said } from './_support.js';

// Recorded in the lab (test/fixtures/logs/): the coreos host's journal, and the user docker's
// logs of a busybox container that wrote stdout, stderr, terminal escapes, invalid UTF-8 and a
// 20,000-byte line (the json-file driver splits it at 16 KiB).
const bytes = (f: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../fixtures/logs/${f}`, import.meta.url)));
const unit = { source: 'journal', target: 'broken.service' };
const ctr = { source: 'docker', target: 'rec' };

describe('journalctl -o json', () => {
  it("reads PID 1's lines about a unit that failed to start: time, priority, writer, message", () => {
    const r = parseJournalJson(fixture('logs/journal-broken.jsonl'), unit);
    expect(r.issues).toEqual([]);
    expect(r.value.map((l) => [l.priority, l.stream, l.message])).toEqual([
      [6, 'systemd[1]', 'Starting broken.service - Deliberately failing unit (cosi lab)...'],
      [5, 'systemd[1]', 'broken.service: Main process exited, code=exited, status=1/FAILURE'],
      [4, 'systemd[1]', "broken.service: Failed with result 'exit-code'."],
      [3, 'systemd[1]', 'Failed to start broken.service - Deliberately failing unit (cosi lab).'],
    ]);
    // __REALTIME_TIMESTAMP 1796132345202569 µs, to the microsecond.
    expect(r.value[0]).toMatchObject({ time: '2026-12-01T13:39:05.202569Z', source: 'journal', target: 'broken.service' });
  });

  it('decodes MESSAGE given as bytes (invalid UTF-8, control characters) and escapes what a terminal would run', () => {
    const r = parseJournalJson(fixture('logs/journal-bytes.jsonl'), unit);
    expect(r.value.map((l) => l.message)).toEqual(['bad byte \uFFFD here', '\\e[31mred\\e]0;pwned\\x07 end']);
    expect(r.value.map((l) => l.priority)).toEqual([4, 3]);
    expectAllClean(r);
  });

  it('an entry without the usual fields, a too-large MESSAGE, a non-JSON line and journalctl notes', () => {
    const r = parseJournalJson('-- No entries --\n{}\n{"MESSAGE":null,"PRIORITY":"9","__REALTIME_TIMESTAMP":"x"}\nnot json\n', unit);
    expect(r.value).toEqual([
      { time: null, source: 'journal', target: 'broken.service', stream: null, priority: null, message: '' },
      { time: null, source: 'journal', target: 'broken.service', stream: null, priority: null, message: '[message too large]' },
    ]);
    expect(said(r.issues)).toEqual([{ line: 4, message: 'not a journal JSON entry: not json' }]);
  });
});

describe('Engine API logs (multiplexed frames)', () => {
  it('stdout and stderr in time order, escapes sanitized, the 16 KiB parts of a long line joined', () => {
    const r = parseDockerLogFrames(bytes('docker-frames.bin'), ctr, { tty: false, timestamps: true });
    expect(r.issues).toEqual([]);
    expect(r.value.map((l) => [l.stream, l.message.length > 60 ? `x * ${l.message.length}` : l.message])).toEqual([
      ['stderr', 'err one'],
      ['stderr', 'bad \uFFFD byte'],
      ['stdout', 'out one'],
      ['stdout', '\\e[2J\\e]0;pwned\\x07clear'],
      ['stdout', 'x * 20000'],
    ]);
    expect(r.value[0].time).toBe('2026-12-01T14:42:52.480743674Z');
    expectAllClean(r);
  });

  it('a TTY container: one raw stream without headers, CR LF line ends', () => {
    const r = parseDockerLogFrames(bytes('docker-tty.bin'), ctr, { tty: true, timestamps: true });
    expect(r.value.map((l) => [l.stream, l.message])).toEqual([
      ['stdout', 'tty out'],
      ['stdout', 'tty err'],
    ]);
  });

  it('a truncated frame keeps what arrived and says so', () => {
    const all = bytes('docker-frames.bin');
    const r = parseDockerLogFrames(all.subarray(0, 47 + 8 + 10), ctr, { tty: false, timestamps: false });
    expect(r.value.map((l) => l.message)).toEqual(['2026-12-01T14:42:52.480743674Z err one', '2026-12-01']);
    expect(said(r.issues)).toEqual([{ message: 'truncated frame: 44 bytes announced, 10 received' }]);
    expect(said(parseDockerLogFrames(all.subarray(0, 4), ctr, { tty: false, timestamps: true }).issues)[0].message).toMatch(/truncated frame header/);
  });
});

describe('docker logs --timestamps in the shell (stderr marked "E ")', () => {
  it('reads both streams, joins the split long line, sanitizes', () => {
    const r = parseDockerLogsText(fixture('logs/docker-cli.txt'), ctr).value;
    expect(r.errors).toEqual([]);
    expect(r.lines.map((l) => [l.stream, l.message.length > 60 ? `x * ${l.message.length}` : l.message])).toEqual([
      ['stderr', 'err one'],
      ['stderr', 'bad \uFFFD byte'],
      ['stdout', 'out one'],
      ['stdout', '\\e[2J\\e]0;pwned\\x07clear'],
      ['stdout', 'x * 20000'],
    ]);
    expectAllClean(r);
  });

  it("the docker CLI's own complaint is an error, not a log line", () => {
    expect(parseDockerLogsText(fixture('logs/docker-cli-missing.txt'), ctr).value).toEqual({ lines: [], errors: ['Error response from daemon: No such container: nosuch-ctr'] });
  });
});

describe('CRI log files', () => {
  it('joins partial records per stream, keeps a trailing partial, reports foreign lines', () => {
    const text = [
      '2026-12-01T14:00:00.000000001Z stdout P first half ',
      '2026-12-01T14:00:00.000000002Z stderr F an error \u001b[31mred',
      '2026-12-01T14:00:00.000000003Z stdout F second half',
      '2026-12-01T14:00:01Z stdout F ',
      'garbage',
      '2026-12-01T14:00:02Z stdout P cut',
    ].join('\n');
    const r = parseCriLog(text, { source: 'cri', target: 'kube-system/coredns' });
    expect(r.value.map((l) => [l.time, l.stream, l.message])).toEqual([
      ['2026-12-01T14:00:00.000000002Z', 'stderr', 'an error \\e[31mred'],
      ['2026-12-01T14:00:00.000000001Z', 'stdout', 'first half second half'],
      ['2026-12-01T14:00:01Z', 'stdout', ''],
      ['2026-12-01T14:00:02Z', 'stdout', 'cut'],
    ]);
    expect(said(r.issues)).toEqual([{ line: 5, message: 'not a CRI log line: garbage' }]);
  });
});

describe('a CRI log file written by a real runtime (podman k8s-file, conmon: test/fixtures/logs/cri/0.log)', () => {
  it('both streams, the offset times kept, 8 KiB partial records joined into the 20,000-byte line, escapes and invalid UTF-8 made harmless', () => {
    const r = parseCriLog(fixture('logs/cri/0.log'), { source: 'cri', target: 'pod/kube-system/coredns/coredns' });
    expect(r.issues).toEqual([]);
    expect(r.value.map((l) => [l.stream, l.message.length > 60 ? `x * ${l.message.length}` : l.message])).toEqual([
      ['stdout', 'coredns starting'],
      ['stdout', 'escape \\e[31mred\\e]0;pwned\\x07 end'],
      ['stdout', 'bad \uFFFD byte'],
      ['stderr', 'plugin/errors: 2 example.org. A: read udp: i/o timeout'],
      ['stdout', 'x * 20000'],
      ['stdout', 'after the long line'],
    ]);
    expect(r.value[0].time).toBe('2026-12-01T20:07:11.605033862+00:00');
    expectAllClean(r);
  });
});

describe('syslog files and dmesg', () => {
  it('RFC 3164, busybox facility.level and rsyslog high-precision lines', () => {
    const text = [
      'Dec  1 14:00:00 rancher dockerd[812]: level=error msg="x"',
      'Dec 11 09:05:07 rancher user.warn root: disk \u001b]0;t\u0007 low',
      '2026-12-01T14:00:00.123456+00:00 host kernel: eth0 up',
      'a continuation line',
    ].join('\n');
    expect(parseSyslog(text, { source: 'syslog', target: 'messages' }, 2026).value.map((l) => [l.time, l.stream, l.priority, l.message])).toEqual([
      ['2026-12-01T14:00:00', 'dockerd[812]', null, 'level=error msg="x"'],
      ['2026-12-11T09:05:07', 'root', 4, 'disk \\e]0;t\\x07 low'],
      ['2026-12-01T14:00:00.123456+00:00', 'kernel', null, 'eth0 up'],
      [null, null, null, 'a continuation line'],
    ]);
  });

  it('dmesg, plain and with -r priorities', () => {
    expect(parseDmesg('<3>[    1.5] oops\n[    2.0] plain\n', { source: 'dmesg', target: 'kernel' }).value.map((l) => [l.priority, l.message])).toEqual([
      [3, '[    1.5] oops'],
      [null, '[    2.0] plain'],
    ]);
  });
});
