/** Rows of the Services tree shared by both layouts (systemd-cgls and raw cgroups): lookups, processes, failed units. */
import type { CgroupNode, HostModel, Process, Unit } from '../../src/model/types.js';
import { eachNode } from '../../src/model/walk.js';
import { probePids } from '../../src/model/probe-self.js';
import { bytes } from './format.js';
import { noChildren, type TreeItem } from './tree.js';

export type ProcessItem = (key: string, pid: number, p: Process | undefined) => TreeItem;

export interface Lookups {
  units: Map<string, Unit>;
  procs: Map<number, Process>;
  nodes: Map<string, CgroupNode>;
  /** cosi's own probe processes (src/model/probe-self.ts). */
  probe: Set<number>;
  processItem: ProcessItem;
}

const lookups = new WeakMap<HostModel, Lookups>();

/** Units by name, processes by pid, cgroups by path: built once per model. */
export function lookupsFor(model: HostModel): Lookups {
  let l = lookups.get(model);
  if (!l) {
    const nodes = new Map<string, CgroupNode>();
    if (model.cgroups) eachNode(model.cgroups, (n) => void nodes.set(n.path, n));
    const probe = probePids(model.processes, model.cgroups);
    const processItem: ProcessItem = (key, pid, p) => processRow(key, pid, p, probe.has(pid));
    l = { units: new Map((model.units ?? []).map((u) => [u.name, u])), procs: new Map(model.processes.map((p) => [p.pid, p])), nodes, probe, processItem };
    lookups.set(model, l);
  }
  return l;
}

/** A failed unit has no cgroup (nothing runs in it): a row of its own. */
export function failedItem(u: Unit): TreeItem {
  return {
    key: `unit:${u.name}`,
    label: u.name,
    cells: [`${u.active}/${u.sub}`, '', '', '', '', '', '', ''],
    tone: 'red',
    text: `${u.name} ${u.description} ${u.active}`.toLowerCase(),
    problem: true,
    sort: {},
    defaultExpanded: false,
    children: noChildren,
  };
}

/** Failed units that have no cgroup, by name. */
export function failedWithoutCgroup(root: CgroupNode, units: Unit[]): Unit[] {
  const inTree = new Set<string>();
  eachNode(root, (n) => void (n.unit && inTree.add(n.unit)));
  return units.filter((u) => u.active === 'failed' && !inTree.has(u.name)).sort((a, b) => (a.name < b.name ? -1 : 1));
}

/**
 * A process row; cosi's own probe processes are named, not shown as commandless pids.
 * `key` is unique per place: one process can show under a system service and in the cgroup tree.
 */
function processRow(key: string, pid: number, p: Process | undefined, probe: boolean): TreeItem {
  const cmd = probe ? `cosi probe${p ? ` (${p.comm})` : ''}` : p ? p.args || p.comm : '(exited before ps ran)';
  return {
    key,
    label: `${pid} ${cmd}`,
    cells: [p ? p.state : '', '', p && p.rssBytes !== null ? bytes(p.rssBytes) : '', p?.cpuPercent != null ? `${p.cpuPercent}%` : '', '', '', '', ''],
    // beside cgroups: CPU in cores, memory as its RSS
    sort: { cpu: p?.cpuPercent != null ? p.cpuPercent / 100 : null, memory: p?.rssBytes ?? null, io: null, tasks: null, throttle: null, psi: null },
    tone: p && p.state.startsWith('Z') ? 'yellow' : 'dim',
    problem: p?.state.startsWith('Z') === true,
    text: `${pid} ${cmd} ${p?.user ?? ''}`.toLowerCase(),
    defaultExpanded: false,
    children: noChildren,
  };
}
