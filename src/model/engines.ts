import { parseInspect, parseVersion, type ContainerDetail } from '../../parsers/docker-api.js';
import { parseAnyContainerList, parseAnyInfo } from '../../parsers/docker-cli-output.js';
import type { EnginesDiscovery } from '../../parsers/engines-discovery.js';
import { sanitize } from '../../parsers/sanitize.js';
import type { ParseIssue } from '../../parsers/types.js';
import { issue } from '../../parsers/issues.js';
import type { CgroupRate, Container, ContainerLimits, ContainerRef, Engine, PodRef } from './types.js';
import type { RawEngine, RawSnapshot } from '../snapshot/types.js';
import { statusOfFailure } from '../engines/errors.js';
import type { EngineFailure } from '../snapshot/engine-failure.js';
import { labelSocket, planEngines, socketKey, type EnginePlanEntry } from '../engines/plan.js';
import type { CgroupEntry } from '../../parsers/cgroups.js';
import { cgroupFigures, containerIdOfComponent, dockerStatsMemory, indexCgroups, NO_LIMITS, NO_MEMORY, type CgroupFigures, type CgroupOfContainer } from './container-cgroups.js';

export { cgroupFigures, containerIdOfComponent, dockerStatsMemory, indexCgroups, NO_LIMITS, NO_MEMORY, type CgroupFigures, type CgroupOfContainer };

/** A container plus its overlay upper directory, for the Mounts join (dropped before the model is shown). */
export type ContainerWithLayer = Container & { upperDir: string | null };
export type EngineWithLayers = Omit<Engine, 'containers'> & { containers: ContainerWithLayer[] };

// kubelet cgroupfs driver "pod<uid>", systemd driver "kubepods-besteffort-pod<uid with _>.slice".
const POD_COMPONENT = /^(?:kubepods(?:-[a-z]+)*-)?pod([0-9a-f]{8}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{12})(?:\.slice)?$/;

/** The pod uid a cgroup path component names, or null. */
export function podUidOfComponent(component: string): string | null {
  const m = POD_COMPONENT.exec(component);
  return m ? m[1]!.replaceAll('_', '-') : null;
}

/**
 * Engines as the Engines tab shows them, from the raw answers (live or from
 * a snapshot file), the plan (for engines absent from `raw`) and the
 * cgroup figures of the same probe. Never throws; what could not be read is
 * in each engine's status and message, and parse problems go to `issues`
 * (for the engines section status).
 */
export function buildEngines(raw: RawEngine[], plan: EnginePlanEntry[] | null, cgroups: CgroupFigures[], issues: ParseIssue[] = [], rates: Map<string, CgroupRate> = new Map()): EngineWithLayers[] {
  const cg = indexCgroups(cgroups);
  const out = raw.map((r) => buildOne(r, cg, issues, rates));
  for (const p of plan ?? []) {
    if (raw.some((r) => socketKey(r.socket) === socketKey(p.socket))) continue;
    out.push({
      ...emptyEngine(p.name, p.kind, p.socket),
      status: p.status ?? 'unknown',
      failure: p.failure ?? { code: 'not-read' },
    });
  }
  return out;
}

function emptyEngine(name: string, kind: Engine['kind'], socket: string): EngineWithLayers {
  return {
    name,
    kind,
    socket,
    status: 'unknown',
    failure: null,
    version: null,
    apiVersion: null,
    storageDriver: null,
    backingFilesystem: null,
    rootDir: null,
    cgroupDriver: null,
    cgroupVersion: null,
    counts: null,
    containers: [],
  };
}

function cleanFailure(f: EngineFailure): EngineFailure {
  return f.detail === undefined ? { code: f.code } : { code: f.code, detail: sanitize(f.detail) };
}

/** CPU of a running container's cgroup between two readings, as docker stats counts it (% of one core). */
export function containerCpu(g: CgroupOfContainer | null, running: boolean, rates: Map<string, CgroupRate>): Pick<Container, 'cpuPercent' | 'throttledPercent'> {
  const r = running && g ? rates.get(g.path) : undefined;
  return { cpuPercent: r ? Math.round(r.cores * 1000) / 10 : null, throttledPercent: r ? r.throttledPercent : null };
}

