import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseFree } from '../../../parsers/free.js';
import { memoryFromMeminfo, parseMeminfo } from '../../../parsers/meminfo.js';
import { checkNeverThrows, fixture } from './_support.js';

const KiB = 1024;
const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

describe('parseFree', () => {
  it('reads procps-ng 4 `free` (KiB) captured on this machine', () => {
    const r = parseFree(fixture('free/local.txt'));
    expect(r.issues).toEqual([]);
    expect(r.value).toEqual({
      totalBytes: 24683656 * KiB,
      freeBytes: 22247064 * KiB,
      availableBytes: 22619660 * KiB,
      availableEstimated: false,
      usedBytes: (24683656 - 22619660) * KiB,
      buffersBytes: 0,
      cacheBytes: 638136 * KiB,
      sharedBytes: 11040 * KiB,
      swapTotalBytes: 0,
      swapFreeBytes: 0,
    });
  });

  it('`free -w` splits buffers from cache; the sum matches buff/cache of the same moment', () => {
    const wide = parseFree(fixture('free/local-w.txt')).value;
    const plain = parseFree(fixture('free/local.txt')).value;
    expect(wide.buffersBytes).toBe(6104 * KiB);
    expect(wide.cacheBytes).toBe(632032 * KiB);
    expect(wide.buffersBytes + wide.cacheBytes).toBe(plain.cacheBytes);
    expect(wide.usedBytes).toBe(plain.usedBytes);
  });

  it('reads `free -b` and `free -m` with the unit they were run with', () => {
    expect(parseFree(fixture('free/local-b.txt'), 'b').value.totalBytes).toBe(25276063744);
    const m = parseFree(fixture('free/local-m.txt'), 'm').value;
    expect(m.totalBytes).toBe(24105 * MiB);
    expect(m.availableBytes).toBe(22089 * MiB);
  });

  it('reads `free -h` units (23Gi, 2.0Gi, 10Mi, 0B)', () => {
    const r = parseFree(fixture('free/local-h.txt'));
    expect(r.issues).toEqual([]);
    expect(r.value.totalBytes).toBe(23 * GiB);
    expect(r.value.sharedBytes).toBe(10 * MiB);
    expect(r.value.cacheBytes).toBe(623 * MiB);
    expect(r.value.swapTotalBytes).toBe(0);
  });

  // Seed transcript (seed/000_97c8c9881bdbfa69.txt), column alignment lost in the page: `free -h` on Photon OS 3 and CoreOS 2303.
  it('reads the seed\'s unaligned `free -h` from Photon OS and CoreOS', () => {
    const photon = parseFree(fixture('free/seed-photon-h.txt'));
    expect(photon.issues).toEqual([]);
    expect(photon.value).toMatchObject({
      totalBytes: 2 * GiB,
      freeBytes: Math.round(1.8 * GiB),
      availableBytes: Math.round(1.8 * GiB),
      sharedBytes: 0,
      cacheBytes: 93 * MiB,
      swapTotalBytes: 0,
    });
    const coreos = parseFree(fixture('free/seed-coreos-h.txt'));
    expect(coreos.issues).toEqual([]);
    // CoreOS's procps 3.3 printed used = total - free - buff/cache (177Mi); cosi's used is total - available.
    expect(coreos.value).toMatchObject({ totalBytes: 961 * MiB, sharedBytes: 199 * MiB, availableBytes: 445 * MiB, usedBytes: (961 - 445) * MiB });
  });

  // Seed transcript: `free -m` in the RancherOS console (old procps layout with `-/+ buffers/cache:`).
  it('reads the seed\'s old RancherOS layout and says that available was estimated', () => {
    const r = parseFree(fixture('free/seed-rancheros-m.txt'), 'm');
    expect(r.value).toEqual({
      totalBytes: 3947 * MiB,
      freeBytes: 2722 * MiB,
      availableBytes: 2722 * MiB,
      availableEstimated: true,
      usedBytes: (3947 - 2722) * MiB,
      buffersBytes: 0,
      cacheBytes: 993 * MiB,
      sharedBytes: 993 * MiB,
      swapTotalBytes: 0,
      swapFreeBytes: 0,
    });
    expect(r.issues).toEqual([
      { message: 'free printed no "available" column (old layout): available memory estimated as free, as procps-ng free does' },
    ]);
  });

  it('reads busybox free, which prints available 0 and a -/+ line when the kernel has no MemAvailable', () => {
    const ok = parseFree(fixture('free/busybox.txt'));
    expect(ok.issues).toEqual([]);
    expect(ok.value.availableBytes).toBe(22619324 * KiB);
    const old = parseFree(fixture('free/busybox-no-memavailable.txt'));
    expect(old.value.availableEstimated).toBe(true);
    expect(old.value.availableBytes).toBe(22246728 * KiB);
    expect(old.issues).toHaveLength(1);
  });

  it('reads swap figures', () => {
    const r = parseFree('              total        used        free      shared  buff/cache   available\nMem:        1000         100         500           0         400         800\nSwap:       2097148      524288     1572860\n');
    expect(r.value.swapTotalBytes).toBe(2097148 * KiB);
    expect(r.value.swapFreeBytes).toBe(1572860 * KiB);
  });

  it('reports unreadable lines by number and says when there is no Mem: line', () => {
    const r = parseFree('total used free\nMem: 1 two 3\nhello\n');
    expect(r.issues.map((i) => i.line)).toEqual([2, 3, undefined]);
    expect(r.issues[0].message).toBe('Mem: value not readable: two');
    expect(r.issues[2].message).toBe('no "Mem:" line: memory figures are unknown');
  });

  it('never throws on random, binary and truncated input', () => {
    checkNeverThrows((t) => parseFree(t), [fixture('free/local.txt'), fixture('free/seed-rancheros-m.txt'), fixture('free/local-h.txt')]);
  });
});

