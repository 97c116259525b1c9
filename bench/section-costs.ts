/**
 * What each probe section costs a host (issue #13), by hand: `npx tsx bench/section-costs.ts HOST
 * [SSH_CONFIG] [RUNS] [OUT.json]` (hold /tmp/cosi-measure.lock around it). One SSH shell: a first
 * full tick (its sections' wall times from the E frames are what src/probe/budget.ts sees; OUT
 * keeps them, the recorded costs of test/unit/probe/budget.test.ts), then per section RUNS runs of
 * it alone in the same shell, as a steady tick sends it (S frame when unchanged): the remote
 * shell's utime+stime+cutime+cstime (10 ms ticks) over the batch, per run. Then the pieces of a
 * steady tick that are no section: an empty probe (the framing), the /proc glob of the process
 * markers.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { buildProbeScript, newNonce, terminatorFor } from '../src/probe/build.js';
import { SECTIONS } from '../src/probe/sections.js';
import { ProbeTransport } from '../src/transport/probe-transport.js';
import { channel, labConfig, shellCpuTicks } from './ssh.js';

const [host = 'lab-coreos', config = labConfig(process.cwd()), runsArg = '5', out] = process.argv.slice(2);
const runs = Number(runsArg);
const ch = channel(process.cwd(), host, 'shell', config);
const probe = new ProbeTransport(ch, { timeoutMs: 120_000 });
const limits = { timeoutMs: 120_000, totalMs: 1_200_000, maxBytes: 64 * 1024 * 1024 };

/** Remote CPU ms per run of `script` (RUNS runs, one batch). */
async function cpuPerRun(script: () => string, terminator: (s: string) => string = (s) => s): Promise<number> {
  const c0 = await shellCpuTicks(ch);
  for (let i = 0; i < runs; i++) {
    const s = script();
    await ch.run(s, terminator(s), limits);
  }
  return ((await shellCpuTicks(ch)) - c0) * 10 / runs;
}

const load = (): string => readFileSync('/proc/loadavg', 'utf8').trim();

try {
  const start = new Date().toISOString();
  await ch.open();
  const load0 = load();
  const c0 = await shellCpuTicks(ch);
  const first = await probe.collect();
  const firstCpu = ((await shellCpuTicks(ch)) - c0) * 10;
  const wall: Record<string, number> = {};
  for (const [id, s] of Object.entries(first.sections)) wall[id] = s.ms ?? 0;
  const cpu: Record<string, number> = {};
  for (const s of SECTIONS) {
    if (!first.sections[s.id]) continue;
    let nonce = '';
    cpu[s.id] = await cpuPerRun(
      () => buildProbeScript([s], (nonce = newNonce()), { same: new Set([s.id]) }),
      () => terminatorFor(nonce),
    );
    process.stderr.write(`${s.id}: wall ${wall[s.id]} ms (first tick), cpu ${cpu[s.id]} ms per run\n`);
  }
  // proc-cpu with the shell's read loop (hosts without grep and awk; before #13's scan)
  const pc = SECTIONS.find((s) => s.id === 'proc-cpu')!;
  let n2 = '';
  cpu['proc-cpu (builtins)'] = await cpuPerRun(() => buildProbeScript([{ ...pc, script: `_cosi_pcl=1\n${pc.script}` }], (n2 = newNonce())), () => terminatorFor(n2));
  let nonce = '';
  const empty = await cpuPerRun(() => buildProbeScript([], (nonce = newNonce())), () => terminatorFor(nonce));
  const glob = await cpuPerRun(() => `set -- /proc/[0-9]*; _m="$*"; set --\nprintf '\\n%s\\n' @@GLOB-DONE\n`, () => '@@GLOB-DONE');
  const result = { host, start, end: new Date().toISOString(), load: [load0, load()], firstTickCpuMs: firstCpu, runs, ms: wall, cpuMs: cpu, emptyProbeCpuMs: empty, procGlobCpuMs: glob };
  process.stdout.write(JSON.stringify(result, null, 1) + '\n');
  if (out) writeFileSync(out, JSON.stringify(result, null, 1) + '\n');
} finally {
  await probe.close().catch(() => undefined);
}
