import { describe, expect, it } from 'vitest';
import { parseDf } from '../../../parsers/df.js';
import { parsePs } from '../../../parsers/ps.js';
import { fixture, said } from './_support.js';

describe('busybox ps', () => {
  const r = parsePs(fixture('ps/busybox.txt'));

  // busybox prints "{comm} argv" when argv[0] is not the task name (a script run by /bin/sh).
  it('drops its {comm} decoration from the command line, with the -o comm,args columns', () => {
    expect(r.value.find((p) => p.pid === 762)).toMatchObject({ comm: 'rsyslogd', args: '/bin/sh /usr/libexec/ros/rsyslogd -n' });
  });

  it('and in plain `ps` (no comm column), where the braces are the comm', () => {
    const plain = parsePs(fixture('ps/busybox-plain.txt'));
    expect(plain.value.find((p) => p.pid === 762)).toMatchObject({ comm: 'rsyslogd', args: '/bin/sh /usr/libexec/ros/rsyslogd -n' });
    expect(plain.value.find((p) => p.pid === 2)).toMatchObject({ comm: 'kthreadd', args: '[kthreadd]' });
  });
});

describe('ps rows and headers', () => {
  it('a row cut before COMMAND is reported', () => {
    const text = ['@format busybox', 'PID   PPID  USER     RSS  STAT COMMAND          COMMAND', '    1     0 root      12m S<   init             /sbin/init', '   77     1 root     1520 S    '].join('\n');
    const r = parsePs(text);
    expect(said(r.issues)).toEqual([{ line: 4, message: 'process 77: ps line cut before COMMAND' }]);
  });

  it('finds the header below a few lines of noise, and says they were skipped', () => {
    const ps = fixture('ps/procps.txt').split('\n');
    const noise = ['@format procps', 'ps: warning: bad locale', 'Welcome to node-7', ''];
    const r = parsePs([...noise, ...ps.slice(1)].join('\n'));
    const clean = parsePs(fixture('ps/procps.txt'));
    expect(r.value).toEqual(clean.value);
    expect(said(r.issues)).toEqual([{ line: 2, message: '2 lines before the ps header skipped: "ps: warning: bad locale"' }, ...said(clean.issues).map((i) => ({ ...i, line: i.line === undefined ? undefined : i.line + 3 }))]);
  });
});

describe('df -T', () => {
  it.each(['local-T.txt', 'local-hT.txt', 'busybox-T.txt'])('%s: the Type column is not glued to the source', (f) => {
    const plain = parseDf(fixture('df/local-kP.txt')).value;
    const r = parseDf(fixture(`df/${f}`));
    expect(r.issues).toEqual([]);
    expect(r.value.find((d) => d.target === '/')).toMatchObject({ source: '/dev/vda' });
    expect(r.value.find((d) => d.target === '/mnt/sandboxing/model_tools_env/v1/python')).toMatchObject({ source: 'model_tools_unavailable' });
    expect(r.value.find((d) => d.target === '/dev')).toMatchObject({ source: 'devtmpfs' });
    expect(plain.find((d) => d.target === '/dev')?.source).toBe('devtmpfs');
  });
});
