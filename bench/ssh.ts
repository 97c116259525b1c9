/**
 * The SSH figures on a lab host (test/lab: sshd on 127.0.0.1, see
 * test/lab/.state/ssh/config): one refresh tick over the persistent shell
 * vs OpenSSH `ssh HOST true` (a fresh connection each time), the first
 * complete collect (connect + shell + tick), one exec per section (an ssh2
 * exec channel per section script, sequentially), bytes per tick and the
 * remote CPU time per tick.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { buildProbeScript, newNonce, terminatorFor } from '../src/probe/build.js';
import { ProbeTransport } from '../src/transport/probe-transport.js';
import type { RawSnapshot } from '../src/snapshot/types.js';
import { SECTIONS } from '../src/probe/sections.js';
import { SLOW_EVERY } from '../src/probe/tiers.js';
import { noPrompts, openSshChannel } from '../src/transport/ssh/index.js';
import type { SshChannel } from '../src/transport/ssh/index.js';
import { median } from './measure.js';

export interface SshFigures {
  host: string;
  /** Persistent shell: one collect() on an open channel. */
  tickMs: number;
  /** OpenSSH `ssh -F CONFIG HOST true`. */
  sshTrueMs: number;
  /** connect + authenticate + shell + first tick, a new connection each time. */
  firstCollectMs: number;
  /** Every section in its own exec channel, sequentially, on an open connection (NaN when not measured). */
  execPerSectionMs: number;
  /** Bytes of the first tick's answer on a new connection (every section in full). */
  firstBytes: number;
  /** Bytes of a steady tick's answer, averaged over the steady ticks (STEADY unless asked otherwise). */
  steadyBytes: number;
  /** utime+stime+cutime+cstime of the remote shell for the first tick of a connection (ms). */
  firstCpuMs: number;
  /** The same per steady tick, averaged over the steady ticks. */
  steadyCpuMs: number;
  reps: number;
}

/** Steady ticks measured per repetition: two whole cycles of the slow sections. */
export const STEADY = 2 * SLOW_EVERY;

/** The refresh interval the per-second rows assume: the probe's clock moves this much per tick. */
export const REFRESH_MS = 2000;

export function labConfig(root: string): string {
  return join(process.env.COSI_LAB_STATE || join(root, 'test/lab/.state'), 'ssh/config');
}

/** Whether something listens on 127.0.0.1:PORT. */
export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    const done = (v: boolean) => {
      s.destroy();
      resolve(v);
    };
    s.setTimeout(1500, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

/** Null when the lab is up; else the reason to print. */
export async function labDown(root: string, port = 2223): Promise<string | null> {
  if (!existsSync(labConfig(root))) return 'lab not running (no test/lab/.state/ssh/config; start it with `npx tsx test/lab/lab.ts up`)';
  if (!(await portOpen(port))) return `lab not running (nothing listens on 127.0.0.1:${port}; start it with \`npx tsx test/lab/lab.ts up\`)`;
  return null;
}

export function channel(root: string, host: string, mode: 'shell' | 'exec', config = labConfig(root)): SshChannel {
  const r = openSshChannel(host, { configFile: config }, { prompts: noPrompts(), mode });
  if (!r.ok) throw new Error(r.error);
  return r.channel;
}

async function time<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t0 = process.hrtime.bigint();
  const v = await f();
  return [Number(process.hrtime.bigint() - t0) / 1e6, v];
}

/** ms of OpenSSH `ssh -F CONFIG HOST true`: a new connection that runs `true`. */
export function sshTrue(root: string, host: string, config = labConfig(root)): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const c = spawn('ssh', ['-F', config, '-o', 'BatchMode=yes', host, 'true'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    c.stderr.on('data', (d: Buffer) => (err += d.toString()));
    c.once('error', reject);
    c.once('exit', (code) => (code === 0 ? resolve(Number(process.hrtime.bigint() - t0) / 1e6) : reject(new Error(`ssh ${host} true: exit ${code}: ${err.trim()}`))));
  });
}

