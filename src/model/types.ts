import type { CgroupPressure } from '../../parsers/cgroups.js';
import type { DfInodesEntry } from '../../parsers/df.js';
import type { InotifyHolder } from '../../parsers/inotify.js';
import type { KernelLimits } from '../../parsers/kernel-limits.js';
import type { IdentityInfo } from '../../parsers/identity.js';
import type { MemoryFigures } from '../../parsers/meminfo.js';
import type { MountinfoEntry } from '../../parsers/mountinfo.js';
import type { PsEntry } from '../../parsers/ps.js';
import type { Psi, PsiLine } from '../../parsers/psi.js';
import type { UnitEntry } from '../../parsers/systemctl.js';
import type { ParseIssue } from '../../parsers/types.js';
import type { EngineKind, EngineStatus } from '../engines/types.js';
import type { TargetInfo } from '../snapshot/types.js';
import type { EngineFailure } from '../snapshot/engine-failure.js';
import type { RawLog } from '../snapshot/logs.js';
import type { SectionId, TabId } from '../probe/sections.js';
import type { Engine } from './engine-types.js';

/** The parsed, joined picture of one host at one tick. All strings are sanitized. */
export interface HostModel {
  target: TargetInfo;
  takenAt: string;
  durationMs: number;
  identity: Identity;
  /** Host CPU between the previous and this reading of /proc/stat; null with one reading only. */
  cpu: HostCpu | null;
  memory: Memory | null;
  mounts: Mount[];
  /** Roots of the mount tree (id/parent id like findmnt; unreached entries become extra roots). */
  mountTree: MountNode[];
  mountGroups: MountGroup[];
  /** When the host's PID 1 sees other mounts than we do (RancherOS console), PID 1's mounts. */
  hostMounts: Mount[] | null;
  cgroupVersion: 'v1' | 'v2' | 'hybrid' | 'unknown';
  cgroups: CgroupNode | null;
  processes: Process[];
  /** null when the host has no systemd (RancherOS, busybox hosts), or its units could not be read. */
  units: Unit[] | null;
  /**
   * `--host-root`: the host runs systemd but its units could not be read from this shell (its
   * systemctl chrooted into DIR found no bus); the message systemctl gave. Absent otherwise.
   */
  unitsUnreadable?: string;
  engines: Engine[];
  kube: KubeChecks;
  /** Kernel-wide limits, host pressure, inotify use per user and inode use per filesystem: what the cause warnings read. */
  kernel: KernelState;
  warnings: Warning[];
  /** Per probe section: what could be read, for panes that must say what they could not read. */
  sections: Partial<Record<SectionId, SectionStatus>>;
  /** Memory at the earlier readings a snapshot file carries (`history`), oldest first; absent live. */
  memoryHistory?: MemorySample[];
  /** The logs a snapshot file stored (failed units, exited or restarting containers); absent live and in older files. */
  logs?: RawLog[];
}

/** Memory used and available at one reading (ms since the epoch). */
export interface MemorySample {
  t: number;
  usedBytes: number;
  availableBytes: number;
}

export interface SectionStatus {
  state: 'ok' | 'absent' | 'error' | 'truncated' | 'missing' | 'pending';
  rc: number | null;
  bytes: number;
  ms: number | null;
  /**
   * Why a section is in state 'error': 'unfinished' (the connection closed or timed out
   * mid-section), 'timeout' (the host-side timeout, rc 124), 'exit' (a non-zero exit, no output).
   * Views word it (views/present/section-text.ts).
   */
  reason?: 'unfinished' | 'timeout' | 'exit';
  issues: ParseIssue[];
  /** More entries than cosi keeps (src/model/limits.ts): the first `shown` of `total`. */
  cut?: { shown: number; total: number };
  /** Held back for its cost on this host (src/probe/budget.ts): when its text was read (ms since the epoch). */
  readAt?: number;
  /** The cgroups: how many rows on screen have figures read this tick although the tree is older (src/model/on-screen.ts). */
  onScreen?: number;
}

