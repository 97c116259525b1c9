import { describe, expect, it } from 'vitest';
import { parsePs, type PsEntry } from '../../../parsers/ps.js';
import { checkNeverThrows, expectAllClean, fixture, probeSection, said } from './_support.js';

// Fixtures captured on this machine (Debian 12, procps-ng 4.0.2, BusyBox 1.35.0)
// with three extra processes started for the edge cases: a copy of sleep named
// "a b) c" (comm with spaces and a parenthesis), one named "e<ESC>[1mx"
// (terminal escape in comm), a copy named "héllo wörld" (multibyte, busybox pads it by bytes), a node process holding 1.5 GB (busybox prints
// its RSS as "1.4g"; procps's RSS overflows its column), and sleep as uid 12345.
const procps = fixture('ps/procps.txt');
const busybox = fixture('ps/busybox.txt');
const stat = fixture('ps/stat.txt');

const byPid = (list: PsEntry[], pid: number): PsEntry => {
  const e = list.find((p) => p.pid === pid);
  if (!e) throw new Error(`no process ${pid}`);
  return e;
};
const dataLines = (text: string): number => text.split('\n').filter((l) => /^\s*\d/.test(l)).length;

describe('parsePs, procps format', () => {
  const r = parsePs(procps);

  it('reads every process line without issues', () => {
    expect(r.issues).toEqual([]);
    expect(r.value).toHaveLength(dataLines(procps));
  });

  it('reads pid 1 with its command line', () => {
    const p = byPid(r.value, 1);
    expect(p).toMatchObject({ ppid: 0, user: 'root', rssBytes: 12524 * 1024, state: 'S<Ll', start: '955', comm: 'process_api' });
    expect(p.args.startsWith('/process_api --firecracker-init')).toBe(true);
  });

  it('keeps a comm with spaces and a parenthesis whole, apart from the args', () => {
    expect(byPid(r.value, 10812)).toMatchObject({ comm: 'a b) c', args: '/tmp/pb/bin/a b) c 3000', rssBytes: 1772 * 1024, start: '506' });
  });

  it('reads a comm with multibyte characters and a space', () => {
    expect(byPid(r.value, 21020)).toMatchObject({ comm: 'héllo wörld', args: '/tmp/pb/bin/héllo wörld 3000' });
  });

  it('reads the line whose RSS overflowed its column', () => {
    expect(byPid(r.value, 21633)).toMatchObject({ rssBytes: 1507084 * 1024, state: 'Sl', start: '10', comm: 'node' });
    expect(byPid(r.value, 21633).args).toBe('node -e const b=Buffer.alloc(1.5e9,1); console.log("ok"); setTimeout(()=>{},3000e3)');
  });

  it('keeps numeric users, kernel threads and zombies', () => {
    expect(byPid(r.value, 10814).user).toBe('12345');
    expect(byPid(r.value, 2)).toMatchObject({ comm: 'kthreadd', args: '[kthreadd]', rssBytes: 0, ppid: 0 });
    expect(byPid(r.value, 50).comm).toBe('irq/24-ACPI:Ged');
    expect(byPid(r.value, 1078).comm).toBe('memfd:sealed-91');
  });

  it('reads the real probe section recorded under dash', () => {
    const text = probeSection('local-dash.txt', 'processes');
    const s = parsePs(text);
    expect(s.issues).toEqual([]);
    expect(s.value).toHaveLength(dataLines(text));
    expect(byPid(s.value, 4396)).toMatchObject({ comm: 'head', args: 'head -c 16777217', rssBytes: 1704 * 1024, start: '0' });
    expect(byPid(s.value, 4260)).toMatchObject({ state: 'Z', args: '[esbuild] <defunct>' });
  });

  it('reads the same output without its @format line (header sniffing)', () => {
    const plain = procps.slice(procps.indexOf('\n') + 1);
    expect(parsePs(plain)).toEqual(r);
  });
});

describe('parsePs, busybox format', () => {
  const r = parsePs(busybox);

  it('reads every process line without issues', () => {
    expect(r.issues).toEqual([]);
    expect(r.value).toHaveLength(dataLines(busybox));
  });

  it('reads busybox RSS suffixes in binary units', () => {
    expect(byPid(r.value, 1).rssBytes).toBe(12 * 1024 * 1024);
    expect(byPid(r.value, 21633).rssBytes).toBe(Math.round(1.4 * 1024 ** 3));
    expect(byPid(r.value, 1079).rssBytes).toBe(4320 * 1024);
  });

  it('keeps comm with spaces, and escapes the terminal escape in comm and args', () => {
    expect(byPid(r.value, 10812)).toMatchObject({ comm: 'a b) c', args: '/tmp/pb/bin/a b) c 3000', state: 'S', start: '' });
    expect(byPid(r.value, 10813)).toMatchObject({ comm: 'e\\e[1mx', args: '/tmp/pb/bin/e [1mx 3000' });
    expectAllClean(r);
  });

  it('reads a multibyte comm that busybox padded by bytes, not characters', () => {
    expect(byPid(r.value, 21020)).toMatchObject({ comm: 'héllo wörld', args: '/tmp/pb/bin/héllo wörld 3000' });
  });

  it('reads the real probe section recorded under busybox sh', () => {
    const text = probeSection('local-busybox.txt', 'processes');
    const s = parsePs(text);
    expect(s.issues).toEqual([]);
    expect(s.value).toHaveLength(dataLines(text));
    expect(byPid(s.value, 3)).toMatchObject({ comm: 'pool_workqueue_', args: '[pool_workqueue_]', state: 'SW' });
  });

  it('follows a line shifted right by a pid wider than its column', () => {
    // busybox pads after each value, so an overflow shifts the rest of the line (constructed line).
    const text = `@format busybox\nPID   PPID  USER     RSS  STAT COMMAND          COMMAND\n123456     1 root     1664 S    a b) c           /tmp/x y\n`;
    expect(parsePs(text).value).toEqual([
      { pid: 123456, ppid: 1, user: 'root', rssBytes: 1664 * 1024, state: 'S', start: '', comm: 'a b) c', args: '/tmp/x y' },
    ]);
  });
});

