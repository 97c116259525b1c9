import type { MemoryFigures } from '../../parsers/meminfo.js';
import type { Psi } from '../../parsers/psi.js';
import type { Memory, Mount } from './types.js';

const SHARED_FS = new Set(['tmpfs', 'ramfs', 'shm']);

/**
 * `free` figures plus what explains them: which tmpfs mounts hold the
 * "shared" memory (one row per filesystem instance, bind mounts counted once).
 */
export function buildMemory(figures: MemoryFigures | null, mounts: Mount[], psi: Psi | null, oomKills: number | null): Memory | null {
  if (!figures) return null;
  const seen = new Set<string>();
  const holders: Memory['sharedHolders'] = [];
  for (const m of mounts) {
    if (!SHARED_FS.has(m.fstype) || !m.usedBytes) continue;
    const key = `${m.majorMinor}|${m.source}`;
    if (seen.has(key)) continue;
    seen.add(key);
    holders.push({ target: m.target, fstype: m.fstype, usedBytes: m.usedBytes });
  }
  holders.sort((a, b) => b.usedBytes - a.usedBytes || a.target.localeCompare(b.target));
  return { ...figures, sharedHolders: holders, psi, oomKills };
}
