// CPU and I/O per container and per unit against the tools people check them with, on load the
// test makes and removes: a busy loop under a quota of half a core and a small O_DIRECT writer
// in the user docker (lib/load-containers.ts), a busy transient unit under CPUQuota=50% on the
// systemd host (lib/busy-unit.ts). Their cgroups get a raised CPU weight while they run, so the
// busy figures are set by their quotas, not by the machine's load (15-25 on 2 cores).
// CPU figures still move: each comparison is bracketed (the tool, cosi, the tool again) and
// accepted when cosi lies within the two readings +-5 percentage points; a bracket that misses
// is taken again, a few times. Needs root (npm run test:lab).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostModel } from '../../src/model/types.js';
import { labUp, LAB } from './lab.js';
import { BURNER, BURNER_CORES, removeLoadContainers, startLoadContainers, WRITER } from './lib/load-containers.js';
import { BUSY_QUOTA_PERCENT, BUSY_UNIT, startBusyUnit } from './lib/busy-unit.js';
import { cosiSnapshotJson, findCgroup } from './support/cosi-json.js';

const pexec = promisify(execFile);
/** Percentage points cosi may lie outside the tool's two readings. */
const SLACK = 5;
const ATTEMPTS = 4;
const USER_DOCKER = LAB.rancher.sockets.docker;

const run = async (cmd: string, args: string[]) => (await pexec(cmd, args, { encoding: 'utf8', timeout: 90_000 })).stdout;

/** `docker stats --no-stream` CPU % of one container (% of one core; two samples a second apart). */
async function dockerStatsCpu(name: string): Promise<number> {
  const out = (await run('docker', ['-H', `unix://${USER_DOCKER}`, 'stats', '--no-stream', '--format', '{{.CPUPerc}}', name])).trim();
  const m = /^([\d.]+)%$/.exec(out);
  if (!m) throw new Error(`docker stats ${name}: ${out}`);
  return Number(m[1]);
}

/** `systemd-cgtop -b -n 2` on the systemd host: %CPU of `cgroup` in the second iteration (null: '-'). */
async function cgtopCpu(cgroup: string): Promise<number | null> {
  const out = await run('docker', ['-H', `unix://${LAB.systemd.daemonSocket}`, 'exec', LAB.systemd.container, 'systemd-cgtop', '-b', '-n', '2', '-d', '1', '--raw']);
  const rows = out.split('\n').map((l) => l.trim().split(/\s+/)).filter((f) => f[0] === cgroup);
  const cpu = rows.at(-1)?.[2];
  return cpu === undefined || cpu === '-' ? null : Number(cpu);
}

interface Bracket {
  before: number | null;
  cosi: number | null;
  after: number | null;
}

const agrees = (b: Bracket) =>
  b.before !== null && b.after !== null && b.cosi !== null && b.cosi >= Math.min(b.before, b.after) - SLACK && b.cosi <= Math.max(b.before, b.after) + SLACK;

/** The tool, cosi, the tool again, until cosi lies in the bracket (at most ATTEMPTS times); every try. */
async function bracket(tool: () => Promise<number | null>, cosi: () => Promise<number | null>): Promise<Bracket[]> {
  const tries: Bracket[] = [];
  while (tries.length < ATTEMPTS) {
    const before = await tool();
    const got = await cosi();
    const after = await tool();
    tries.push({ before, cosi: got, after });
    if (agrees(tries.at(-1)!)) break;
  }
  return tries;
}

// Two readings 2 s apart (the default is 1 s): a rate over a longer span moves less with the
// moment, within a tick, at which each cgroup's counter is read on a loaded host.
const INTERVAL = ['--interval', '2'];
const rancher = () => cosiSnapshotJson(LAB.rancher.viaCommand, INTERVAL);
const containerOf = (m: HostModel, name: string) => m.engines.find((e) => e.name === 'docker')?.containers.find((c) => c.name === name);

beforeAll(async () => {
  await labUp('all');
});

