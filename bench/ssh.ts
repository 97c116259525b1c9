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
import { SECTIONS } from '../src/probe/sections.js';
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
  /** Every section in its own exec channel, sequentially, on an open connection. */
  execPerSectionMs: number;
  /** Sum of the section bytes of one tick. */
  bytesPerTick: number;
  /** utime+stime of the remote shell and its children per tick (10 ms kernel ticks). */
  remoteCpuMs: number;
  /** Wall time of one tick measured on the host (sum of sections' /proc/uptime deltas). */
  reps: number;
}

export function labConfig(root: string): string {
  return join(process.env.COSI_LAB_STATE ?? join(root, 'test/lab/.state'), 'ssh/config');
}

function portOpen(port: number): Promise<boolean> {
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

function channel(root: string, host: string, mode: 'shell' | 'exec'): SshChannel {
  const r = openSshChannel(host, { configFile: labConfig(root) }, { prompts: noPrompts(), mode });
  if (!r.ok) throw new Error(r.error);
  return r.channel;
}

async function time<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t0 = process.hrtime.bigint();
  const v = await f();
  return [Number(process.hrtime.bigint() - t0) / 1e6, v];
}

/** ms of OpenSSH `ssh -F CONFIG HOST true`: a new connection that runs `true`. */
export function sshTrue(root: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const c = spawn('ssh', ['-F', labConfig(root), '-o', 'BatchMode=yes', host, 'true'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    c.stderr.on('data', (d: Buffer) => (err += d.toString()));
    c.once('error', reject);
    c.once('exit', (code) => (code === 0 ? resolve(Number(process.hrtime.bigint() - t0) / 1e6) : reject(new Error(`ssh ${host} true: exit ${code}: ${err.trim()}`))));
  });
}

/** CPU ticks (utime+stime+cutime+cstime) of the remote shell, read from its own /proc/$$/stat. */
async function shellCpuTicks(ch: SshChannel): Promise<number> {
  const term = `@@BENCH-CPU-${newNonce()}`;
  const out = await ch.run(`cat /proc/$$/stat\nprintf '\\n%s\\n' '${term}'\n`, term, { timeoutMs: 10_000, maxBytes: 65_536 });
  const line = out.trim().split('\n').find((l) => /^\d+ \(/.test(l)) ?? '';
  const f = line.slice(line.lastIndexOf(')') + 2).split(' ');
  // After comm: f[0] is field 3 (state); utime..cstime are fields 14..17 = f[11..14].
  const [u, s, cu, cs] = [f[11], f[12], f[13], f[14]].map(Number);
  if (![u, s, cu, cs].every(Number.isFinite)) throw new Error(`unreadable /proc/$$/stat: ${line.slice(0, 80)}`);
  return u! + s! + cu! + cs!;
}

export async function sshFigures(root: string, host = 'lab-coreos', reps = 7): Promise<SshFigures> {
  const ticks: number[] = [];
  const trues: number[] = [];
  const firsts: number[] = [];
  const execs: number[] = [];
  const bytes: number[] = [];
  let cpuTicks = 0;
  let cpuTicked = 0;

  const shell = channel(root, host, 'shell');
  const probe = new ProbeTransport(shell);
  const execCh = channel(root, host, 'exec');
  try {
    await probe.collect();
    await execCh.open();
    for (let i = 0; i < reps; i++) {
      // Side by side: each repetition measures every variant once.
      const c0 = await shellCpuTicks(shell);
      const [t, raw] = await time(() => probe.collect());
      const c1 = await shellCpuTicks(shell);
      ticks.push(t);
      cpuTicks += c1 - c0;
      cpuTicked++;
      bytes.push(Object.values(raw.sections).reduce((n, s) => n + s.bytes, 0));

      trues.push(await sshTrue(root, host));

      const fresh = new ProbeTransport(channel(root, host, 'shell'));
      const [f] = await time(() => fresh.collect());
      firsts.push(f);
      await fresh.close();

      const [e] = await time(async () => {
        for (const s of SECTIONS) {
          const nonce = newNonce();
          await execCh.run(buildProbeScript([s], nonce), terminatorFor(nonce), { timeoutMs: 30_000, maxBytes: s.maxBytes + 65_536 });
        }
      });
      execs.push(e);
    }
  } finally {
    await probe.close().catch(() => undefined);
    await execCh.close().catch(() => undefined);
  }
  return {
    host,
    tickMs: median(ticks),
    sshTrueMs: median(trues),
    firstCollectMs: median(firsts),
    execPerSectionMs: median(execs),
    bytesPerTick: median(bytes),
    remoteCpuMs: (cpuTicks * 10) / Math.max(1, cpuTicked),
    reps,
  };
}
