// A cgroup throttled in >= 25% of its CPU periods raises the throttle warning: the burner of
// lib/load-containers.ts (a busy loop under `--cpus 0.5` in the user docker of the RancherOS-like
// host), started in beforeAll and removed in afterAll. The kernel's own counters (cpu.stat
// nr_throttled of nr_periods over a second) must first show it throttled in >= 25% of periods;
// cosi's figure is then bracketed by two such readings (+-5 points). In a real terminal (tmux),
// Overview lists the warning and Enter on it opens Services on the burner's row. Needs root.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labUp, LAB } from './lab.js';
import { REPO_DIR } from './lib/paths.js';
import { BURNER, removeLoadContainers, startLoadContainers } from './lib/load-containers.js';
import { requireBuilt } from './support/peers.js';
import { tmuxPane } from './support/tmux.js';
import { cgroupDir, cosiWarnings, until, type JsonWarning } from './support/warnings.js';

/** cosi's threshold (src/model/cause-warnings.ts THROTTLED_PERCENT). */
const THROTTLED = 25;
const SLACK = 5;
const ATTEMPTS = 4;
const pane = tmuxPane('cosi-throttle-test');
const shq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let restoreWeight: (() => void) | undefined;
let statFile = '';

/** The kernel's share of throttled periods (%) over the next second, from cpu.stat. */
async function throttledShare(): Promise<number> {
  const read = () => {
    const t = readFileSync(statFile, 'utf8');
    return { periods: Number(/^nr_periods (\d+)$/m.exec(t)![1]), throttled: Number(/^nr_throttled (\d+)$/m.exec(t)![1]) };
  };
  const a = read();
  await sleep(1000);
  const b = read();
  return b.periods > a.periods ? (100 * (b.throttled - a.throttled)) / (b.periods - a.periods) : 0;
}

beforeAll(async () => {
  requireBuilt();
  await labUp('rancher');
  restoreWeight = startLoadContainers();
  const id = execFileSync('docker', ['-H', `unix://${LAB.rancher.sockets.docker}`, 'inspect', '-f', '{{.Id}}', BURNER], { encoding: 'utf8' }).trim();
  statFile = join(cgroupDir('cpu', id), 'cpu.stat');
  let last = 0;
  await until(`${BURNER} throttled in >= ${THROTTLED}% of its periods (cpu.stat)`, async () => (last = await throttledShare()) >= THROTTLED, 60_000).catch((e: Error) => {
    throw new Error(`${e.message}; last ${last.toFixed(1)}%`);
  });
}, 300_000);

afterAll(() => {
  pane.kill();
  removeLoadContainers(restoreWeight);
}, 120_000);

describe('a container throttled by its CPU quota (RancherOS-like host, user docker)', () => {
  it('raises cgroup-throttled, its share within two cpu.stat readings +-5 points, pointing at its cgroup', async () => {
    const tries: { before: number; cosi: number | null; after: number }[] = [];
    let w: JsonWarning | undefined;
    let all: JsonWarning[] = [];
    do {
      const before = await throttledShare();
      all = await cosiWarnings(LAB.rancher.viaCommand);
      const after = await throttledShare();
      w = all.find((x) => x.code === 'cgroup-throttled' && x.container === BURNER);
      tries.push({ before, cosi: w?.throttledPercent ?? null, after });
    } while (tries.length < ATTEMPTS && !inBracket(tries.at(-1)!));
    console.info(`${BURNER} throttled %: cpu.stat, cosi, cpu.stat: ${JSON.stringify(tries)}`);
    expect(w, all.map((x) => x.id).join('\n')).toBeDefined();
    expect(tries.some(inBracket), JSON.stringify(tries)).toBe(true);
    expect(w!.throttledPercent!).toBeGreaterThanOrEqual(THROTTLED);
    expect(w).toMatchObject({ severity: 'warn', target: { tab: 'services', kind: 'cgroup' } });
    expect(w!.id).toBe(`cgroup-throttled:${w!.cgroup}`);
    expect(statFile).toContain(w!.cgroup!);
    expect(w!.message).toBe(`CPU throttled container ${BURNER}: ${w!.throttledPercent!.toFixed(0)}% of periods hit its quota`);
    expect(w!.symptom).toBeTruthy();
  }, 600_000);

  it('Overview lists it; Enter on it opens Services on the container\'s row', async () => {
    const cmd = ['cd', shq(REPO_DIR), '&&', shq(process.execPath), 'bin/cosi.js', 'connect', '--via', shq(LAB.rancher.viaCommand), '--refresh', '5'].join(' ');
    pane.start(`${cmd}; sleep 600`, 160, 50);
    const send = (k: string) => pane.tmux(['send-keys', '-t', 'cosi', ...(/^[A-Z][a-z]+$/.test(k) ? [k] : ['-l', k])]);
    // CPU rates need two readings: the warning comes with the second tick.
    await pane.waitScreen(new RegExp(`CPU throttled container ${BURNER}: \\d+% of periods`), 300_000);
    send('/');
    const word = 'throttled';
    for (let i = 1; i <= word.length; i++) {
      send(word[i - 1]);
      await pane.waitScreen(new RegExp(`^/${word.slice(0, i)} .*Enter keep`, 'm'));
    }
    send('Enter');
    // A tick on this loaded machine may miss the cgroups (a section timeout): the next one has them.
    await pane.waitScreen(/Warnings \(1 matching "throttled"\)/, 300_000);
    send('Enter');
    await pane.waitScreen(/\[2 Services\]/);
    let cursor = '';
    await until('a cursor row in Services', () => (cursor = pane.screenSgr().split('\n').find((l) => l.includes('\x1b[7m')) ?? '') !== '', 10_000);
    expect(cursor, pane.screen()).toContain(BURNER);
  }, 600_000);
});

function inBracket(t: { before: number; cosi: number | null; after: number }): boolean {
  return t.cosi !== null && t.cosi >= Math.min(t.before, t.after) - SLACK && t.cosi <= Math.max(t.before, t.after) + SLACK;
}