describe('a container busy under a quota of half a core, and one writing to disk (RancherOS-like host, user docker)', () => {
  let restoreWeight: (() => void) | undefined;
  beforeAll(async () => {
    restoreWeight = startLoadContainers();
    // docker stats must see the burner at its quota before anything is compared.
    let last = 0;
    const start = Date.now();
    while ((last = await dockerStatsCpu(BURNER)) < 0.8 * BURNER_CORES * 100) {
      if (Date.now() - start > 60_000) throw new Error(`${BURNER} stays at ${last}% in docker stats (quota ${BURNER_CORES * 100}%)`);
    }
  });
  afterAll(() => removeLoadContainers(restoreWeight));

  it('its CPU in % of one core lies within two docker stats readings +-5 points', async () => {
    const tries = await bracket(
      () => dockerStatsCpu(BURNER),
      async () => containerOf(await rancher(), BURNER)?.cpuPercent ?? null,
    );
    console.info(`${BURNER}: docker stats, cosi, docker stats: ${JSON.stringify(tries)}`);
    expect(tries.some(agrees), JSON.stringify(tries)).toBe(true);
    // docker stats counts % of one core: the quota's 50, not 25 (% of both cores).
    expect(tries.at(-1)!.cosi!).toBeGreaterThan(BURNER_CORES * 100 * 0.8);
  });

  it('shows about 100% of its CPU limit and is throttled', async () => {
    let model: HostModel | null = null;
    const seen: unknown[] = [];
    for (let i = 0; i < ATTEMPTS; i++) {
      model = await rancher();
      const g = findCgroup(model, (x) => x.container?.name === BURNER);
      seen.push(g?.cpu);
      if ((g?.cpu?.percentOfLimit ?? 0) >= 80) break;
    }
    const c = containerOf(model!, BURNER)!;
    const g = findCgroup(model!, (x) => x.container?.name === BURNER)!;
    expect(c.limits.cpuCores).toBe(BURNER_CORES);
    expect(g.limits.cpuCores).toBe(BURNER_CORES);
    expect(g.cpu!.percentOfLimit!, JSON.stringify(seen)).toBeGreaterThanOrEqual(80);
    expect(g.cpu!.percentOfLimit!).toBeLessThanOrEqual(115);
    expect(g.cpu!.throttledPercent!).toBeGreaterThan(0);
    expect(c.throttledPercent!).toBeGreaterThan(0);
  });

  it('the writer shows write bytes/s, no more than its device limit allows', async () => {
    let io: { readBytesPerSec: number; writeBytesPerSec: number } | null = null;
    for (let i = 0; i < ATTEMPTS && !(io && io.writeBytesPerSec > 0); i++) io = findCgroup(await rancher(), (x) => x.container?.name === WRITER)?.io ?? null;
    expect(io?.writeBytesPerSec).toBeGreaterThan(0);
    // --device-write-bps 8mb (8 MiB/s), with a tenth for the throttle's burst
    expect(io!.writeBytesPerSec).toBeLessThanOrEqual(8 * 1024 * 1024 * 1.1);
  });
});

describe('a busy unit under CPUQuota=50% (systemd host)', () => {
  let unit: Awaited<ReturnType<typeof startBusyUnit>> | undefined;
  beforeAll(async () => {
    unit = await startBusyUnit();
    // systemd-cgtop must show the unit's CPU before anything is compared.
    let last: number | null = null;
    const start = Date.now();
    while (((last = await cgtopCpu(unit.cgroup)) ?? 0) < 0.8 * BUSY_QUOTA_PERCENT) {
      if (Date.now() - start > 60_000) throw new Error(`${BUSY_UNIT} stays at ${last}% in systemd-cgtop (quota ${BUSY_QUOTA_PERCENT}%)`);
    }
  });
  afterAll(() => unit?.stop());

  it('its CPU lies within two systemd-cgtop readings +-5 points', async () => {
    let path: string | null = null;
    const tries = await bracket(
      () => cgtopCpu(unit!.cgroup),
      async () => {
        const g = findCgroup(await cosiSnapshotJson(LAB.systemd.viaCommand, INTERVAL), (x) => x.unit === BUSY_UNIT);
        path = g?.path ?? null;
        return g?.cpu ? g.cpu.cores * 100 : null;
      },
    );
    console.info(`${BUSY_UNIT}: systemd-cgtop, cosi, systemd-cgtop: ${JSON.stringify(tries)}`);
    expect(path).toBe(unit!.cgroup);
    expect(tries.some(agrees), JSON.stringify(tries)).toBe(true);
  });
});
