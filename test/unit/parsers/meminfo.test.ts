import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { memoryFromMeminfo, parseMeminfo } from '../../../parsers/meminfo.js';
import { checkNeverThrows, fixture, probeSection, said } from './_support.js';

const KiB = 1024;

describe('parseMeminfo', () => {
  it('reads this machine\'s /proc/meminfo: kB fields in bytes, HugePages counts as counts', () => {
    const r = parseMeminfo(probeSection('local-dash.txt', 'meminfo'));
    expect(r.issues).toEqual([]);
    expect(r.value.MemTotal).toBe(24683656 * KiB);
    expect(r.value['Active(file)']).toBe(110512 * KiB);
    expect(r.value.VmallocTotal).toBe(34359738367 * KiB);
    expect(r.value.HugePages_Total).toBe(0);
    expect(r.value.Hugepagesize).toBe(2048 * KiB);
    expect(Object.keys(r.value)).toHaveLength(54);
  });

  it('reads the meminfo section of a recorded probe', () => {
    const r = parseMeminfo(probeSection('local-dash.txt', 'meminfo'));
    expect(r.issues).toEqual([]);
    expect(r.value.MemAvailable).toBe(24311548 * KiB);
  });

  it('reports unreadable lines by number and keeps the rest', () => {
    const r = parseMeminfo('MemTotal: 100 kB\nMemFree: lots kB\ngarbage\nCached: 5 MB\nBuffers: 1 kB\n');
    expect(r.value).toEqual({ MemTotal: 102400, Buffers: 1024 });
    expect(said(r.issues).map((i) => i.line)).toEqual([2, 3, 4]);
    expect(said(r.issues)[2].message).toBe('Cached: unknown unit MB');
  });

  it('never throws on random, binary and truncated input', () => {
    checkNeverThrows(parseMeminfo, [fixture('meminfo/local.txt')]);
  });
});

describe('memoryFromMeminfo', () => {
  it('computes what free shows from the recorded meminfo', () => {
    const r = memoryFromMeminfo(parseMeminfo(probeSection('local-dash.txt', 'meminfo')).value);
    expect(r.issues).toEqual([]);
    expect(r.value).toEqual({
      totalBytes: 24683656 * KiB,
      freeBytes: 24263892 * KiB,
      availableBytes: 24311548 * KiB,
      availableEstimated: false,
      usedBytes: (24683656 - 24311548) * KiB,
      buffersBytes: 4768 * KiB,
      cacheBytes: (220196 + 80692) * KiB,
      sharedBytes: 8952 * KiB,
      swapTotalBytes: 0,
      swapFreeBytes: 0,
    });
  });

  it('estimates available as MemFree on kernels without MemAvailable, and says so', () => {
    const r = memoryFromMeminfo(parseMeminfo(fixture('meminfo/no-memavailable.txt')).value);
    expect(r.value.availableEstimated).toBe(true);
    expect(r.value.availableBytes).toBe(r.value.freeBytes);
    expect(r.value.usedBytes).toBe(r.value.totalBytes - r.value.freeBytes);
    expect(said(r.issues)).toEqual([
      { message: 'MemAvailable missing (kernel older than 3.14): available memory estimated as MemFree, as procps-ng free does' },
    ]);
  });

  it('says when MemTotal is missing instead of inventing figures silently', () => {
    const r = memoryFromMeminfo(parseMeminfo('MemFree: 5 kB\n').value);
    expect(r.value.totalBytes).toBe(0);
    expect(r.value.usedBytes).toBe(0);
    expect(said(r.issues)[0].message).toBe('MemTotal missing from /proc/meminfo: memory figures are unknown');
  });
});
