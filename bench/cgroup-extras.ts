/**
 * What the per-cgroup readings of issue #15 (CPU, I/O, pressure, limits) cost on the host: the
 * remote CPU time of a full tick (every section, as a connection's first tick and every
 * SLOW_EVERY-th tick run them) with the cgroups section as it is, against the same tick with a
 * cgroups section that leaves those files out (memory, OOM kills, tasks and processes only, as
 * before #15). Same host, same shell, the two interleaved (their order swapped each round),
 * medians. Remote CPU = utime+stime+cutime+cstime of the remote shell (10 ms ticks), so each
 * sample is a batch of ticks.
 */
import { buildProbeScript, newNonce, terminatorFor } from '../src/probe/build.js';
import { cgroupsScript } from '../src/probe/scripts.js';
import { SECTIONS } from '../src/probe/sections.js';
import type { SectionSpec } from '../src/probe/section.js';
import type { SshChannel } from '../src/transport/ssh/index.js';
import { measurement, median, type Measurement } from './measure.js';
import { channel, shellCpuTicks } from './ssh.js';

/** Edits that take the extra files out of the cgroups script; each must match (a changed script fails loudly). */
const LEAVE_OUT: [string, string][] = [
  // host uptime and whether the kernel keeps PSI: for the rates and the pressure figures
  ['u=; read -r u _x < /proc/uptime 2>/dev/null && echo "@uptime $u"\n', ''],
  ['{ read -r _x < /proc/pressure/cpu; } 2>/dev/null && echo "@psi"\n', ''],
  // v2: pressure, limits, cpu.stat, io.stat
  ['v2="cpu.pressure memory.pressure io.pressure"', 'v2='],
  // with nothing to read there, the v2 tree of a hybrid host is not walked (an empty list would read every file)
  ['cgroup2) k=unified;', 'cgroup2) [ -z "$v2" ] && continue; k=unified;'],
  [' memory.events memory.max memory.stat"', ' memory.events memory.stat"'],
  ['v2="$v2 pids.current pids.max"', 'v2="$v2 pids.current"'],
  ['case $v1 in *,cpu,*|*,cpuacct,*) ;; *) v2="$v2 cpu.stat cpu.max"; keep="$keep -e ^usage_usec." ;; esac\n', ''],
  ['case $v1 in *,blkio,*) ;; *) v2="$v2 io.stat" ;; esac\n', ''],
  // v1: the memory and pids limits, the cpu/cpuacct and blkio hierarchies
  [' memory.oom_control memory.limit_in_bytes ', ' memory.oom_control '],
  ['f="pids.current pids.max" ;;', 'f=pids.current ;;'],
  ['        *,cpu,*|*,cpuacct,*) k=cpu; f="cpuacct.usage cpu.cfs_quota_us cpu.cfs_period_us cpu.stat" ;;\n', ''],
  ['        *,blkio,*) k=blkio; f=blkio.throttle.io_service_bytes_recursive ;;\n', ''],
];

/** The cgroups script without the #15 readings. */
export function cgroupsScriptWithoutExtras(): string {
  let s = cgroupsScript;
  for (const [from, to] of LEAVE_OUT) {
    if (!s.includes(from)) throw new Error(`bench/cgroup-extras.ts: the cgroups script no longer holds ${JSON.stringify(from)}; update LEAVE_OUT`);
    s = s.replace(from, to);
  }
  return s;
}

/** Ticks per CPU sample: a full tick on the small lab host is a few 10 ms clock ticks. */
const BATCH = 4;

async function batchCpuMs(ch: SshChannel, sections: readonly SectionSpec[]): Promise<number> {
  const c0 = await shellCpuTicks(ch);
  for (let i = 0; i < BATCH; i++) {
    const nonce = newNonce();
    await ch.run(buildProbeScript(sections, nonce), terminatorFor(nonce), { timeoutMs: 60_000, totalMs: 600_000, maxBytes: 64 << 20 });
  }
  return (((await shellCpuTicks(ch)) - c0) * 10) / BATCH;
}

export async function cgroupExtrasRows(root: string, host: string, reps: number, log: (s: string) => void): Promise<Measurement[]> {
  const without = cgroupsScriptWithoutExtras();
  const full = SECTIONS;
  const base = SECTIONS.map((s) => (s.id === 'cgroups' ? { ...s, script: without } : s));
  const cgFull = SECTIONS.filter((s) => s.id === 'cgroups');
  const cgBase = base.filter((s) => s.id === 'cgroups');
  const t = { full: [] as number[], base: [] as number[], cgFull: [] as number[], cgBase: [] as number[] };
  log(`cgroup extras on ${host}: ${reps} rounds x ${BATCH} full ticks with and without them, interleaved...`);
  const ch = channel(root, host, 'shell');
  try {
    await ch.open();
    await batchCpuMs(ch, full); // warm the host's caches for both
    for (let i = 0; i < reps; i++) {
      const order = i % 2 === 0 ? (['full', 'base'] as const) : (['base', 'full'] as const);
      for (const which of order) {
        t[which].push(await batchCpuMs(ch, which === 'full' ? full : base));
        t[which === 'full' ? 'cgFull' : 'cgBase'].push(await batchCpuMs(ch, which === 'full' ? cgFull : cgBase));
      }
    }
  } finally {
    await ch.close().catch(() => undefined);
  }
  const note = `utime+stime+cutime+cstime of the remote shell per tick, medians of ${reps} batches of ${BATCH} (interleaved); without = the cgroups section leaving out cpu.stat/cpuacct.usage, cpu.max/cfs quota, io.stat/blkio, *.pressure, memory.max/limit_in_bytes, pids.max and /proc/uptime`;
  return [
    measurement(`remote CPU of a full tick, cgroups with the #15 readings (CPU, io, pressure, limits) vs without, ${host}`, median(t.full), 'ms', median(t.base), { kind: 'ratio', op: '<=', limit: 1.1 }, note),
    measurement(`remote CPU of the cgroups section alone, with vs without the #15 readings, ${host}`, median(t.cgFull), 'ms', median(t.cgBase), null, 'the same batches, the cgroups section only'),
  ];
}
