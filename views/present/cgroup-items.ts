/** Rows of the Services tree shared by both layouts (systemd-cgls and raw cgroups): lookups, processes, failed units. */
import type { CgroupNode, HostModel, Process, Unit } from '../../src/model/types.js';
import { eachNode } from '../../src/model/walk.js';
import { probePids } from '../../src/model/probe-self.js';
import { failedOrRestarting } from '../../src/model/unit-state.js';
import { bytes } from './format.js';
import type { Tone } from './list.js';
import { noChildren, type TreeItem } from './tree-item.js';

export type ProcessItem = (key: string, pid: number, p: Process | undefined) => TreeItem;

export interface Lookups {
  readonly units: ReadonlyMap<string, Unit>;
  readonly procs: Map<number, Process>;
  readonly nodes: Map<string, CgroupNode>;
  /** cosi's own probe processes (src/model/probe-self.ts). */
  readonly probe: Set<number>;
  processItem: ProcessItem;
}

const lookups = new WeakMap<HostModel, Lookups>();

/**
 * A list's things by key, made once per list: a big host's lists are held from tick to tick (the
 * cost budget: src/probe/budget.ts; units until their section is read again), so its 5,000
 * processes are not put in a map again with every tick's model.
 */
function indexOnce<K, T>(cache: WeakMap<readonly T[], Map<K, T>>, list: readonly T[], key: (x: T) => K): Map<K, T> {
  let m = cache.get(list);
  if (!m) {
    m = new Map();
    for (const x of list) m.set(key(x), x);
    cache.set(list, m);
  }
  return m;
}
const byPid = new WeakMap<readonly Process[], Map<number, Process>>();
const byName = new WeakMap<readonly Unit[], Map<string, Unit>>();
const NO_UNITS: readonly Unit[] = [];

/**
 * Units by name, processes by pid, cosi's own processes, cgroups by path: built once per model, each
 * when first asked for (the top view needs only the units; cgroups by path: RancherOS services only).
 */
export function lookupsFor(model: HostModel): Lookups {
  let l = lookups.get(model);
  if (!l) {
    let procs: Map<number, Process> | null = null;
    let probe: Set<number> | null = null;
    let nodes: Map<string, CgroupNode> | null = null;
    l = {
      units: indexOnce(byName, model.units ?? NO_UNITS, (u) => u.name),
      get procs() {
        return (procs ??= indexOnce(byPid, model.processes, (p) => p.pid));
      },
      get probe() {
        return (probe ??= probePids(model.processes, model.cgroups, this.procs));
      },
      get nodes() {
        if (!nodes) {
          const m = (nodes = new Map());
          if (model.cgroups) eachNode(model.cgroups, (n) => void m.set(n.path, n));
        }
        return nodes;
      },
      processItem: (key, pid, p) => processRow(key, pid, p, l!.probe.has(pid)),
    };
    lookups.set(model, l);
  }
  return l;
}

/**
 * A failed unit, or one waiting to restart, has no cgroup (nothing runs in it): a row of its own,
 * red when failed, yellow between two runs of a restart loop.
 */
export function unitItem(u: Unit): TreeItem {
  const failed = u.active === 'failed';
  return {
    key: `unit:${u.name}`,
    label: u.name,
    // `auto-restart` alone: "activating/auto-restart" would be cut in the STATE column
    cells: [failed ? `${u.active}/${u.sub}` : u.sub, '', '', '', '', '', '', ''],
    tone: failed ? 'red' : 'yellow',
    text: `${u.name} ${u.description} ${u.active}`.toLowerCase(),
    problem: true,
    sort: {},
    defaultExpanded: false,
    children: noChildren,
  };
}

/** Failed and restarting units that have no cgroup, by name. */
export function unitsWithoutCgroup(root: CgroupNode, units: Unit[]): Unit[] {
  const inTree = new Set<string>();
  eachNode(root, (n) => void (n.unit && inTree.add(n.unit)));
  return units.filter((u) => failedOrRestarting(u) && !inTree.has(u.name)).sort((a, b) => (a.name < b.name ? -1 : 1));
}

/**
 * A process row; cosi's own probe processes are named, not shown as commandless pids.
 * `key` is unique per place: one process can show under a system service and in the cgroup tree.
 * Its label, cells and filter text are made when first read (a big host has 5,000 processes per tick).
 */
class ProcessRow implements TreeItem {
  lastRow: unknown = null;
  readonly tone: Tone;
  readonly problem: boolean;
  readonly sort: Record<string, number | null>;
  readonly defaultExpanded = false;
  readonly children = noChildren;
  readonly hasChildren = false;
  private lower: string | null = null;

  constructor(
    readonly key: string,
    private readonly pid: number,
    private readonly p: Process | undefined,
    private readonly probe: boolean,
  ) {
    const zombie = p?.state.startsWith('Z') === true;
    this.tone = zombie ? 'yellow' : 'dim';
    this.problem = zombie;
    // beside cgroups: CPU in cores, memory as its RSS
    this.sort = { cpu: p?.cpuPercent != null ? p.cpuPercent / 100 : null, memory: p?.rssBytes ?? null, io: null, tasks: null, throttle: null, psi: null };
  }

  private get cmd(): string {
    const p = this.p;
    return this.probe ? `cosi probe${p ? ` (${p.comm})` : ''}` : p ? p.args || p.comm : '(exited before ps ran)';
  }

  get label(): string {
    return `${this.pid} ${this.cmd}`;
  }

  get cells(): string[] {
    const p = this.p;
    return [p ? p.state : '', '', p && p.rssBytes !== null ? bytes(p.rssBytes) : '', p?.cpuPercent != null ? `${p.cpuPercent}%` : '', '', '', '', ''];
  }

  get text(): string {
    return (this.lower ??= `${this.pid} ${this.cmd} ${this.p?.user ?? ''}`.toLowerCase());
  }
}

function processRow(key: string, pid: number, p: Process | undefined, probe: boolean): TreeItem {
  return new ProcessRow(key, pid, p, probe);
}
