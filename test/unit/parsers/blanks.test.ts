import { describe, expect, it } from 'vitest';
import { firstNonBlank } from '../../../parsers/blanks.js';
import { fixture } from './_support.js';

/** The lines of a recorded capture (test/fixtures), by their start. */
const lineOf = (file: string, start: RegExp) => fixture(file).split('\n').find((l) => start.test(l))!;

describe('firstNonBlank: where the next column starts (one helper for ps and systemctl)', () => {
  it('systemctl on Debian 12: after SUB, the description', () => {
    const line = lineOf('systemctl/debian12-plain.txt', /^home\.mount /);
    const afterSub = line.indexOf(' dead') + ' dead'.length;
    expect(line.slice(firstNonBlank(line, afterSub))).toBe('home.mount');
  });

  it('procps-ng ps: after STAT, ELAPSED; after comm, the command line', () => {
    const line = lineOf('ps/procps.txt', /^\s+1\s+0 /);
    const afterStat = line.indexOf('S<Ll') + 4;
    expect(line.slice(firstNonBlank(line, afterStat)).split(' ')[0]).toBe('955');
    const afterComm = line.indexOf('process_api') + 'process_api'.length;
    expect(line.slice(firstNonBlank(line, afterComm))).toMatch(/^\/process_api --firecracker-init/);
  });

  it('busybox ps: after the leading padding, the PID', () => {
    const line = lineOf('ps/busybox.txt', /^\s+1 /);
    expect(line.slice(firstNonBlank(line, 0))).toMatch(/^1 /);
  });

  it('a tab is a blank too; at the end of the line it is the length', () => {
    expect(firstNonBlank('a \t b', 1)).toBe(4);
    expect(firstNonBlank('a   ', 1)).toBe(4);
    expect(firstNonBlank('abc', 5)).toBe(5);
  });
});
