/**
 * containerd (k3s's too) and CRI-O as engines, from the `runtimes` section (their task bundles read
 * as files; parsers/runtime-state.ts): containers with their namespace and pod, pods with their
 * sandbox folded in, restarts from the kubelet's /var/log/pods file names, memory and pids from
 * the container and pod cgroups of the same tick (kubepods/.../pod<uid>/<id>).
 */
import type { ExitRecord, PodLogFile, RuntimeRoot, RuntimeState, RuntimeTask } from '../../parsers/runtime-state.js';
import { cgroupFigures, containerCpu, indexCgroups, NO_LIMITS, NO_MEMORY, podUidOfComponent, type CgroupFigures, type CgroupOfContainer, type EngineWithLayers, type ContainerWithLayer } from './engines.js';
import type { CgroupRate, Pod, PodRef } from './types.js';

const ENGINE: Record<RuntimeRoot['kind'], { name: string; kind: 'containerd' | 'cri-o'; socket: string }> = {
  containerd: { name: 'containerd', kind: 'containerd', socket: '/run/containerd/containerd.sock' },
  k3s: { name: 'k3s containerd', kind: 'containerd', socket: '/run/k3s/containerd/containerd.sock' },
  'cri-o': { name: 'cri-o', kind: 'cri-o', socket: '/var/run/crio/crio.sock' },
};

