import v8 from 'node:v8';
import type { HostModel } from '../model/types.js';
import type { RawSnapshot } from '../snapshot/types.js';

/**
 * V8 tuned by the size of the host, decided once by the first complete tick.
 *
 * Heap: V8's optimize-for-size (a smaller young generation, more collections) brings the parse
 * peak of a 10,000-mount host from ~220 MB to ~160 MB, and costs everywhere else: on a snapshot's
 * idle screen a memory-reducing collection some seconds in (~0.1 s of CPU to return ~9 MB), on a
 * live small host about a fifth more CPU per tick (0.019 -> 0.015 CPU-s/s on lab-coreos without
 * it), and on `cosi connect`'s start more collections while Ink and the views compile. So it is on
 * from the start where a whole host is read at once (snapshot, open, demo, screenshot, logs), and
 * decided by the first complete tick elsewhere: on for a big host (before that tick's parse), off
 * for a small one and once a snapshot's model is built.
 *
 * Compiler: on a small host a tick is a few ms of work every 2 s, and TurboFan spent more than
 * that in the first minutes optimizing functions that turn hot only slowly, one call per tick
 * (idle live on lab-coreos: V8's worker threads 22 ticks of 10 ms in 40 s, the main thread 16).
 * There a function is optimized only after about 15 times V8's default budget of bytecode, which
 * code that really runs a lot (a log followed at 1,000 lines/s, a parser's loop) still reaches at
 * once. A big host keeps V8's default: its parse and sorts are where optimized code pays.
 */

/** Below this much section text a whole tick's parse peaks at a few MB: optimize-for-size saves nothing there. */
const SMALL_HOST_BYTES = 2 * 1024 * 1024;

/** V8's --interrupt-budget on a small host (bytes of bytecode run between looks at optimizing; V8 11's default 67,584). */
export const SMALL_HOST_INTERRUPT_BUDGET = 1024 * 1024;

export interface Tuning {
  heap: 'size' | 'speed';
  /** 'hot-only': the small host's interrupt budget. */
  compile: 'default' | 'hot-only';
}

/** Command `command` starts: optimize-for-size for all but `connect`, which waits for its first complete tick. */
export function heapAtStart(command: string): void {
  if (command !== 'connect') v8.setFlagsFromString('--optimize-for-size');
}

/** What the first complete tick `raw` decides, or null (not complete yet: sections pending). */
export function tuningFor(raw: RawSnapshot, snapshot: boolean): Tuning | null {
  if (raw.pending?.length) return null;
  const small = Object.values(raw.sections ?? {}).reduce((a, s) => a + s.bytes, 0) < SMALL_HOST_BYTES;
  return { heap: snapshot || small ? 'speed' : 'size', compile: small ? 'hot-only' : 'default' };
}

/**
 * `buildModel` that tunes V8 once, by the first complete tick: optimize-for-size before its parse
 * (a big host's peak is there), or off after it (a snapshot file's parse keeps the smaller peak);
 * a small host's interrupt budget after it.
 */
export function tunedByFirstTick(buildModel: (raw: RawSnapshot) => HostModel, snapshot: boolean): (raw: RawSnapshot) => HostModel {
  let decided = false;
  return (raw) => {
    const t = decided ? null : tuningFor(raw, snapshot);
    if (t !== null) decided = true;
    if (t?.heap === 'size') v8.setFlagsFromString('--optimize-for-size');
    const model = buildModel(raw);
    if (t?.heap === 'speed') v8.setFlagsFromString('--no-optimize-for-size');
    if (t?.compile === 'hot-only') v8.setFlagsFromString(`--interrupt-budget=${SMALL_HOST_INTERRUPT_BUDGET}`);
    return model;
  };
}
