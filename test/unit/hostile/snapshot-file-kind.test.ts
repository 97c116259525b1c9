import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_SNAPSHOT_BYTES } from '../../../src/snapshot/file.js';
import { cosi } from '../../support/cli.js';

// `cosi open` and `screenshot --snapshot` read files a user was handed. Before the fix a FIFO hung
// `open` forever (cosi's 60 s spawn timeout killed it: status null) and /dev/zero read 630 MB first.
const dir = mkdtempSync(join(tmpdir(), 'cosi-kind-'));
const fifo = join(dir, 'node.cosi.json');
execFileSync('mkfifo', [fifo]);
const huge = join(dir, 'huge.cosi.json');
const fd = openSync(huge, 'w');
ftruncateSync(fd, MAX_SNAPSHOT_BYTES + 1); // sparse: no disk used
closeSync(fd);

const cases: [string, string, RegExp][] = [
  ['a FIFO', fifo, /node\.cosi\.json: not a regular file \(a FIFO\); a snapshot is a file written by cosi snapshot -o$/],
  ['/dev/zero', '/dev/zero', /^cosi: \/dev\/zero: not a regular file \(a character device\); a snapshot is a file written by cosi snapshot -o$/],
  ['a directory', dir, /: not a regular file \(a directory\); a snapshot is a file written by cosi snapshot -o$/],
  ['a file over the size limit', huge, /huge\.cosi\.json: 256\.0 MiB is more than a snapshot can be \(256 MiB\)$/],
];

describe('snapshot files that are not snapshots', () => {
  it.each(cases)('`cosi open --json` refuses %s at once, with one line', (_name, path, message) => {
    const r = cosi(['open', path, '--json']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toMatch(message);
  });

  it.each(cases)('`cosi screenshot --snapshot` refuses %s at once, with one line', (_name, path, message) => {
    const r = cosi(['screenshot', '--snapshot', path, '-o', join(dir, 'out.txt')]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toMatch(message);
  });
});
