import { describe, expect, it } from 'vitest';
import { parsePsi } from '../../../parsers/psi.js';
import { checkNeverThrows, fixture, probeSection, said } from './_support.js';

describe('parsePsi', () => {
  it('reads /proc/pressure/memory of this machine (idle)', () => {
    const r = parsePsi(fixture('psi/local.txt'));
    expect(r.issues).toEqual([]);
    expect(r.value).toEqual({
      some: { avg10: 0, avg60: 0, avg300: 0, totalUs: 0 },
      full: { avg10: 0, avg60: 0, avg300: 0, totalUs: 0 },
    });
  });

  it('reads /proc/pressure/cpu and io of this machine under load (8 helpers on 2 cores)', () => {
    const cpu = parsePsi(fixture('psi/debian12-cpu-loaded.txt'));
    expect(cpu.issues).toEqual([]);
    expect(cpu.value.some).toEqual({ avg10: 55.97, avg60: 46.53, avg300: 20.04, totalUs: 79418670 });
    const io = parsePsi(fixture('psi/debian12-io.txt'));
    expect(io.issues).toEqual([]);
    expect(io.value.full).toEqual({ avg10: 0, avg60: 0.34, avg300: 0.66, totalUs: 4285510 });
  });

  it('reads the psi-memory section of a recorded probe', () => {
    expect(parsePsi(probeSection('local-dash.txt', 'psi-memory')).issues).toEqual([]);
  });

  // Hand-derived from the real line format with a stalled system's figures.
  it('reads a host under memory pressure', () => {
    const r = parsePsi('some avg10=12.34 avg60=5.01 avg300=0.87 total=123456789\nfull avg10=3.10 avg60=1.00 avg300=0.20 total=45678901\n');
    expect(r.value.some).toEqual({ avg10: 12.34, avg60: 5.01, avg300: 0.87, totalUs: 123456789 });
    expect(r.value.full?.totalUs).toBe(45678901);
  });

  it('full is null when the kernel prints only "some" (CPU pressure on older kernels)', () => {
    const r = parsePsi('some avg10=0.00 avg60=0.00 avg300=0.00 total=0\n');
    expect(r.issues).toEqual([]);
    expect(r.value.full).toBeNull();
  });

  it('reports bad lines by number and says when "some" is missing', () => {
    const r = parsePsi('full avg10=x avg60=0.00 avg300=0.00 total=0\nnonsense\n');
    expect(said(r.issues).map((i) => i.line)).toEqual([1, 2, undefined]);
    expect(said(r.issues)[2].message).toBe('no "some" line: pressure unknown');
  });

  it('never throws on random, binary and truncated input', () => {
    checkNeverThrows(parsePsi, [fixture('psi/local.txt')]);
  });
});