/** uname/uptime/load from the identity section, plus /etc/os-release. */
export interface Identity extends Omit<IdentityInfo, 'init'> {
  osName: string;
  osPrettyName: string;
  osId: string;
  osVersion: string;
  /** PID 1's command name (systemd, init, dockerd for RancherOS's system-docker). */
  initComm: string | null;
}

/** Host CPU shares of one interval, in % of all cores' time (0..100). */
export interface HostCpu {
  /** user + nice + system + irq + softirq: neither idle, iowait nor steal. */
  busyPercent: number;
  /** Idle with I/O pending (not counted in busy). */
  iowaitPercent: number;
  /** Taken by the hypervisor for other guests. */
  stealPercent: number;
  perCore: { id: number; busyPercent: number; iowaitPercent: number; stealPercent: number }[];
}

/** `free` figures (procps-ng 4: used = total - available) and what explains them. */
export interface Memory extends MemoryFigures {
  /** tmpfs-like mounts holding shared memory, largest first. */
  sharedHolders: { target: string; fstype: string; usedBytes: number }[];
  psi: Pressure | null;
  /** OOM kills since boot (/proc/vmstat), else summed over cgroups. */
  oomKills: number | null;
}

export type Pressure = Psi;
export type PressureLine = PsiLine;

/** The mountinfo fields every mount source gives (mountinfo, or `mount` output with ids synthesized). */
export type MountFields = Pick<MountinfoEntry, 'id' | 'parentId' | 'majorMinor' | 'root' | 'target' | 'fstype' | 'source' | 'options' | 'superOptions'>;

export interface Mount extends MountFields {
  readOnly: boolean;
  /** Pseudo filesystem (proc, sysfs, cgroup, ...): hidden unless the user asks. */
  pseudo: boolean;
  /** df sizes when df reported this target. */
  sizeBytes: number | null;
  usedBytes: number | null;
  availBytes: number | null;
  /** Overlay mounts whose upperdir belongs to a container. */
  container: ContainerRef | null;
}

export interface MountNode {
  mount: Mount;
  children: MountNode[];
}

/** Every mount of one source device + fs type is one group (RancherOS: /dev/sda1 on 27 paths). */
export interface MountGroup {
  key: string;
  source: string;
  fstype: string;
  majorMinor: string;
  pseudo: boolean;
  targets: string[];
  members: { id: number; target: string; root: string; readOnly: boolean }[];
  sizeBytes: number | null;
  usedBytes: number | null;
  availBytes: number | null;
}

export interface ContainerRef {
  engine: string;
  /** The container id, or the pod uid for a pod. */
  id: string;
  name: string;
  /** A Kubernetes pod (its cgroup, its volumes), not one container. */
  kind?: 'pod';
}

export interface CgroupNode {
  /** "/" for the root, "/system.slice/sshd.service" below it. */
  path: string;
  name: string;
  pids: number[];
  memoryBytes: number | null;
  /** Inactive file cache in memoryBytes (memory.stat), which the kernel reclaims before an OOM kill; absent when not read. */
  memoryCacheBytes?: number | null;
  tasks: number | null;
  oomKills: number | null;
  /** CPU between the previous and this reading of the cgroups; null with one reading. */
  cpu: CgroupRate | null;
  /** Bytes per second read and written between the two readings (io.stat, v1 blkio); null with one reading or none kept. */
  io: CgroupIoRate | null;
  /** PSI "some avg10" of cpu, memory and io, in %; null where the kernel keeps none (v1-only cgroups). */
  pressure: CgroupPressure | null;
  /** null = no limit (or not read). */
  limits: { memoryBytes: number | null; cpuCores: number | null; pids: number | null };
  /** The systemd unit this cgroup belongs to (its own name for .service/.scope/.slice). */
  unit: string | null;
  container: ContainerRef | null;
  children: CgroupNode[];
}

