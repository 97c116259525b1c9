/**
 * The big lab host's rows of `npm run bench` (issue #13): the host is `npx tsx test/lab/lab.ts up
 * big` (10,000 real mounts, 3,000 cgroups, 5,000 processes behind sshd as lab-big). As root the
 * bench starts it when it is not up, and takes it down again afterwards (its 5,000 processes slow
 * everything else on this machine that reads /proc); otherwise each row says why it was skipped.
 *   ssh        remote CPU and bytes per tick, measured as on the small host (bench/ssh.ts)
 *   live-keys  keypress -> frame of `cosi connect` on the big host vs on the small host (lab-coreos)
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { distBuilt, haveScript } from './first-frame.js';
import { keysNote, liveKeyToFrame } from './live-keys.js';
import { measurement, median, skipped, type Measurement } from './measure.js';
import { labConfig, portOpen, REFRESH_MS, sshFigures } from './ssh.js';
import { SLOW_EVERY } from '../src/probe/tiers.js';
import { MAX_WAIT_MS } from '../src/probe/budget.js';
import { buildModel } from '../src/model/build.js';
import { createAppStore, initialUi } from '../src/store/store.js';
import type { RawSnapshot } from '../src/snapshot/types.js';
import { cgroupsOnScreen } from '../views/present/on-screen.js';

/** The cgroups of the Services tab's first screen at 160x45: the TUI reads their counters every tick while the tree is held back. */
function servicesOnScreen(first: RawSnapshot): string[] {
  return cgroupsOnScreen(createAppStore({ model: buildModel(first), cols: 160, rows: 45, ui: { ...initialUi(), tab: 'services' } }).getState());
}

/**
 * Steady ticks per connection: a whole longest wait of the cost budget and a slow cycle, so that
 * every costly section runs again within them (at 2 s a tick: 10.5 min of the probe's clock).
 */
const STEADY_BIG = Math.ceil(MAX_WAIT_MS / REFRESH_MS) + SLOW_EVERY;

const HOST = 'lab-big';
const PORT = 2224;
const ROWS = {
  cpu: ['ssh: remote CPU per steady tick / full first tick, big lab host', 'ms', { kind: 'ratio', op: '<=', limit: 0.15 }],
  cpuSec: ['ssh: remote CPU per second at the default 2 s refresh, big lab host', 's/s', { kind: 'value', op: '<=', limit: 0.02 }],
  bytes: ['ssh: bytes per steady tick / bytes of the full probe, big lab host', 'bytes', { kind: 'ratio', op: '<=', limit: 0.1 }],
  keys: ['keypress -> frame live, cosi connect: big lab host vs small lab host', 'ms', { kind: 'ratio', op: '<=', limit: 2 }],
} as const;
type Row = (typeof ROWS)[keyof typeof ROWS];

export interface BigHostOptions {
  root: string;
  quick: boolean;
  noSsh: boolean;
  log: (s: string) => void;
  ssh: boolean;
  keys: boolean;
  /** Why the small lab host (lab-coreos) cannot be reached, or null. */
  smallDown: string | null;
}

/** lab-big's own ssh_config (test/lab/lib/big-host.ts: every other `up` rewrites the lab's shared one). */
const bigConfig = (root: string) => join(dirname(labConfig(root)), 'big-config');

async function bigUp(root: string): Promise<boolean> {
  return (await portOpen(PORT)) && existsSync(bigConfig(root));
}

function lab(root: string, cmd: 'up' | 'down'): string | null {
  const r = spawnSync('npx', ['tsx', 'test/lab/lab.ts', cmd, 'big'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  return r.status === 0 ? null : r.stderr.trim().split('\n').slice(-1)[0] ?? `exit ${r.status}`;
}

export async function bigHostRows(o: BigHostOptions): Promise<Measurement[]> {
  const out: Measurement[] = [];
  const rows: Row[] = [...(o.ssh ? [ROWS.cpu, ROWS.cpuSec, ROWS.bytes] : []), ...(o.keys ? [ROWS.keys] : [])];
  const skipAll = (why: string) => (rows.forEach((r) => out.push(skipped(r[0], r[1], `skipped: ${why}`, r[2]))), out);
  if (o.noSsh) return skipAll('--no-ssh');
  let started = false;
  if (!(await bigUp(o.root))) {
    if (process.getuid?.() !== 0) return skipAll('the big lab host is not up (npx tsx test/lab/lab.ts up big, as root); run the bench as root to start it');
    o.log('starting the big lab host (npx tsx test/lab/lab.ts up big: a few minutes)...');
    const failed = lab(o.root, 'up');
    if (failed) return skipAll(`the big lab host did not start: ${failed}`);
    started = true;
  }
  try {
    if (o.ssh) {
      const reps = o.quick ? 1 : 3;
      o.log(`SSH on ${HOST}, ${reps} connections x (first tick + ${STEADY_BIG} steady ticks)...`);
      const f = await sshFigures(o.root, HOST, reps, { execPerSection: false, log: o.log, config: bigConfig(o.root), steady: STEADY_BIG, onScreen: servicesOnScreen });
      const put = (r: Row, v: number, base: number | null, note: string) => out.push(measurement(r[0], v, r[1], base, r[2], note));
      put(ROWS.cpu, f.steadyCpuMs, f.firstCpuMs, `as the small host's row (bench/ssh.ts), with the counters of the Services tab's first screen (160x45) read every tick the cgroup tree is held back: the mean of ${STEADY_BIG} steady ticks (the probe's clock 2 s a tick: a whole longest wait of the cost budget) vs the mean first tick, ${reps} connections; first tick ${Math.round(f.firstCollectMs)} ms with connect, steady tick ${Math.round(f.tickMs)} ms (medians)`);
      put(ROWS.cpuSec, f.steadyCpuMs / 2000, null, "the mean steady tick's remote CPU over the 2 s refresh interval");
      put(ROWS.bytes, f.steadyBytes, f.firstBytes, 'bytes of the answer on the channel: the mean steady tick vs the first tick of a connection');
    }
    if (o.keys) {
      if (o.smallDown) out.push(skipped(ROWS.keys[0], ROWS.keys[1], `skipped: ${o.smallDown}`, ROWS.keys[2]));
      else if (!haveScript() || !distBuilt()) out.push(skipped(ROWS.keys[0], ROWS.keys[1], 'skipped: needs util-linux `script` and a built dist/', ROWS.keys[2]));
      else {
        const presses = o.quick ? 6 : 20;
        const args = (host: string, config: string) => [process.execPath, 'bin/cosi.js', 'connect', '-F', config, host];
        o.log(`keypress -> frame live on ${HOST} and lab-coreos, ${presses} presses per tab...`);
        const big = await liveKeyToFrame(args(HOST, bigConfig(o.root)), presses, 300_000);
        const small = await liveKeyToFrame(args('lab-coreos', labConfig(o.root)), presses, 60_000);
        out.push(measurement(ROWS.keys[0], median(big.all), 'ms', median(small.all), ROWS.keys[2], `j/k on Mounts and Services of \`cosi connect\` (2 s refresh) in a 160x45 pty until the cursor row moves; big: ${keysNote(big)}; small: ${keysNote(small)}`));
      }
    }
  } finally {
    if (started) {
      o.log('taking the big lab host down again (npx tsx test/lab/lab.ts down big)...');
      const failed = lab(o.root, 'down');
      if (failed) o.log(`lab.ts down big failed: ${failed}`);
    }
  }
  return out;
}
