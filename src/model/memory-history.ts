import * as P from '../../parsers/index.js';
import type { RawReading } from '../snapshot/types.js';
import { usableText } from './section-status.js';
import type { MemorySample } from './types.js';

/**
 * Memory used/available from a snapshot file's earlier readings of /proc/meminfo (`history`),
 * oldest first; readings without a usable meminfo are left out.
 */
export function memoryHistory(readings: RawReading[] | undefined): MemorySample[] {
  const out: MemorySample[] = [];
  for (const r of readings ?? []) {
    const t = Date.parse(r.takenAt);
    const text = usableText(r.sections.meminfo);
    if (!Number.isFinite(t) || text === '') continue;
    const m = P.memoryFromMeminfo(P.parseMeminfo(text).value).value;
    if (m.totalBytes > 0) out.push({ t, usedBytes: m.usedBytes, availableBytes: m.availableBytes });
  }
  return out.sort((a, b) => a.t - b.t);
}