function buildOne(r: RawEngine, cg: Map<string, CgroupOfContainer>, issues: ParseIssue[], rates: Map<string, CgroupRate>): EngineWithLayers {
  // Snapshot files are host data too: names and failure details pass the sanitizer.
  const e = emptyEngine(sanitize(r.name), labelSocket(r.socket).kind, sanitize(r.socket));
  if (r.failure) {
    e.status = statusOfFailure(r.failure);
    e.failure = cleanFailure(r.failure);
    return e;
  }
  const add = (xs: ParseIssue[]) => issues.push(...xs.map((i) => ({ ...i, source: e.name })));
  const v = parseVersion(r.answers['/version'] ?? '');
  add(v.issues);
  if (!v.value) {
    e.status = 'error';
    e.failure = { code: 'no-version' };
    return e;
  }
  e.status = 'up';
  if (r.cut) e.cut = { containers: r.cut.containers, capBytes: r.cut.capBytes };
  e.version = v.value.version;
  e.apiVersion = v.value.apiVersion || null;

  const infoText = r.answers['/info'];
  let images: number | null = null;
  if (infoText !== undefined) {
    const info = parseAnyInfo(infoText);
    add(info.issues);
    const i = info.value;
    if (i) {
      e.storageDriver = i.storageDriver;
      e.backingFilesystem = i.backingFilesystem;
      e.rootDir = i.rootDir;
      e.cgroupDriver = i.cgroupDriver;
      e.cgroupVersion = i.cgroupVersion;
      images = i.images;
      if (i.running !== null && i.paused !== null && i.stopped !== null) {
        e.counts = { running: i.running, paused: i.paused, stopped: i.stopped, images: i.images ?? 0 };
      }
    }
  } else add([issue('engine-no-info', {})]);

  const listText = r.answers['/containers/json?all=1'];
  if (listText === undefined) {
    add([issue('engine-no-list', {})]);
    return e;
  }
  const list = parseAnyContainerList(listText);
  add(list.issues);
  e.containers = list.value
    .map((s): ContainerWithLayer => {
      const detailText = r.answers[`/containers/${s.id}/json`];
      const detail = detailText === undefined ? null : parseInspect(detailText);
      if (detail) add(detail.issues);
      const d: ContainerDetail | null = detail?.value ?? null;
      const g = cg.get(s.id) ?? null;
      const running = s.state === 'running' || s.state === 'paused';
      return {
        id: s.id,
        name: s.name || d?.name || s.id.slice(0, 12),
        image: s.image || d?.image || '',
        state: s.state || d?.state || '',
        status: s.status,
        createdAt: s.created ?? d?.created ?? null,
        restarts: d?.restarts ?? null,
        ...(running && g ? g.memory : NO_MEMORY),
        pids: running && g ? g.pids : null,
        limits: g?.limits ?? NO_LIMITS,
        ...containerCpu(g, running, rates),
        oomKilled: d?.oomKilled ?? null,
        oomKills: running && g ? g.oomKills : null,
        ports: s.ports,
        command: s.command || d?.command || '',
        cgroupPath: g?.path ?? null,
        mounts: d?.mounts ?? [],
        networks: d?.networks.length ? d.networks : s.networks,
        health: d?.health ?? null,
        labels: d ? d.labels : s.labels,
        env: d?.env ?? [],
        upperDir: d?.upperDir ?? null,
      };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
  if (e.counts === null && images !== null) {
    // Daemons before API 1.24 (Docker 1.12) have no per-state counts in /info: count the list.
    const n = (st: string) => e.containers.filter((c) => c.state === st).length;
    e.counts = { running: n('running') + n('restarting'), paused: n('paused'), stopped: e.containers.length - n('running') - n('restarting') - n('paused'), images };
  }
  return e;
}

/**
 * Container lookups for the model's joins, built once per model: a 10,000-mount,
 * 3,000-cgroup host asks thousands of times (a scan per question cost seconds).
 */
export class ContainerIndex {
  private readonly byId = new Map<string, ContainerRef>();
  private readonly byUpper = new Map<string, ContainerRef>();
  private readonly byPodUid = new Map<string, ContainerRef>();

  constructor(engines: { name: string; containers: (Container & { upperDir?: string | null })[]; pods?: PodRef[] }[]) {
    for (const e of engines) {
      for (const c of e.containers) {
        const ref = { engine: e.name, id: c.id, name: refName(c) };
        if (!this.byId.has(c.id)) this.byId.set(c.id, ref);
        if (c.upperDir) this.byUpper.set(trimSlashes(c.upperDir), ref);
      }
      for (const p of e.pods ?? []) if (p.uid && !this.byPodUid.has(p.uid)) this.byPodUid.set(p.uid, { engine: e.name, id: p.uid, name: `${p.namespace}/${p.name}`, kind: 'pod' });
    }
  }

  /** The container (or pod) a cgroup belongs to: the deepest path component that names a known container or pod. */
  forCgroup(path: string): ContainerRef | null {
    const comps = path.split('/');
    for (let i = comps.length - 1; i >= 0; i--) {
      const id = containerIdOfComponent(comps[i]);
      const ref = id ? this.byId.get(id) : undefined;
      if (ref) return ref;
      if (this.byPodUid.size > 0 && comps[i].includes('pod')) {
        const uid = podUidOfComponent(comps[i]);
        const pod = uid ? this.byPodUid.get(uid) : undefined;
        if (pod) return pod;
      }
    }
    return null;
  }

  /** The container whose root filesystem is the overlay with this upperdir (RancherOS console's `/`). */
  forUpperdir(upperdir: string): ContainerRef | null {
    return this.byUpper.get(trimSlashes(upperdir)) ?? null;
  }

  /**
   * The pod or container a mount belongs to by where it is mounted: a kubelet volume, secret or
   * projected mount (`.../kubelet/pods/<uid>/...`), a task's rootfs or a sandbox's shm (`.../<id>/...`).
   */
  forMountTarget(target: string): ContainerRef | null {
    if (this.byPodUid.size > 0) {
      const p = KUBELET_POD.exec(target);
      const pod = p ? this.byPodUid.get(p[1]!) : undefined;
      if (pod) return pod;
    }
    const m = RUNTIME_DIR.exec(target);
    return (m && this.byId.get(m[1]!)) || null;
  }
}

const KUBELET_POD = /\/kubelet\/pods\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\/|$)/;
const RUNTIME_DIR = /\/(?:io\.containerd\.runtime\.v2\.task\/[^/]+|sandboxes|overlay-containers)\/([0-9a-f]{64})(?:\/|$)/;

/** How Services, Memory and Mounts name a container: a pod's by namespace/pod/container, others by their name. */
function refName(c: Container): string {
  if (!c.pod) return c.name;
  const pod = `${c.pod.namespace}/${c.pod.name}`;
  return c.sandbox || !c.podContainer ? pod : `${pod}/${c.podContainer}`;
}

function trimSlashes(p: string): string {
  let end = p.length;
  while (end > 1 && p[end - 1] === '/') end--;
  return p.slice(0, end);
}

/**
 * Engines of the host from the raw API answers. A snapshot taken without
 * engine collection still shows the sockets the probe found (from the plan).
 */
export function buildEngineModels(
  raw: RawSnapshot['engines'],
  discovery: EnginesDiscovery | null,
  cgroups: CgroupEntry[],
  issues: ParseIssue[] = [],
  rates: Map<string, CgroupRate> = new Map(),
): EngineWithLayers[] {
  const plan = raw.length === 0 ? planEngines(discovery, { reach: 'socket' }) : null;
  return buildEngines(raw, plan, cgroups, issues, rates);
}
