import type { CgroupNode, HostModel, Memory } from '../../src/model/types.js';
import { eachNode } from '../../src/model/walk.js';
import { bytes } from './format.js';
import { sortBy, type SortSpec } from './sort.js';

/** The `free`-style table: header + Mem + Swap rows. */
export function freeTable(m: Memory): string[][] {
  return [
    ['', 'total', 'used', 'free', 'shared', 'buff/cache', 'available'],
    ['Mem:', bytes(m.totalBytes), bytes(m.usedBytes), bytes(m.freeBytes), bytes(m.sharedBytes), bytes(m.buffersBytes + m.cacheBytes), bytes(m.availableBytes) + (m.availableEstimated ? '*' : '')],
    ['Swap:', bytes(m.swapTotalBytes), bytes(m.swapTotalBytes - m.swapFreeBytes), bytes(m.swapFreeBytes), '', '', ''],
  ];
}

export interface Consumer {
  key: string;
  name: string;
  bytes: number;
}

const consumersMemo = new WeakMap<HostModel, Consumer[]>();

/**
 * Top memory consumers: the deepest cgroups that carry a unit or container name
 * (services, scopes, containers), largest first, ties by name.
 */
export function topConsumers(model: HostModel): Consumer[] {
  const hit = consumersMemo.get(model);
  if (hit) return hit;
  const out: Consumer[] = [];
  if (model.cgroups) {
    eachNode(model.cgroups, (n) => {
      const named = n.container !== null || (n.unit !== null && !n.unit.endsWith('.slice'));
      if (named && n.memoryBytes !== null && n.path !== '/') {
        out.push({ key: n.path, name: n.container ? `${n.container.name} (${n.container.engine})` : (n.unit ?? n.name), bytes: n.memoryBytes });
        return false;
      }
      if (!named && n.children.length === 0 && n.memoryBytes !== null && n.path !== '/') out.push({ key: n.path, name: n.path, bytes: n.memoryBytes });
    });
  }
  out.sort((a, b) => b.bytes - a.bytes || (a.name < b.name ? -1 : 1));
  consumersMemo.set(model, out);
  return out;
}

/** The top consumers in the Memory tab's sort: memory (largest first) or name; ties by name, then cgroup path. */
export function sortedConsumers(model: HostModel, sort: SortSpec | null): Consumer[] {
  const all = topConsumers(model);
  if (!sort || sort.natural) return all;
  const byName = [...all].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return sortBy(byName, sort, (c, id) => (id === 'memory' ? c.bytes : null));
}
