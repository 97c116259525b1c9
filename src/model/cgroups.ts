import { parentOf, type CgroupEntry } from '../../parsers/cgroups.js';
import type { CgroupIoRate, CgroupNode, CgroupRate, ContainerRef } from './types.js';
import { eachNode } from './walk.js';

/** What the cgroups parser gives: one flat entry per cgroup path, ancestors included. */
const UNIT_SUFFIX = /\.(service|scope|slice|socket|mount|swap|target)$/;

/**
 * Builds the cgroup tree; names a node's unit and container. Children in the order the host listed
 * them (the kernel's directory order, as systemd-cgls shows them), then those it did not list by name.
 */
export function buildCgroupTree(rows: CgroupEntry[], containerFor: (path: string) => ContainerRef | null, rates: Map<string, CgroupRate> = new Map(), ioRates: Map<string, CgroupIoRate> = new Map()): CgroupNode | null {
  if (rows.length === 0) return null;
  const nodes = new Map<string, CgroupNode>();
  const make = (path: string): CgroupNode => {
    const name = path === '/' ? '/' : path.slice(path.lastIndexOf('/') + 1);
    return { path, name, pids: [], memoryBytes: null, tasks: null, oomKills: null, cpu: null, io: null, pressure: null, limits: { memoryBytes: null, cpuCores: null, pids: null }, unit: UNIT_SUFFIX.test(name) ? name : null, container: containerFor(path), children: [] };
  };
  // Iterative: a path thousands of levels deep must not overflow the stack.
  const get = (path: string): CgroupNode => {
    const found = nodes.get(path);
    if (found) return found;
    const made: CgroupNode[] = [];
    let p = path;
    let parent: CgroupNode | undefined;
    for (;;) {
      const n = make(p);
      nodes.set(p, n);
      made.push(n);
      if (p === '/') break;
      p = parentOf(p);
      parent = nodes.get(p);
      if (parent) break;
    }
    for (let i = 0; i < made.length - 1; i++) made[i + 1].children.push(made[i]);
    if (parent) parent.children.push(made[made.length - 1]);
    return made[0];
  };
  get('/');
  const order = new Map<CgroupNode, number>();
  for (const r of rows) {
    const n = get(r.path);
    if (r.order !== undefined) order.set(n, r.order);
    n.pids = r.pids;
    n.memoryBytes = r.memoryBytes;
    if (r.memoryInactiveFileBytes !== null) n.memoryCacheBytes = r.memoryInactiveFileBytes;
    n.tasks = r.tasks;
    n.oomKills = r.oomKills;
    n.cpu = rates.get(r.path) ?? null;
    n.io = ioRates.get(r.path) ?? null;
    n.pressure = r.pressure;
    n.limits = { memoryBytes: r.memoryLimitBytes, cpuCores: r.cpu?.limitCores ?? null, pids: r.pidsLimit };
  }
  const rank = (n: CgroupNode) => order.get(n) ?? Infinity;
  for (const n of nodes.values()) n.children.sort((a, b) => rank(a) - rank(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return nodes.get('/') ?? null;
}


/** pid -> cgroup path, for attaching processes. */
export function cgroupOfPid(rows: CgroupEntry[]): Map<number, string> {
  const out = new Map<number, string>();
  for (const r of rows) for (const pid of r.pids) out.set(pid, r.path);
  return out;
}

/** OOM kills: v2 memory.events counts descendants, so sum the root's children; v1 counts are local. */
export function totalOomKills(root: CgroupNode | null, version: string): number | null {
  if (!root) return null;
  const sum = (nodes: CgroupNode[]) => nodes.reduce<number | null>((a, n) => (n.oomKills === null ? a : (a ?? 0) + n.oomKills), null);
  if (version === 'v2') return sum(root.children);
  const all: CgroupNode[] = [];
  eachNode(root, (n) => {
    all.push(n);
  });
  return sum(all);
}
