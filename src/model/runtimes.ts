/**
 * containerd (k3s's too) and CRI-O as engines, from the `runtimes` section (their task bundles read
 * as files; parsers/runtime-state.ts) and containerd's metadata store (`containerd-meta`): containers with their namespace and pod, pods with their
 * sandbox folded in, restarts from the kubelet's /var/log/pods file names, memory and pids from
 * the container and pod cgroups of the same tick (kubepods/.../pod<uid>/<id>).
 */
import type { ContainerdMeta, MetaStore } from '../../parsers/containerd-meta.js';
import type { ExitRecord, PodLogFile, RuntimeRoot, RuntimeState, RuntimeTask } from '../../parsers/runtime-state.js';
import { META_MAX_BYTES } from '../probe/engine-scripts.js';
import { cgroupFigures, indexCgroups, podUidOfComponent, type CgroupFigures, type CgroupOfContainer, type EngineWithLayers, type ContainerWithLayer } from './engines.js';
import { runtimeContainer, taskOfRecord, type RuntimeEntry } from './runtime-container.js';
import type { CgroupRate, Pod, PodRef } from './types.js';

const ENGINE: Record<RuntimeRoot['kind'], { name: string; kind: 'containerd' | 'cri-o'; socket: string }> = {
  containerd: { name: 'containerd', kind: 'containerd', socket: '/run/containerd/containerd.sock' },
  k3s: { name: 'k3s containerd', kind: 'containerd', socket: '/run/k3s/containerd/containerd.sock' },
  'cri-o': { name: 'cri-o', kind: 'cri-o', socket: '/var/run/crio/crio.sock' },
};

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
 * One engine per runtime root found (and per metadata store with containers but no root: containerd
 * down since the last boot). `shown` holds the container ids other engines already list (dockerd
 * keeps its tasks in containerd's `moby` namespace): those are left out. A containerd's metadata
 * store adds the containers that have no task, and the image of every container.
 */
export function buildRuntimeEngines(state: RuntimeState | null, cgroups: CgroupFigures[], shown: Set<string>, rates: Map<string, CgroupRate> = new Map(), meta: ContainerdMeta | null = null): EngineWithLayers[] {
  if (!state && !meta) return [];
  const st: RuntimeState = state ?? { roots: [], podLogs: [], exits: {}, created: {}, links: [] };
  const byId = indexCgroups(cgroups);
  const byPath = new Map(cgroups.map((g) => [g.path, g]));
  const podCgroups = new Map<string, CgroupFigures>();
  for (const g of cgroups) {
    const uid = podUidOfComponent(g.path.slice(g.path.lastIndexOf('/') + 1));
    if (uid && !podCgroups.has(uid)) podCgroups.set(uid, g);
  }
  const ctx = { restarts: restartsIndex(st.podLogs), lastExit: lastExitOf(st), ownExit: (id: string) => st.exits[id] ?? null, rates, created: st.created };
  const cgroupOf = (t: RuntimeTask): CgroupOfContainer | null => {
    const g = t.cgroupsPath ? byPath.get(cgroupOfSpec(t.cgroupsPath)) : undefined;
    return g ? cgroupFigures(g, cgroups) : (byId.get(t.id) ?? null);
  };
  const stores = meta?.stores ?? [];
  const roots = [...st.roots];
  for (const s of stores) {
    if (!roots.some((r) => r.kind === s.kind) && s.containers.length > 0) roots.push({ kind: s.kind, dir: TASK_DIR[s.kind], socket: false, tasks: [] });
  }
  const listed = roots.map((root) => ({ root, store: stores.find((s) => s.kind === root.kind) ?? null })).map(({ root, store }) => ({ root, store, entries: entriesOf(root, store) }));
  // A root whose every container another engine shows is that engine's containerd (Debian's docker.io): not listed.
  return listed.filter(({ entries }) => entries.length === 0 || entries.some((x) => !shown.has(x.task.id))).map(({ root, store, entries }) => {
    const spec = ENGINE[root.kind];
    const namespaced = root.kind !== 'cri-o';
    const containers = entries.filter((x) => !shown.has(x.task.id)).map((x) => runtimeContainer(x, x.hasTask ? cgroupOf(x.task) : null, { ...ctx, namespaced }));
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
      ...(store ? { metadata: { path: store.path, bytes: store.bytes, state: store.state, reason: store.reason, limitBytes: META_MAX_BYTES } } : {}),
    };
    return e;
  });
}

/** containerd's task state dirs, for an engine known from its metadata store alone. */
const TASK_DIR: Record<MetaStore['kind'], string> = {
  containerd: '/run/containerd/io.containerd.runtime.v2.task',
  k3s: '/run/k3s/containerd/io.containerd.runtime.v2.task',
};

/** The root's tasks with their records, then the records that have no task. */
function entriesOf(root: RuntimeRoot, store: MetaStore | null): RuntimeEntry[] {
  const records = new Map((store?.containers ?? []).map((m) => [`${m.namespace}/${m.id}`, m]));
  const out: RuntimeEntry[] = root.tasks.map((t) => {
    const k = `${t.namespace}/${t.id}`;
    const m = records.get(k) ?? null;
    records.delete(k);
    return { task: t, meta: m, hasTask: true };
  });
  for (const m of records.values()) out.push({ task: taskOfRecord(m), meta: m, hasTask: false });
  return out;
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