export interface CgroupRate {
  /** CPU time used per second: 1 = one core busy. */
  cores: number;
  /** cores against its CPU limit, in %; null without a limit. */
  percentOfLimit: number | null;
  /** Share of its CPU quota periods that were throttled, in %; null when no period passed. */
  throttledPercent: number | null;
}

export interface CgroupIoRate {
  readBytesPerSec: number;
  writeBytesPerSec: number;
}

export type { CgroupPressure };

export interface Process extends PsEntry {
  /** CPU time used between the previous and this reading of /proc/PID/stat, in % of one core (like top); null with one reading. */
  cpuPercent: number | null;
  /** Path in the unified/systemd hierarchy ("/system.slice/sshd.service"). */
  cgroup: string | null;
}

/** A systemd unit as `systemctl list-units` printed it. */
export type Unit = UnitEntry;

export type { EngineKind, EngineStatus };

export type { Container, ContainerLimits, Engine, EngineMetadata, Pod, PodRef } from './engine-types.js';

export interface KubeChecks {
  modules: { name: string; loaded: boolean }[];
  tools: { name: string; present: boolean }[];
  /** Names of missing IPVS prerequisites (modules and tools). */
  missing: string[];
}

export type { TabId };

/** What the cause warnings read besides cgroups and mounts; every part null / empty when its section was not read. */
export interface KernelState {
  limits: KernelLimits | null;
  /** Host PSI of /proc/pressure/cpu and io (memory's is in `memory.psi`). */
  pressure: { cpu: Pressure | null; io: Pressure | null };
  /** inotify instances and watches per user (the kernel's limits are per user), most watches first; null when not read. */
  inotify: InotifyUser[] | null;
  /** df -i per filesystem target. */
  inodes: DfInodesEntry[];
}

export type { KernelLimits };

export interface InotifyUser {
  uid: number;
  instances: number;
  watches: number;
  /** Its processes holding instances, most watches first. */
  holders: InotifyHolder[];
}

export type { InotifyHolder };

/** A cgroup a warning names: its path and, for a container's, the container's name. */
export interface CgroupRef {
  cgroup: string;
  container: string | null;
}

/** A figure against its limit. */
export interface Usage {
  used: number;
  max: number;
}

/** What is wrong, as a code and its figures; views/present/warnings.ts words it. */
export type WarningFact =
  | { code: 'failed-units'; units: string[] }
  | { code: 'oom-kills'; count: number }
  | { code: 'memory-low'; availableBytes: number; totalBytes: number }
  | { code: 'memory-pressure'; avg10: number }
  | { code: 'engine'; engine: string; status: EngineStatus; failure: EngineFailure | null }
  | { code: 'kube-missing'; missing: string[] }
  | { code: 'usr-read-only'; source: string }
  | { code: 'section'; section: SectionId }
  | ({ code: 'inotify-instances' | 'inotify-watches'; uid: number; holders: { pid: number; comm: string; count: number }[] } & Usage)
  | ({ code: 'conntrack' | 'pid-max' | 'file-max' } & Usage)
  | ({ code: 'disk-space' | 'disk-inodes'; target: string; source: string } & Usage)
  | ({ code: 'cgroup-pids' | 'cgroup-memory' } & CgroupRef & Usage)
  | ({ code: 'cgroup-oom'; count: number } & CgroupRef)
  | ({ code: 'cgroup-throttled'; throttledPercent: number } & CgroupRef)
  | { code: 'pressure'; resource: 'cpu' | 'memory' | 'io'; avg10: number; cgroup: string | null; container: string | null };

export type Warning = WarningFact & {
  severity: 'error' | 'warn' | 'info';
  tab: TabId;
  /** What the warning is about, so Enter on it can go to its row. */
  about?: { kind: 'unit' | 'engine' | 'mount' | 'cgroup' | 'process'; name: string };
};
