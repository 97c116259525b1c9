// Warnings that name the cause, on real lab hosts, with load the test creates itself and removes
// in afterAll (no sysctl of this machine is touched): a container at its --pids-limit and one whose
// process holds ~94% of its --memory (tmpfs pages: anonymous, not reclaimable cache) raise their
// warnings (the healthy hosts: warnings-healthy.test.ts). Each load is first seen by the kernel's own
// counters (pids.current, memory.usage_in_bytes less total_inactive_file), polled, before cosi runs;
// the moving memory figure is bracketed by two readings of the kernel's counters.
// Needs root (npm run test:lab).
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labUp, LAB } from './lab.js';
import { cgroupDir, cosiWarnings, readNumber, until } from './support/warnings.js';

const pexec = promisify(execFile);
const MiB = 1024 * 1024;
const SOCKET = LAB.rancher.sockets.docker;
const PIDS = { name: 'cosi-warn-pids', limit: 6 };
const MEM = { name: 'cosi-warn-mem', limitMiB: 32, fillMiB: 30 };

const docker = async (args: string[]) => (await pexec('docker', ['-H', `unix://${SOCKET}`, ...args], { encoding: 'utf8', timeout: 120_000 })).stdout.trim();

/** What cosi counts against the limit: the usage less the inactive file cache. */
function memoryUsed(dir: string): number {
  const inactive = /^total_inactive_file (\d+)$/m.exec(readFileSync(join(dir, 'memory.stat'), 'utf8'));
  return readNumber(join(dir, 'memory.usage_in_bytes')) - Number(inactive?.[1] ?? 0);
}

const removeAll = () => docker(['rm', '-f', PIDS.name, MEM.name]).catch(() => '');

let pidsId = '';
let memId = '';

beforeAll(async () => {
  await labUp('rancher');
  await removeAll();
}, 300_000);

afterAll(async () => {
  await removeAll();
}, 120_000);

describe('warnings that name the cause (lab)', () => {
  it('a container at its --pids-limit and one at ~94% of its --memory raise their warnings, named and pointing at their cgroups', async () => {
    const image = (await docker(['images', '--filter', 'reference=cosi-lab/busybox', '--format', '{{.Repository}}:{{.Tag}}'])).split('\n')[0];
    expect(image).toMatch(/^cosi-lab\/busybox:/);
    const sleeps = Array(PIDS.limit - 1).fill('sleep 3600 &').join(' ');
    pidsId = await docker(['run', '-d', '--name', PIDS.name, '--pids-limit', String(PIDS.limit), image, 'sh', '-c', `${sleeps} wait`]);
    memId = await docker(['run', '-d', '--name', MEM.name, '--memory', `${MEM.limitMiB}m`, image, 'sh', '-c', `dd if=/dev/zero of=/dev/shm/fill bs=1048576 count=${MEM.fillMiB} 2>/dev/null; exec sleep 3600`]);
    const pidsDir = cgroupDir('pids', pidsId);
    const memDir = cgroupDir('memory', memId);
    await until(`${PIDS.name} at ${PIDS.limit} tasks`, () => readNumber(join(pidsDir, 'pids.current')) === PIDS.limit);
    await until(`${MEM.name} holding ${MEM.fillMiB} MiB`, () => memoryUsed(memDir) >= MEM.fillMiB * MiB);
    const limit = readNumber(join(memDir, 'memory.limit_in_bytes'));
    expect(limit).toBe(MEM.limitMiB * MiB);

    const lo = memoryUsed(memDir);
    const warnings = await cosiWarnings(LAB.rancher.viaCommand);
    const hi = memoryUsed(memDir);

    const pids = warnings.find((w) => w.code === 'cgroup-pids' && w.container === PIDS.name);
    expect(pids, warnings.map((w) => w.id).join('\n')).toBeDefined();
    expect(pids).toMatchObject({ severity: 'error', used: PIDS.limit, max: PIDS.limit, target: { tab: 'services', kind: 'cgroup' } });
    expect(pids!.target.name).toContain(pidsId);
    expect(pids!.id).toBe(`cgroup-pids:${pids!.cgroup}`);
    expect(pids!.message).toBe(`tasks in container ${PIDS.name}: ${PIDS.limit} of its pids.max ${PIDS.limit} (100%)`);
    expect(pids!.symptom).toMatch(/Resource temporarily unavailable/);

    const mem = warnings.find((w) => w.code === 'cgroup-memory' && w.container === MEM.name);
    expect(mem, warnings.map((w) => w.id).join('\n')).toBeDefined();
    expect(mem).toMatchObject({ severity: 'warn', max: limit, target: { tab: 'services', kind: 'cgroup' } });
    expect(mem!.target.name).toContain(memId);
    const slack = MiB;
    expect(mem!.used!).toBeGreaterThanOrEqual(Math.min(lo, hi) - slack);
    expect(mem!.used!).toBeLessThanOrEqual(Math.max(lo, hi) + slack);
    expect(mem!.message).toMatch(new RegExp(`^memory container ${MEM.name}: [\\d.]+Mi of its 32Mi limit \\(9\\d%\\)$`));
  }, 300_000);
});
