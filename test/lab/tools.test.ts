// Live comparisons with this machine's own tools and state: what the unit tests must not
// depend on (PID 1, the mount table, memory that moves). The lab owns the machine (root, CI).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { memoryFromMeminfo, parseMeminfo } from '../../parsers/meminfo.js';
import { parseMountinfo } from '../../parsers/mountinfo.js';
import { sanitize } from '../../parsers/sanitize.js';
import { buildModel } from '../../src/model/build.js';
import { ChildShellChannel } from '../../src/transport/child-shell.js';
import { ProbeTransport } from '../../src/transport/probe-transport.js';
import { asFreeColumns, freeColumns } from '../support/free.js';

const hasProcps4 = /procps-ng 4\./.test(spawnSync('free', ['-V'], { encoding: 'utf8' }).stdout ?? '');

it.runIf(hasProcps4)('meminfo agrees exactly with free -b run on this machine at the same moment', () => {
  const fields = ['MemTotal', 'MemFree', 'MemAvailable', 'Buffers', 'Cached', 'SReclaimable', 'Shmem', 'SwapTotal', 'SwapFree'];
  const relevant = (t: string) => {
    const v = parseMeminfo(t).value;
    return fields.map((k) => v[k]).join(',');
  };
  // Memory moves all the time: retry until the fields free uses did not change around the free run.
  for (let attempt = 0; attempt < 50; attempt++) {
    const before = readFileSync('/proc/meminfo', 'utf8');
    const out = spawnSync('free', ['-b', '-w'], { encoding: 'utf8' }).stdout;
    const after = readFileSync('/proc/meminfo', 'utf8');
    if (relevant(before) !== relevant(after)) continue;
    const ours = memoryFromMeminfo(parseMeminfo(before).value).value;
    expect(asFreeColumns(ours)).toEqual(freeColumns(out));
    return;
  }
  expect.fail('memory figures changed during every one of 50 free runs');
});

describe('the probe run on this machine (--local) says what the machine is', () => {
  it('systemd section present exactly when PID 1 is systemd; MemTotal and PID 1 as /proc says', async () => {
    const t = new ProbeTransport(new ChildShellChannel({ kind: 'local', label: 'local' }, '/bin/sh', []), { timeoutMs: 60_000 });
    try {
      const raw = await t.collect();
      const comm = readFileSync('/proc/1/comm', 'utf8').trim();
      expect(raw.sections.systemd.rc === 127, `PID 1 is ${comm}`).toBe(comm !== 'systemd');
      const m = buildModel(raw);
      const total = Number(/^MemTotal:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'))![1]) * 1024;
      expect(m.memory?.totalBytes).toBe(total);
      expect(m.identity.initComm).toBe(comm);
    } finally {
      await t.close();
    }
  });
});

const canUnshare =
  spawnSync('unshare', ['-m', '--propagation', 'private', 'true']).status === 0 && spawnSync('findmnt', ['-V']).status === 0;

// The same namespace read by cosi and by util-linux findmnt, with escapes, propagation and a deleted bind source.
// The namespace starts as a copy of this machine's mount table: it belongs here, where the lab owns the machine.
describe.runIf(canUnshare)('agrees with findmnt on a live mount namespace', () => {
  it('same ids, parents, targets, types, roots', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cosi-mountinfo-'));
    const script = `set -e
cd "$1"
mkdir "with space" "tab	here" "back\\\\slash" shared slave
mount -t tmpfs "src with space" "with space"
mount -t tmpfs tabsrc "tab	here"
mount -t tmpfs bs "back\\\\slash"
mount -t tmpfs shsrc shared; mount --make-shared shared
mount --bind shared slave; mount --make-slave slave
echo hi > shared/file; touch shared/target; mount --bind shared/file shared/target; rm shared/file
cat /proc/self/mountinfo; echo @@FINDMNT
findmnt -J -l -o ID,PARENT,TARGET,FSTYPE,FSROOT`;
    // The namespace and its mounts end with the shell; only the empty directories remain.
    const r = spawnSync('unshare', ['-m', '--propagation', 'private', 'sh', '-c', script, 'sh', dir], { encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    expect(r.status, r.stderr).toBe(0);
    const [mountinfo, json] = r.stdout.split('@@FINDMNT\n');
    const ours = parseMountinfo(mountinfo);
    expect(ours.issues).toEqual([]);
    const theirs = (JSON.parse(json) as { filesystems: { id: number; parent: number; target: string; fstype: string; fsroot: string }[] })
      .filesystems;
    expect(ours.value.map((m) => ({ id: m.id, parent: m.parentId, target: m.target, fstype: m.fstype, fsroot: m.deleted ? `${m.root}//deleted` : m.root })))
      .toEqual(theirs.map((f) => ({ id: f.id, parent: f.parent, target: sanitize(f.target.replace(/\\/g, '\\\\')), fstype: f.fstype, fsroot: f.fsroot })));
    expect(ours.value.filter((m) => m.deleted)).toHaveLength(2);
    expect(ours.value.some((m) => m.target.endsWith('/back\\\\slash'))).toBe(true);
  });
});

// Root with mount namespaces: the real `free` can be shown any meminfo file by bind-mounting it over /proc/meminfo.
const canFakeMeminfo =
  hasProcps4 &&
  spawnSync('unshare', ['-m', 'sh', '-c', 'mount --bind /proc/meminfo /proc/meminfo'], { encoding: 'utf8' }).status === 0;

function realFreeOn(file: string): string {
  const r = spawnSync('unshare', ['-m', 'sh', '-c', 'mount --bind "$1" /proc/meminfo && free -b -w', 'sh', file], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

describe.runIf(canFakeMeminfo)('agrees exactly with the real procps-ng 4 free -b shown the same meminfo', () => {
  for (const name of ['local.txt', 'no-memavailable.txt', 'available-over-total.txt']) {
    it(name, () => {
      const file = fileURLToPath(new URL(`../fixtures/meminfo/${name}`, import.meta.url));
      const ours = memoryFromMeminfo(parseMeminfo(readFileSync(file, 'utf8')).value).value;
      expect(asFreeColumns(ours)).toEqual(freeColumns(realFreeOn(file)));
    });
  }
});