const freeVersion = spawnSync('free', ['-V'], { encoding: 'utf8' }).stdout ?? '';
const canFakeMeminfo =
  /procps-ng 4\./.test(freeVersion) &&
  spawnSync('unshare', ['-m', 'sh', '-c', 'mount --bind /proc/meminfo /proc/meminfo'], { encoding: 'utf8' }).status === 0;

// Root with mount namespaces: the real free (procps and busybox) reads a recorded meminfo bound over /proc/meminfo.
describe.runIf(canFakeMeminfo)('free output read back gives the figures meminfo gives', () => {
  const file = fileURLToPath(new URL('../../fixtures/meminfo/local.txt', import.meta.url));
  const fromMeminfo = memoryFromMeminfo(parseMeminfo(readFileSync(file, 'utf8')).value).value;
  const run = (cmd: string) => {
    const r = spawnSync('unshare', ['-m', 'sh', '-c', `mount --bind "$1" /proc/meminfo && ${cmd}`, 'sh', file], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    return r.stdout;
  };

  it('free -b -w: exactly', () => {
    expect(parseFree(run('free -b -w'), 'b').value).toEqual(fromMeminfo);
  });

  it('free -m: within a MiB', () => {
    const m = parseFree(run('free -m'), 'm').value;
    expect(Math.abs(m.totalBytes - fromMeminfo.totalBytes)).toBeLessThan(MiB);
    expect(Math.abs(m.availableBytes - fromMeminfo.availableBytes)).toBeLessThan(MiB);
  });

  // busybox takes free/shared/buffers from sysinfo(2), which the bind mount does not fake: compare what it reads from meminfo.
  it.runIf(spawnSync('busybox', ['true']).status === 0)('busybox free: total, available and used exactly', () => {
    const b = parseFree(run('busybox free'), 'k').value;
    expect(b.totalBytes).toBe(fromMeminfo.totalBytes);
    expect(b.availableBytes).toBe(fromMeminfo.availableBytes);
    expect(b.usedBytes).toBe(fromMeminfo.usedBytes);
  });
});
