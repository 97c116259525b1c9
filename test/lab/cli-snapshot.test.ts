// cosi snapshot --local on this machine: its figures against the machine's own /proc at the
// same moment (a unit test must not read the machine it runs on).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cosi } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'cosi-cli-lab-'));

it('snapshot --local --json prints the host model', () => {
  const r = cosi(['snapshot', '--local', '--json']);
  expect(r.status).toBe(0);
  const m = JSON.parse(r.stdout);
  const total = Number(/^MemTotal:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'))![1]) * 1024;
  expect(m.memory.totalBytes).toBe(total);
  expect(m.mounts.length).toBeGreaterThan(0);
  expect(m.mounts[0]).toEqual(expect.objectContaining({ id: expect.any(Number), parentId: expect.any(Number), target: expect.any(String) }));
  expect(r.stderr).toMatch(/probing local/);
});

it('snapshot reads the CPU counters twice, --interval apart: --json and the file have host cpu rates; --interval 0 reads once', () => {
  const r = cosi(['snapshot', '--local', '--interval', '0.5', '--json']);
  expect(r.status).toBe(0);
  const cpu = JSON.parse(r.stdout).cpu;
  expect(cpu).toEqual(expect.objectContaining({ busyPercent: expect.any(Number), iowaitPercent: expect.any(Number), stealPercent: expect.any(Number) }));
  expect(cpu.perCore.length).toBeGreaterThan(0);
  const file = join(dir, 'rates.cosi.json');
  expect(cosi(['snapshot', '--local', '--interval', '0.3', '-o', file]).status).toBe(0);
  expect(JSON.parse(readFileSync(file, 'utf8')).previous.sections.stat.text).toMatch(/^cpu /);
  expect(JSON.parse(cosi(['open', file, '--json']).stdout).cpu.busyPercent).toEqual(expect.any(Number));
  const once = cosi(['snapshot', '--local', '--interval', '0', '--json']);
  expect(JSON.parse(once.stdout).cpu).toBeNull();
});