describe('parsePs, /proc/<pid>/stat format', () => {
  const r = parsePs(stat);

  it('reads every stat line', () => {
    expect(r.issues).toEqual([]);
    expect(r.value).toHaveLength(stat.trim().split('\n').length - 1);
  });

  it('takes comm up to the LAST ")" and rss from field 24 in pages', () => {
    expect(byPid(r.value, 10812)).toEqual({ pid: 10812, ppid: 1, user: '', rssBytes: 416 * 4096, state: 'S', start: '', comm: 'a b) c', args: '' });
    expect(byPid(r.value, 10813).comm).toBe('e\\e[1mx');
    expect(byPid(r.value, 21020).comm).toBe('héllo wörld');
    expect(byPid(r.value, 21633).rssBytes).toBe(376731 * 4096);
  });

  it('is recognised without the @format line', () => {
    expect(parsePs(stat.slice(stat.indexOf('\n') + 1)).value).toEqual(r.value);
  });

  it('reports a cut-short line and goes on', () => {
    const s = parsePs('@format stat\n7 (sh) S 1 7 7 0\nnot a stat line\n8 (x) R 7 8 8 0 -1 4194304 1 0 0 0 0 0 0 0 20 0 1 0 5 100 3 0\n');
    expect(s.value.map((p) => [p.pid, p.rssBytes])).toEqual([
      [7, null],
      [8, 3 * 4096],
    ]);
    expect(said(s.issues)).toEqual([
      { line: 2, message: 'process 7: no resident size in its stat line' },
      { line: 3, message: 'not a /proc/<pid>/stat line: "not a stat line"' },
    ]);
  });
});

describe('parsePs, other ps outputs and bad input', () => {
  it('reads plain procps `ps` and busybox `ps` by their headers', () => {
    const a = parsePs(fixture('ps/procps-plain.txt'));
    expect(byPid(a.value, 2)).toMatchObject({ comm: 'kthreadd', ppid: 0, rssBytes: null });
    expect(said(a.issues)).toEqual([{ line: 1, message: 'ps printed no PPID column: parent processes are unknown' }]);
    const b = parsePs(fixture('ps/busybox-plain.txt'));
    expect(byPid(b.value, 10814)).toMatchObject({ user: '12345', comm: 'sleep', args: 'sleep 3000' });
    expect(byPid(b.value, 2)).toMatchObject({ comm: 'kthreadd', args: '[kthreadd]' });
  });

  it('uses the declared columns when the header line is missing', () => {
    const body = procps.split('\n').slice(2).join('\n');
    const r = parsePs(`@format procps\n${body}`);
    expect(said(r.issues)).toEqual([{ line: 2, message: 'no ps header line; assuming the procps columns' }]);
    expect(byPid(r.value, 10812).comm).toBe('a b) c');
  });

  it('turns bad lines into issues with line numbers and keeps the rest', () => {
    const text = `@format procps\n  PID  PPID USER RSS STAT ELAPSED COMMAND          COMMAND\n    1     0 root 12 S 9 init             /sbin/init\nabc def\n   x     1 root 3 S 1 sh               sh\n    5     1 root 12k S 9 top              top\n`;
    const r = parsePs(text);
    expect(r.value.map((p) => p.pid)).toEqual([1, 5]);
    expect(r.value[1]!.rssBytes).toBe(12 * 1024);
    expect(said(r.issues)).toEqual([
      { line: 4, message: 'ps line has 2 of 6 columns: "abc def"' },
      { line: 5, message: 'ps line without a numeric pid/ppid: "   x     1 root 3 S 1 sh               sh"' },
    ]);
  });

  it('says so when there is no process list at all', () => {
    expect(parsePs('')).toEqual({ value: [], issues: [] });
    const r = parsePs('hello\nworld\n');
    expect(r.value).toEqual([]);
    expect(said(r.issues)).toEqual([{ line: 1, message: 'no ps header line (expected one naming PID): process list not read' }]);
  });

  it('never throws and returns only sanitized strings on random input', () => {
    checkNeverThrows(parsePs, [procps, busybox, stat]);
  });
});
