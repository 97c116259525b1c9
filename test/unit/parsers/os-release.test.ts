import { describe, expect, it } from 'vitest';
import { parseOsRelease } from '../../../parsers/os-release.js';
import { checkNeverThrows, fixture, probeSection, said } from './_support.js';

describe('parseOsRelease', () => {
  it('reads this machine\'s /etc/os-release (Debian 12)', () => {
    const r = parseOsRelease(fixture('os-release/debian12.txt'));
    expect(r.issues).toEqual([]);
    expect(r.value.PRETTY_NAME).toBe('Debian GNU/Linux 12 (bookworm)');
    expect(r.value.ID).toBe('debian');
    expect(r.value.VERSION_ID).toBe('12');
    expect(r.value.HOME_URL).toBe('https://www.debian.org/');
  });

  it('reads the os-release section of a recorded probe', () => {
    const r = parseOsRelease(probeSection('local-busybox.txt', 'os-release'));
    expect(r.issues).toEqual([]);
    expect(r.value.VERSION_CODENAME).toBe('bookworm');
  });

  // Seed transcript (seed/000_97c8c9881bdbfa69.txt): `cat /etc/os-release` on Photon OS 3, CoreOS 2303 and RancherOS 1.5.5.
  it('reads the seed\'s Photon OS, CoreOS and RancherOS files', () => {
    const photon = parseOsRelease(fixture('os-release/seed-photon.txt'));
    expect(photon.issues).toEqual([]);
    expect(photon.value).toMatchObject({ NAME: 'VMware Photon OS', ID: 'photon', VERSION_ID: '3.0', ANSI_COLOR: '1;34' });
    const coreos = parseOsRelease(fixture('os-release/seed-coreos.txt'));
    expect(coreos.value).toMatchObject({ ID: 'coreos', VERSION: '2303.3.0', PRETTY_NAME: 'Container Linux by CoreOS 2303.3.0 (Rhyolite)', COREOS_BOARD: 'amd64-usr' });
    const ros = parseOsRelease(fixture('os-release/seed-rancheros.txt'));
    expect(ros.issues).toEqual([]);
    expect(ros.value).toMatchObject({ NAME: 'RancherOS', VERSION: 'v1.5.5', ID_LIKE: '', BUILD_ID: '' });
  });

  it('undoes shell quoting and escapes, skips comments and blank lines', () => {
    const r = parseOsRelease(
      [
        '# a comment',
        '',
        `A='single $quoted "text"'`,
        'B="double \\"quoted\\" \\$HOME \\\\ \\`x\\` \\n"',
        'C=un\\ quoted',
        'D="mixed"\'parts\'',
        'E=value # trailing comment',
        '  F="indented"',
      ].join('\n'),
    );
    expect(r.issues).toEqual([]);
    expect(r.value).toEqual({
      A: 'single $quoted "text"',
      B: 'double "quoted" $HOME \\ `x` \\n',
      C: 'un quoted',
      D: 'mixedparts',
      E: 'value',
      F: 'indented',
    });
  });

  it('reports bad lines with their line number and keeps the rest', () => {
    const r = parseOsRelease('ID=debian\nthis is not an assignment\nNAME="unterminated\n9KEY=x\nVERSION=1 2\n');
    expect(r.value.ID).toBe('debian');
    expect(r.value.NAME).toBe('unterminated');
    expect(r.value.VERSION).toBe('1');
    expect(said(r.issues).map((i) => i.line)).toEqual([2, 3, 4, 5]);
    expect(said(r.issues)[1].message).toContain('unterminated double quote');
  });

  it('turns terminal controls in values into visible escapes', () => {
    const r = parseOsRelease('PRETTY_NAME="\u001b]0;pwned\u0007Evil\u001b[2J"\n');
    expect(r.value.PRETTY_NAME).toBe('\\e]0;pwned\\x07Evil\\e[2J');
  });

  it('a key named __proto__ is just a key', () => {
    const r = parseOsRelease('__proto__=x\nID=a\n');
    expect(r.value.ID).toBe('a');
    expect(Object.keys(r.value)).toEqual(['__proto__', 'ID']);
  });

  it('never throws on random, binary and truncated input', () => {
    checkNeverThrows(parseOsRelease, [fixture('os-release/debian12.txt'), fixture('os-release/seed-coreos.txt')]);
  });
});