/** The pod a task belongs to, from the CRI's annotations (containerd) or the kubelet's (CRI-O). */
function podOf(t: RuntimeTask): { pod: PodRef | null; sandbox: boolean; container: string | null; image: string } {
  const a = t.annotations;
  const type = a['io.kubernetes.cri.container-type'] ?? a['io.kubernetes.cri-o.ContainerType'] ?? null;
  const namespace = a['io.kubernetes.cri.sandbox-namespace'] ?? a['io.kubernetes.pod.namespace'];
  const name = a['io.kubernetes.cri.sandbox-name'] ?? a['io.kubernetes.pod.name'];
  // containerd 2 names a sandbox's (pause) image too; containerd 1.x does not (unknown, '').
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

/** systemd's "kubepods-besteffort-pod1.slice:cri-containerd:ID" -> its cgroup path; cgroupfs paths stay. */
export function cgroupOfSpec(cgroupsPath: string): string {
  if (cgroupsPath.startsWith('/')) return cgroupsPath;
  const [slice, prefix, name] = cgroupsPath.split(':');
  if (!slice || !slice.endsWith('.slice') || name === undefined) return `/${cgroupsPath}`;
  const parts = slice.slice(0, -'.slice'.length).split('-');
  const dirs = parts.map((_, i) => `${parts.slice(0, i + 1).join('-')}.slice`);
  return `/${[...dirs, `${prefix ? `${prefix}-` : ''}${name}.scope`].join('/')}`;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function restartsIndex(logs: PodLogFile[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of logs) {
    const k = `${f.uid}/${f.container}`;
    out.set(k, Math.max(out.get(k) ?? 0, f.attempt));
  }
  return out;
}

/**
 * One engine per runtime root found. `shown` holds the container ids other engines already list
 * (dockerd keeps its tasks in containerd's `moby` namespace): those tasks are left out.
 */
export function buildRuntimeEngines(state: RuntimeState | null, cgroups: CgroupFigures[], shown: Set<string>, rates: Map<string, CgroupRate> = new Map()): EngineWithLayers[] {
  if (!state) return [];
  const byId = indexCgroups(cgroups);
  const byPath = new Map(cgroups.map((g) => [g.path, g]));
  const podCgroups = new Map<string, CgroupFigures>();
  for (const g of cgroups) {
    const uid = podUidOfComponent(g.path.slice(g.path.lastIndexOf('/') + 1));
    if (uid && !podCgroups.has(uid)) podCgroups.set(uid, g);
  }
  const restarts = restartsIndex(state.podLogs);
  const lastExit = lastExitOf(state);
  const cgroupOf = (t: RuntimeTask): CgroupOfContainer | null => {
    const g = t.cgroupsPath ? byPath.get(cgroupOfSpec(t.cgroupsPath)) : undefined;
    return g ? cgroupFigures(g, cgroups) : (byId.get(t.id) ?? null);
  };
  const roots = state.roots.filter((r) => r.tasks.length === 0 || r.tasks.some((t) => !shown.has(t.id)));
  // A root whose every task another engine shows is that engine's containerd (Debian's docker.io): not listed.
  return roots.map((root) => {
    const spec = ENGINE[root.kind];
    const containers = root.tasks.filter((t) => !shown.has(t.id)).map((t) => container(t, cgroupOf(t), restarts, lastExit, root.kind !== 'cri-o', rates, state.created));
    containers.sort((a, b) => cmp(a.namespace ?? '', b.namespace ?? '') || cmp(a.id, b.id));
    const running = containers.filter((c) => c.state === 'running').length;
    const e: EngineWithLayers = {
      name: spec.name,
      kind: spec.kind,
      socket: spec.socket,
      status: root.socket ? 'up' : 'down',
      failure: root.socket ? null : { code: 'no-socket' },
      version: null,
      apiVersion: null,
      storageDriver: null,
      backingFilesystem: null,
      rootDir: root.dir,
      cgroupDriver: null,
      cgroupVersion: null,
      counts: { running, paused: 0, stopped: containers.length - running, images: 0 },
      containers,
      pods: pods(containers, podCgroups, cgroups),
    };
    return e;
  });
}

/**
 * A container's last exit: its own (a stopped task), else the latest earlier attempt of the same
 * pod container (the kubelet makes a new container per restart; /var/log/containers names them).
 */
function lastExitOf(state: RuntimeState): (id: string, pod: PodRef | null, name: string | null) => ExitRecord | null {
  const attempts = new Map<string, string[]>();
  for (const l of state.links) {
    const k = `${l.namespace}/${l.pod}/${l.container}`;
    attempts.set(k, [...(attempts.get(k) ?? []), l.id]);
  }
  return (id, pod, name) => {
    const ids = pod && name ? [id, ...(attempts.get(`${pod.namespace}/${pod.name}/${name}`) ?? [])] : [id];
    let best: ExitRecord | null = null;
    for (const x of ids) {
      const e = state.exits[x];
      if (e && (best === null || (e.finishedAt ?? -1) > (best.finishedAt ?? -1))) best = e;
    }
    return best;
  };
}

/** CRI-O's Created annotation (RFC 3339, nanoseconds) -> Unix seconds. */
function rfc3339Seconds(v: string | undefined): number | null {
  const m = v === undefined ? null : /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.\d+)?(Z|[+-]\d\d:\d\d)$/.exec(v);
  const ms = m ? Date.parse(`${m[1]!}${m[2]!}`) : NaN;
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : null;
}

/** When it was created: the CRI's record (containerd's status file, CRI-O's annotation), else its bundle's writing. */
function createdOf(t: RuntimeTask, created: Record<string, number>): { createdAt: number | null; createdFrom: 'cri' | 'task-bundle' | null } {
  const cri = created[t.id] ?? rfc3339Seconds(t.annotations['io.kubernetes.cri-o.Created']);
  if (cri !== undefined && cri !== null) return { createdAt: cri, createdFrom: 'cri' };
  return t.bundleWritten === null ? { createdAt: null, createdFrom: null } : { createdAt: t.bundleWritten, createdFrom: 'task-bundle' };
}

function exitText(e: ExitRecord): string {
  return `last exit ${e.code}${e.reason && e.reason !== 'Error' && e.reason !== 'Completed' ? ` (${e.reason})` : ''}`;
}

function container(t: RuntimeTask, g: CgroupOfContainer | null, restarts: Map<string, number>, lastExit: ReturnType<typeof lastExitOf>, namespaced: boolean, rates: Map<string, CgroupRate>, created: Record<string, number>): ContainerWithLayer {
  const p = podOf(t);
  const n = p.pod && p.container && !p.sandbox ? (restarts.get(`${p.pod.uid}/${p.container}`) ?? 0) : null;
  const running = t.alive;
  const exit = lastExit(t.id, p.pod, p.sandbox ? null : p.container);
  const status = [running ? `pid ${t.pid}` : 'stopped', exit ? exitText(exit) : '', n ? `${n} restart${n === 1 ? '' : 's'}` : ''].filter(Boolean).join(' · ');
  return {
    id: t.id,
    name: t.id,
    image: p.image,
    state: running ? 'running' : 'stopped',
    status,
    ...createdOf(t, created),
    restarts: n,
    ...(running && g ? g.memory : NO_MEMORY),
    pids: running && g ? g.pids : null,
    limits: g?.limits ?? NO_LIMITS,
    ...containerCpu(g, running, rates),
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
    ...(namespaced ? { namespace: t.namespace } : {}),
    pod: p.pod,
    ...(p.container ? { podContainer: p.container } : {}),
    ...(p.pod ? { sandbox: p.sandbox } : {}),
    lastExit: exit,
  };
}

function pods(containers: ContainerWithLayer[], podCgroups: Map<string, CgroupFigures>, cgroups: CgroupFigures[]): Pod[] {
  const out = new Map<string, Pod>();
  for (const c of containers) {
    if (!c.pod) continue;
    const key = `${c.pod.namespace}/${c.pod.name}/${c.pod.uid}`;
    let p = out.get(key);
    if (!p) {
      const g = podCgroups.get(c.pod.uid);
      const f = g ? cgroupFigures(g, cgroups) : null;
      p = { ...c.pod, sandboxId: null, state: 'no-sandbox', cgroupPath: f?.path ?? null, memoryBytes: f?.memory.memoryUsageBytes ?? null, pids: f?.pids ?? null };
      out.set(key, p);
    }
    if (c.sandbox && (p.sandboxId === null || c.state === 'running')) {
      p.sandboxId = c.id;
      p.state = c.state === 'running' ? 'ready' : 'not-ready';
    }
  }
  return [...out.values()].sort((a, b) => cmp(a.namespace, b.namespace) || cmp(a.name, b.name) || cmp(a.uid, b.uid));
}
