import type { MemoryFigures } from '../../parsers/meminfo.js';

/** `free -b -w` columns: Mem total used free shared buffers cache available; Swap total used free. */
export function freeColumns(out: string): { mem: number[]; swap: number[] } {
  const row = (label: string) =>
    (out.split('\n').find((l) => l.startsWith(label)) ?? '').trim().split(/\s+/).slice(1).map(Number);
  return { mem: row('Mem:'), swap: row('Swap:') };
}

/** Our memory figures in the columns of `free -b -w`. */
export function asFreeColumns(m: MemoryFigures): { mem: number[]; swap: number[] } {
  return {
    mem: [m.totalBytes, m.usedBytes, m.freeBytes, m.sharedBytes, m.buffersBytes, m.cacheBytes, m.availableBytes],
    swap: [m.swapTotalBytes, m.swapTotalBytes - m.swapFreeBytes, m.swapFreeBytes],
  };
}
