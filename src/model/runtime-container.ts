/**
 * One containerd / CRI-O container as the Engines tab shows it, from its task bundle and, for
 * containerd, its record in the metadata store (meta.db): a container without a task is listed
 * from its record alone ('created', or 'stopped' when the CRI recorded its exit).
 */
import type { MetaContainer } from '../../parsers/containerd-meta.js';
import type { ExitRecord, RuntimeTask } from '../../parsers/runtime-state.js';
import { containerCpu, NO_LIMITS, NO_MEMORY, podUidOfComponent, type CgroupOfContainer, type ContainerWithLayer } from './engines.js';
import type { CgroupRate, PodRef } from './types.js';

/** A container of a runtime root: its task (or, without one, its record made into a task that never ran) and its record. */
export interface RuntimeEntry {
  task: RuntimeTask;
  meta: MetaContainer | null;
  hasTask: boolean;
}

/** A container that has a record and no task: what its task would say, had it one that never ran. */
export function taskOfRecord(m: MetaContainer): RuntimeTask {
  return { namespace: m.namespace, id: m.id, pid: null, alive: false, annotations: m.annotations, cgroupsPath: m.cgroupsPath, args: m.args, bundleWritten: null };
}

/** The pod a task belongs to, from the CRI's annotations (containerd) or the kubelet's (CRI-O). */
function podOf(t: RuntimeTask): { pod: PodRef | null; sandbox: boolean; container: string | null; image: string } {
  const a = t.annotations;
  const type = a['io.kubernetes.cri.container-type'] ?? a['io.kubernetes.cri-o.ContainerType'] ?? null;
  const namespace = a['io.kubernetes.cri.sandbox-namespace'] ?? a['io.kubernetes.pod.namespace'];
  const name = a['io.kubernetes.cri.sandbox-name'] ?? a['io.kubernetes.pod.name'];
  // containerd 2 names a sandbox's (pause) image too; containerd 1.x only in its record (meta.db).
  const image = a['io.kubernetes.cri.image-name'] ?? a['io.kubernetes.cri.podsandbox.image-name'] ?? a['io.kubernetes.cri-o.ImageName'] ?? '';
  if (!type || namespace === undefined || name === undefined) return { pod: null, sandbox: false, container: null, image };
  let uid = a['io.kubernetes.cri.sandbox-uid'] ?? a['io.kubernetes.pod.uid'] ?? '';
  if (!uid && t.cgroupsPath) {
    for (const c of t.cgroupsPath.split(/[/:]/)) uid = podUidOfComponent(c) ?? uid;
  }
  const sandbox = type === 'sandbox';
  const container = sandbox ? 'POD' : (a['io.kubernetes.cri.container-name'] ?? a['io.kubernetes.container.name'] ?? null);
  return { pod: { namespace, name, uid }, sandbox, container, image };
}

/** CRI-O's Created annotation (RFC 3339, nanoseconds) -> Unix seconds. */
function rfc3339Seconds(v: string | undefined): number | null {
  const m = v === undefined ? null : /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.\d+)?(Z|[+-]\d\d:\d\d)$/.exec(v);
  const ms = m ? Date.parse(`${m[1]!}${m[2]!}`) : NaN;
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : null;
}

type Created = Pick<ContainerWithLayer, 'createdAt' | 'createdFrom'>;

/** When it was created: the CRI's record, else containerd's record (meta.db), else its bundle's writing. */
function createdOf(e: RuntimeEntry, created: Record<string, number>): Created {
  const t = e.task;
  const cri = created[t.id] ?? rfc3339Seconds(t.annotations['io.kubernetes.cri-o.Created']);
  if (cri !== undefined && cri !== null) return { createdAt: cri, createdFrom: 'cri' };
  if (e.meta?.createdAt != null) return { createdAt: e.meta.createdAt, createdFrom: 'metadata' };
  return t.bundleWritten === null ? { createdAt: null, createdFrom: null } : { createdAt: t.bundleWritten, createdFrom: 'task-bundle' };
}

function exitText(e: ExitRecord): string {
  return `last exit ${e.code}${e.reason && e.reason !== 'Error' && e.reason !== 'Completed' ? ` (${e.reason})` : ''}`;
}

export interface ContainerContext {
  restarts: Map<string, number>;
  lastExit: (id: string, pod: PodRef | null, name: string | null) => ExitRecord | null;
  /** Its own exit, as the CRI recorded it (a container without a task that ran). */
  ownExit: (id: string) => ExitRecord | null;
  namespaced: boolean;
  rates: Map<string, CgroupRate>;
  created: Record<string, number>;
}

/** running (its task's process lives), stopped (its task ended, or the CRI saw it exit), created (never ran). */
function stateOf(e: RuntimeEntry, ctx: ContainerContext): 'running' | 'stopped' | 'created' {
  if (e.hasTask) return e.task.alive ? 'running' : 'stopped';
  return ctx.ownExit(e.task.id) ? 'stopped' : 'created';
}

export function runtimeContainer(e: RuntimeEntry, g: CgroupOfContainer | null, ctx: ContainerContext): ContainerWithLayer {
  const t = e.task;
  const p = podOf(t);
  const n = p.pod && p.container && !p.sandbox ? (ctx.restarts.get(`${p.pod.uid}/${p.container}`) ?? 0) : null;
  const state = stateOf(e, ctx);
  const running = state === 'running';
  const exit = ctx.lastExit(t.id, p.pod, p.sandbox ? null : p.container);
  const first = running ? `pid ${t.pid}` : e.hasTask ? 'stopped' : 'no task';
  const status = [first, exit ? exitText(exit) : '', n ? `${n} restart${n === 1 ? '' : 's'}` : ''].filter(Boolean).join(' · ');
  return {
    id: t.id,
    name: t.id,
    // what `ctr containers ls` shows (its record), else the CRI's annotation of the spec
    image: e.meta?.image || p.image,
    state,
    status,
    ...createdOf(e, ctx.created),
    restarts: n,
    ...(running && g ? g.memory : NO_MEMORY),
    pids: running && g ? g.pids : null,
    limits: g?.limits ?? NO_LIMITS,
    ...containerCpu(g, running, ctx.rates),
    oomKilled: null,
    oomKills: running && g ? g.oomKills : null,
    ports: '',
    command: t.args.join(' '),
    cgroupPath: g?.path ?? null,
    mounts: [],
    networks: [],
    health: null,
    labels: t.annotations,
    env: [],
    upperDir: null,
    ...(ctx.namespaced ? { namespace: t.namespace } : {}),
    pod: p.pod,
    ...(p.container ? { podContainer: p.container } : {}),
    ...(p.pod ? { sandbox: p.sandbox } : {}),
    lastExit: exit,
  };
}
