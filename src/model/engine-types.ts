/** What the model says of each container engine, its containers and Kubernetes pods. All strings are sanitized. */
import type { ExitRecord } from '../../parsers/runtime-state.js';
import type { EngineKind, EngineStatus } from '../engines/types.js';
import type { EngineFailure } from '../snapshot/engine-failure.js';

export interface Engine {
  name: string;
  kind: EngineKind;
  socket: string;
  status: EngineStatus;
  /** Why it could not be read (views/present/engine-failure.ts words it); null when up. */
  failure: EngineFailure | null;
  version: string | null;
  apiVersion: string | null;
  storageDriver: string | null;
  backingFilesystem: string | null;
  rootDir: string | null;
  cgroupDriver: string | null;
  cgroupVersion: string | null;
  counts: { running: number; paused: number; stopped: number; images: number } | null;
  containers: Container[];
  /** Containers shown from the list alone: the tick's engine answers reached `capBytes` in all. */
  cut?: { containers: number; capBytes: number };
  /** containerd / CRI-O: the pods their containers belong to (sandbox folded in), by namespace and name. */
  pods?: Pod[];
  /** containerd: its metadata store (meta.db) as the probe found it; absent when none was found. */
  metadata?: EngineMetadata;
}

/** containerd's metadata store: 'read', or why its containers without a task and images are not shown. */
export interface EngineMetadata {
  path: string;
  /** The file's size in bytes; null when not known. */
  bytes: number | null;
  /** 'too-big': over `limitBytes`, not copied; 'denied': not readable without --sudo; 'unreadable': copied but not a whole bbolt file. */
  state: 'read' | 'too-big' | 'denied' | 'unreadable';
  reason: 'not-bolt' | 'cut' | 'corrupt' | null;
  limitBytes: number;
}

/** A Kubernetes pod as the kubelet names it (labels io.kubernetes.pod.*, the CRI's sandbox annotations). */
export interface PodRef {
  namespace: string;
  name: string;
  uid: string;
}

/** A pod on a containerd / CRI-O node: its sandbox's state, its pod cgroup's figures. */
export interface Pod extends PodRef {
  /** The sandbox (pause) container's runtime id, when its task is there. */
  sandboxId: string | null;
  /** 'ready' when the sandbox runs, 'not-ready' when it stopped, 'no-sandbox' when no sandbox task is left. */
  state: 'ready' | 'not-ready' | 'no-sandbox';
  /** The pod cgroup (kubepods/.../pod<uid>): every container of the pod and its sandbox together. */
  cgroupPath: string | null;
  memoryBytes: number | null;
  pids: number | null;
}

export interface Container {
  id: string;
  name: string;
  image: string;
  state: string;
  status: string;
  /** Unix seconds it was created; null when not known. */
  createdAt: number | null;
  /**
   * containerd / CRI-O: where createdAt came from: the CRI's own record (containerd's CRI status
   * file, CRI-O's Created annotation), else when its task bundle was written (the task's creation,
   * which a non-CRI container's restart renews); 'metadata': containerd's own record of it
   * (meta.db, what `ctr containers info` calls CreatedAt).
   */
  createdFrom?: 'cri' | 'metadata' | 'task-bundle' | null;
  restarts: number | null;
  /** What `docker stats` shows: the usage less the inactive file cache (v2 memory.current - inactive_file, v1 usage - total_inactive_file). */
  memoryBytes: number | null;
  /** The cgroup's own usage (v2 memory.current, v1 memory.usage_in_bytes), page cache included. */
  memoryUsageBytes: number | null;
  /** Inactive file cache of its cgroup (memory.stat); null when not read. */
  memoryCacheBytes: number | null;
  pids: number | null;
  /** Its cgroup's limits (null = none), read whether it runs or not while the cgroup exists. */
  limits: ContainerLimits;
  /** CPU between two readings of its cgroup in % of one core, as `docker stats` counts (200 = two cores busy); null with one reading. */
  cpuPercent: number | null;
  /** Share of its CPU quota periods that were throttled, in %; null without a quota or a period between the readings. */
  throttledPercent: number | null;
  /** The engine says its last exit was an OOM kill (inspect State.OOMKilled); null when not known. */
  oomKilled: boolean | null;
  /** OOM kills in its cgroup (memory.events / memory.oom_control oom_kill) while it runs; null when not read. */
  oomKills: number | null;
  ports: string;
  command: string;
  cgroupPath: string | null;
  mounts: { source: string; destination: string; mode: string; rw: boolean }[];
  networks: string[];
  health: string | null;
  labels: Record<string, string>;
  /** Environment variables; values are shown only when the user reveals them. */
  env: { name: string; value: string }[];
  /** containerd: its namespace (k8s.io, default, ...). */
  namespace?: string;
  /** containerd / CRI-O: the pod it belongs to (null: not a pod's). */
  pod?: PodRef | null;
  /** Its name in the pod (io.kubernetes.cri.container-name); 'POD' for the sandbox. */
  podContainer?: string;
  /** The pod's sandbox (pause) container. */
  sandbox?: boolean;
  /**
   * containerd (CRI) / CRI-O: how it, or for a pod's container the latest earlier attempt of it,
   * last ended (code, unix seconds, the CRI's reason); null when the runtime recorded none.
   */
  lastExit?: ExitRecord | null;
}

/** A container's limits from its cgroup: v2 memory.max, cpu.max, pids.max; v1 memory.limit_in_bytes, cfs quota/period, pids.max. */
export interface ContainerLimits {
  memoryBytes: number | null;
  /** CPU quota in cores (0.5 = half a core). */
  cpuCores: number | null;
  pids: number | null;
}