/** CPU ticks (utime+stime+cutime+cstime) of the remote shell, read from its own /proc/$$/stat. */
export async function shellCpuTicks(ch: SshChannel): Promise<number> {
  const term = `@@BENCH-CPU-${newNonce()}`;
  const out = await ch.run(`cat /proc/$$/stat\nprintf '\\n%s\\n' '${term}'\n`, term, { timeoutMs: 10_000, maxBytes: 65_536 });
  const line = out.trim().split('\n').find((l) => /^\d+ \(/.test(l)) ?? '';
  const f = line.slice(line.lastIndexOf(')') + 2).split(' ');
  // After comm: f[0] is field 3 (state); utime..cstime are fields 14..17 = f[11..14].
  const [u, s, cu, cs] = [f[11], f[12], f[13], f[14]].map(Number);
  if (![u, s, cu, cs].every(Number.isFinite)) throw new Error(`unreadable /proc/$$/stat: ${line.slice(0, 80)}`);
  return u! + s! + cu! + cs!;
}

/**
 * `execPerSection: false` leaves out the exec-per-section run (its row is the small host's); `log`
 * hears of each repetition (the big lab host takes minutes); `config`: an ssh_config other than the lab's.
 */
export async function sshFigures(root: string, host = 'lab-coreos', reps = 7, o: { execPerSection?: boolean; log?: (s: string) => void; config?: string; steady?: number; onScreen?: (first: RawSnapshot) => string[] } = {}): Promise<SshFigures> {
  const steady = o.steady ?? STEADY;
  const onScreen = o.onScreen;
  const ticks: number[] = [];
  const trues: number[] = [];
  const firsts: number[] = [];
  const execs: number[] = [];
  const firstBytes: number[] = [];
  const firstCpu: number[] = [];
  let steadyTicks = 0;
  let steadyCpuTicks = 0;
  let steadyBytes = 0;

  const execCh = o.execPerSection === false ? null : channel(root, host, 'exec', o.config);
  try {
    await execCh?.open();
    for (let i = 0; i < reps; i++) {
      o.log?.(`${host}: connection ${i + 1} of ${reps}`);
      // A new connection per repetition: its first tick (every section in full), then steady ticks.
      const shell = channel(root, host, 'shell', o.config);
      // Ticks follow each other at once here; the probe's clock (its cost budget, src/probe/budget.ts)
      // moves REFRESH_MS per tick, as at the default refresh.
      let clock = Date.now();
      const probe = new ProbeTransport(shell, { now: () => clock });
      try {
        const [o] = await time(() => shell.open());
        const c0 = await shellCpuTicks(shell);
        let first: RawSnapshot | null = null;
        const [f] = await time(async () => void (first = await probe.collect()));
        const c1 = await shellCpuTicks(shell);
        // The cgroups whose rows a TUI would show (their counters are read while the tree is held back).
        const counters = onScreen && first ? onScreen(first) : [];
        firsts.push(o + f);
        firstCpu.push((c1 - c0) * 10);
        firstBytes.push(probe.answerBytes);
        for (let k = 0; k < steady; k++) {
          clock += REFRESH_MS;
          const [t] = await time(() => probe.collect(counters.length > 0 ? { counters } : undefined));
          ticks.push(t);
          steadyBytes += probe.answerBytes;
          steadyTicks++;
        }
        steadyCpuTicks += (await shellCpuTicks(shell)) - c1;
      } finally {
        await probe.close().catch(() => undefined);
      }

      trues.push(await sshTrue(root, host, o.config));

      if (!execCh) continue;
      const [e] = await time(async () => {
        for (const s of SECTIONS) {
          const nonce = newNonce();
          await execCh.run(buildProbeScript([s], nonce), terminatorFor(nonce), { timeoutMs: 30_000, totalMs: 300_000, maxBytes: s.maxBytes + 65_536 });
        }
      });
      execs.push(e);
    }
  } finally {
    await execCh?.close().catch(() => undefined);
  }
  return {
    host,
    tickMs: median(ticks),
    sshTrueMs: median(trues),
    firstCollectMs: median(firsts),
    execPerSectionMs: median(execs),
    firstBytes: median(firstBytes),
    steadyBytes: steadyBytes / Math.max(1, steadyTicks),
    firstCpuMs: firstCpu.reduce((a, b) => a + b, 0) / Math.max(1, firstCpu.length),
    // The shell's CPU reads (one `cat` each) are outside the measured span: it ends at the last read.
    steadyCpuMs: (steadyCpuTicks * 10) / Math.max(1, steadyTicks),
    reps,
  };
}
