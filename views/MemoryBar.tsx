import { Text } from 'ink';
import type { Memory } from '../src/model/types.js';
import { Bar } from './widgets/Bar.js';
import { bytes } from './present/format.js';

/** used | shared (tmpfs) | buffers/cache | free, so the bar explains where the memory went. */
export function memorySegments(m: Memory) {
  const cache = m.buffersBytes + m.cacheBytes;
  const shared = Math.min(m.sharedBytes, cache);
  return [
    { value: m.usedBytes, color: 'red' },
    { value: shared, color: 'magenta' },
    { value: Math.max(0, cache - shared), color: 'blue' },
  ];
}

export function MemoryBar({ m, width }: { m: Memory; width: number }) {
  return <Bar segments={memorySegments(m)} total={m.totalBytes} width={width} />;
}

export function MemoryLegend({ m }: { m: Memory }) {
  const cache = m.buffersBytes + m.cacheBytes;
  return (
    <Text wrap="truncate-end">
      <Text color="red">█</Text> used {bytes(m.usedBytes)} <Text color="magenta">█</Text> shared {bytes(m.sharedBytes)}{' '}
      <Text color="blue">█</Text> buff/cache {bytes(cache)} <Text dimColor>·</Text> free {bytes(m.freeBytes)} of {bytes(m.totalBytes)} ·
      available {bytes(m.availableBytes)}
    </Text>
  );
}
