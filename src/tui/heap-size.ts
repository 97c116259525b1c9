import v8 from 'node:v8';
import type { HostModel } from '../model/types.js';
import type { RawSnapshot } from '../snapshot/types.js';

/**
 * V8's optimize-for-size (a smaller young generation, more collections) brings the parse peak of
 * a 10,000-mount host from ~220 MB to ~160 MB, and costs everywhere else: on a snapshot's idle
 * screen a memory-reducing collection some seconds in (~0.1 s of CPU to return ~9 MB), on a live
 * small host about a fifth more CPU per tick (0.019 -> 0.015 CPU-s/s on lab-coreos without it),
 * and on `cosi connect`'s start more collections while Ink and the views compile. So it is on
 * from the start where a whole host is read at once (snapshot, open, demo, screenshot, logs), and
 * decided by the first complete tick elsewhere: on for a big host (before that tick's parse), off
 * for a small one and once a snapshot's model is built.
 */

/** Below this much section text a whole tick's parse peaks at a few MB: optimize-for-size saves nothing there. */
const SMALL_HOST_BYTES = 2 * 1024 * 1024;

/** Command `command` starts: optimize-for-size for all but `connect`, which waits for its first complete tick. */
export function heapAtStart(command: string): void {
  if (command !== 'connect') v8.setFlagsFromString('--optimize-for-size');
}

/** What the first complete tick `raw` decides: 'size' (a big live host), 'speed', or null (not complete yet: sections pending). */
export function heapFor(raw: RawSnapshot, snapshot: boolean): 'size' | 'speed' | null {
  if (raw.pending?.length) return null;
  if (snapshot) return 'speed';
  return Object.values(raw.sections ?? {}).reduce((a, s) => a + s.bytes, 0) < SMALL_HOST_BYTES ? 'speed' : 'size';
}

/**
 * `buildModel` that sets the heap mode once, by the first complete tick: 'size' before its parse
 * (a big host's peak is there), 'speed' after it (a snapshot file's parse keeps the smaller peak).
 */
export function heapByFirstTick(buildModel: (raw: RawSnapshot) => HostModel, snapshot: boolean): (raw: RawSnapshot) => HostModel {
  let decided = false;
  return (raw) => {
    const mode = decided ? null : heapFor(raw, snapshot);
    if (mode !== null) decided = true;
    if (mode === 'size') v8.setFlagsFromString('--optimize-for-size');
    const model = buildModel(raw);
    if (mode === 'speed') v8.setFlagsFromString('--no-optimize-for-size');
    return model;
  };
}
