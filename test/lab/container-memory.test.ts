// A container's memory as `docker stats` shows it (usage less the inactive file cache), with its
// limit, on the RancherOS-like host (docker and system-docker, read by `cosi snapshot --via`).
// Figures move on a live host, so they are compared only where they hold still by construction
// (`web`, an idle busybox httpd under --memory 64m, and the system services, shells asleep in
// `sleep 3600`), and then by bracketing: docker stats, cosi, docker stats again, with slack.
// Every other running container must have a figure, and every limit must equal docker's exactly.
// Needs root (npm run test:lab).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostModel } from '../../src/model/types.js';
import { labUp, LAB } from './lab.js';
import { REPO_DIR } from './lib/paths.js';

const pexec = promisify(execFile);
const MiB = 1024 * 1024;
const SOCKETS = { docker: LAB.rancher.sockets.docker, 'system-docker': LAB.rancher.sockets['system-docker'] } as const;
type EngineName = keyof typeof SOCKETS;
/** Idle by construction: web serves nothing, the system services sleep an hour between forks. */
const STEADY: { engine: EngineName; name: string }[] = [
  { engine: 'docker', name: 'web' },
  { engine: 'system-docker', name: 'acpid' },
  { engine: 'system-docker', name: 'ntp' },
];
/** Page cache written into web's cgroup: docker stats leaves it out, so must cosi. */
const CACHE_FILE = '/tmp/cosi-memory-test.cache';
const CACHE_MIB = 16;

const docker = async (socket: string, args: string[]) => (await pexec('docker', ['-H', `unix://${socket}`, ...args], { encoding: 'utf8', timeout: 120_000, maxBuffer: 16 * MiB })).stdout;

const UNITS: Record<string, number> = { B: 1, KiB: 1024, MiB, GiB: 1024 * MiB, TiB: 1024 * 1024 * MiB, kB: 1000, MB: 1e6, GB: 1e9 };
/** "13.62MiB" as docker's units.BytesSize prints it, in bytes. */
function dockerBytes(s: string): number {
  const m = /^([\d.]+)\s*([A-Za-z]+)$/.exec(s.trim());
  if (!m || UNITS[m[2]] === undefined) throw new Error(`not a docker size: ${s}`);
  return Number(m[1]) * UNITS[m[2]];
}

/** `docker stats --no-stream` of every running container of a socket: name -> MEM USAGE. */
async function dockerStats(socket: string): Promise<Map<string, number>> {
  const out = await docker(socket, ['stats', '--no-stream', '--format', '{{.Name}}\t{{.MemUsage}}']);
  const m = new Map<string, number>();
  for (const line of out.split('\n')) {
    const [name, usage] = line.split('\t');
    if (name && usage) m.set(name, dockerBytes(usage.split('/')[0]));
  }
  return m;
}

async function statsOfAll(): Promise<Record<EngineName, Map<string, number>>> {
  return { docker: await dockerStats(SOCKETS.docker), 'system-docker': await dockerStats(SOCKETS['system-docker']) };
}

/** The memory limit docker set on each running container (HostConfig.Memory; 0 = none) and when it started. */
async function dockerLimits(socket: string): Promise<Map<string, { limit: number | null; startedAt: number }>> {
  const ids = (await docker(socket, ['ps', '-q'])).split('\n').filter(Boolean);
  const out = await docker(socket, ['inspect', '--format', '{{.Name}}\t{{.HostConfig.Memory}}\t{{.State.StartedAt}}', ...ids]);
  const m = new Map<string, { limit: number | null; startedAt: number }>();
  for (const line of out.split('\n').filter(Boolean)) {
    const [name, bytes, started] = line.split('\t');
    m.set(name.replace(/^\//, ''), { limit: Number(bytes) === 0 ? null : Number(bytes), startedAt: Date.parse(started) });
  }
  return m;
}

async function cosiModel(): Promise<HostModel> {
  const r = await pexec(process.execPath, ['--import', 'tsx', join(REPO_DIR, 'src/cli.ts'), 'snapshot', '--via', LAB.rancher.viaCommand, '--json'], {
    cwd: REPO_DIR,
    encoding: 'utf8',
    timeout: 150_000,
    maxBuffer: 256 * MiB,
  });
  return JSON.parse(r.stdout) as HostModel;
}

const containersOf = (model: HostModel, engine: EngineName) => model.engines.find((e) => e.name === engine)?.containers ?? [];

beforeAll(async () => {
  await labUp('rancher');
  await docker(SOCKETS.docker, ['exec', 'web', 'sh', '-c', `dd if=/dev/zero of=${CACHE_FILE} bs=1048576 count=${CACHE_MIB} 2>/dev/null`]);
});

afterAll(async () => {
  await docker(SOCKETS.docker, ['exec', 'web', 'rm', '-f', CACHE_FILE]).catch(() => undefined);
});

describe('container memory as docker stats shows it (RancherOS-like host, both engines)', () => {
  it('the steady containers lie between two docker stats readings; web leaves its page cache out and shows it in the details', async () => {
    const before = await statsOfAll();
    const model = await cosiModel();
    const after = await statsOfAll();
    const report: string[] = [];
    for (const { engine, name } of STEADY) {
      const c = containersOf(model, engine).find((x) => x.name === name);
      expect(c, `${engine} ${name} in cosi`).toBeDefined();
      const a = before[engine].get(name);
      const b = after[engine].get(name);
      expect(a !== undefined && b !== undefined, `${engine} ${name} in docker stats`).toBe(true);
      const lo = Math.min(a!, b!);
      const hi = Math.max(a!, b!);
      const slack = Math.max(MiB, 0.05 * hi);
      const got = c!.memoryBytes!;
      if (!(got >= lo - slack && got <= hi + slack)) report.push(`${engine} ${name}: cosi ${got}, docker stats ${a} then ${b}`);
    }
    expect(report).toEqual([]);
    // The cache written into web is in its cgroup's usage, not in docker's figure nor cosi's.
    const web = containersOf(model, 'docker').find((x) => x.name === 'web')!;
    expect(web.memoryUsageBytes! - web.memoryBytes!).toBeGreaterThanOrEqual((CACHE_MIB - 2) * MiB);
    expect(web.memoryCacheBytes).toBe(web.memoryUsageBytes! - web.memoryBytes!);
    expect(web.memoryBytes!).toBeLessThan(4 * MiB);
  });

  it('every running container has a figure, and its memory limit is exactly the one docker set', async () => {
    const start = Date.now();
    const model = await cosiModel();
    for (const engine of Object.keys(SOCKETS) as EngineName[]) {
      const set = await dockerLimits(SOCKETS[engine]);
      // Running before cosi read and still running after: a container (re)started meanwhile is left out.
      const running = containersOf(model, engine).filter((c) => c.state === 'running' && (set.get(c.name)?.startedAt ?? start) < start);
      expect(running.length, engine).toBeGreaterThan(0);
      for (const c of running) {
        expect(c.memoryBytes, `${engine} ${c.name}`).toBeGreaterThan(0);
        expect(c.memoryUsageBytes!, `${engine} ${c.name}`).toBeGreaterThanOrEqual(c.memoryBytes!);
        expect(c.limits.memoryBytes, `${engine} ${c.name}`).toBe(set.get(c.name)!.limit);
      }
    }
    expect(containersOf(model, 'docker').find((c) => c.name === 'web')?.limits.memoryBytes).toBe(64 * MiB);
  });
});
