import * as P from '../../parsers/index.js';
import type { Parsed } from '../../parsers/types.js';
import type { SectionSpec } from './section.js';
import * as scripts from './scripts.js';
import { countersScript } from './counters-script.js';

const KiB = 1024;
const MiB = 1024 * KiB;

/** The tabs of the TUI (the registry says which tab shows each section). */
export type TabId = 'overview' | 'services' | 'mounts' | 'engines' | 'memory' | 'logs';

/**
 * How often a section is read (src/probe/tiers.ts): 'once' per connection
 * (what the host is), 'slow' (every 5th tick, or when its change marker
 * moved), 'fast' (every tick; answered "same as last time" when unchanged).
 */
export type Tier = 'once' | 'slow' | 'fast';

/**
 * One section of the registry: what the probe runs (SectionSpec: id, title,
 * script, limits maxBytes/timeoutSec, root) plus how its text is read and
 * where it is shown.
 */
export interface Section<I extends string = string, T = unknown> extends SectionSpec {
  id: I;
  /** The pure parser of the section's text. */
  parse: (text: string) => Parsed<T>;
  /** The tab that shows it (and names it in warnings). */
  tab: TabId;
  /** 'primary': the tab is empty without it; 'secondary': the tab is partial; 'optional': nothing is said when it fails. */
  role: 'primary' | 'secondary' | 'optional';
  tier: Tier;
}

const section = <I extends string, T>(s: Section<I, T>): Section<I, T> => s;

/** THE section registry: every probe section, in the order the probe prints them. */
export const SECTIONS = [
  section({ id: 'identity', title: 'host identity', script: scripts.identityScript, parse: P.parseIdentity, tab: 'overview', role: 'primary', tier: 'fast', maxBytes: 16 * KiB, timeoutSec: 0, inline: true }),
  section({ id: 'os-release', title: '/etc/os-release', script: scripts.osReleaseScript, parse: P.parseOsRelease, tab: 'overview', role: 'secondary', tier: 'once', maxBytes: 16 * KiB, timeoutSec: 0, inline: true }),
  section({ id: 'stat', title: '/proc/stat (CPU time)', script: scripts.statScript, parse: P.parseStat, tab: 'overview', role: 'optional', tier: 'fast', maxBytes: 64 * KiB, timeoutSec: 0, inline: true }),
  section({ id: 'meminfo', title: '/proc/meminfo', script: scripts.meminfoScript, parse: P.parseMeminfo, tab: 'memory', role: 'primary', tier: 'fast', maxBytes: 64 * KiB, timeoutSec: 0, inline: true }),
  section({ id: 'vmstat', title: '/proc/vmstat', script: scripts.vmstatScript, parse: P.parseVmstat, tab: 'memory', role: 'secondary', tier: 'fast', maxBytes: 4 * KiB, timeoutSec: 0, inline: true }),
  section({ id: 'psi-memory', title: 'memory pressure (PSI)', script: scripts.psiMemoryScript, parse: P.parsePsi, tab: 'memory', role: 'secondary', tier: 'fast', maxBytes: 4 * KiB, timeoutSec: 0, inline: true }),
  section({ id: 'psi-cpu', title: 'CPU pressure (PSI)', script: scripts.psiCpuScript, parse: P.parsePsi, tab: 'overview', role: 'optional', tier: 'fast', maxBytes: 4 * KiB, timeoutSec: 0, inline: true }),
  section({ id: 'psi-io', title: 'I/O pressure (PSI)', script: scripts.psiIoScript, parse: P.parsePsi, tab: 'overview', role: 'optional', tier: 'fast', maxBytes: 4 * KiB, timeoutSec: 0, inline: true }),
  section({ id: 'mountinfo', title: 'mount table', script: scripts.mountinfoScript, parse: P.parseMountinfo, tab: 'mounts', role: 'primary', tier: 'fast', maxBytes: 8 * MiB, timeoutSec: 0, inline: true }),
  section({ id: 'mountinfo-host', title: "PID 1's mount table", script: scripts.hostMountinfoScript, parse: P.parseMountinfo, tab: 'mounts', role: 'optional', tier: 'fast', maxBytes: 8 * MiB, timeoutSec: 0, bounded: true, root: true, skipWhen: scripts.samePid1MountNs }),
  section({ id: 'df', title: 'filesystem sizes (df)', script: scripts.dfScript, parse: P.parseDf, tab: 'mounts', role: 'secondary', tier: 'slow', maxBytes: 4 * MiB, timeoutSec: 5 }),
  section({ id: 'df-inodes', title: 'filesystem inodes (df -i)', script: scripts.dfInodesScript, parse: P.parseDfInodes, tab: 'mounts', role: 'optional', tier: 'slow', maxBytes: 4 * MiB, timeoutSec: 5 }),
  // Before cgroups: on a tick where the tree's marker moved, the tree is read instead (probe-transport.ts).
  section({ id: 'cgroup-counters', title: 'cgroup counters of the rows on screen', script: countersScript, parse: P.parseCgroupCounters, tab: 'services', role: 'optional', tier: 'fast', maxBytes: 256 * KiB, timeoutSec: 0, inline: true }),
  section({ id: 'cgroups', title: 'cgroups', script: scripts.cgroupsScript, parse: P.parseCgroups, tab: 'services', role: 'primary', tier: 'slow', maxBytes: 16 * MiB, timeoutSec: 10 }),
  section({ id: 'processes', title: 'processes', script: scripts.processesScript, parse: P.parsePs, tab: 'services', role: 'secondary', tier: 'slow', maxBytes: 16 * MiB, timeoutSec: 10 }),
  section({ id: 'proc-cpu', title: 'process CPU time', script: scripts.procCpuScript, parse: P.parseProcCpu, tab: 'services', role: 'optional', tier: 'slow', maxBytes: 4 * MiB, timeoutSec: 0, bounded: true }),
  section({ id: 'systemd', title: 'systemd units', script: scripts.systemdScript, parse: P.parseSystemctl, tab: 'services', role: 'secondary', tier: 'slow', maxBytes: 8 * MiB, timeoutSec: 10 }),
  section({ id: 'engines', title: 'container engine sockets', script: scripts.enginesDiscoveryScript, parse: P.parseEnginesDiscovery, tab: 'engines', role: 'primary', tier: 'slow', maxBytes: 64 * KiB, timeoutSec: 5 }),
  section({ id: 'runtimes', title: 'containerd and CRI-O task state', script: scripts.runtimesScript, parse: P.parseRuntimeState, tab: 'engines', role: 'optional', tier: 'slow', maxBytes: 16 * MiB, timeoutSec: 10 }),
  // containerd's meta.db as bytes (base64): up to META_MAX_BYTES of file, a third more as text
  section({ id: 'containerd-meta', title: "containerd's metadata store (meta.db)", script: scripts.containerdMetaScript, parse: P.parseContainerdMeta, tab: 'engines', role: 'optional', tier: 'slow', maxBytes: 12 * MiB, timeoutSec: 10, root: true }),
  section({ id: 'kernel-limits', title: 'kernel limits (/proc/sys)', script: scripts.kernelLimitsScript, parse: P.parseKernelLimits, tab: 'overview', role: 'optional', tier: 'slow', maxBytes: 4 * KiB, timeoutSec: 0 }),
  section({ id: 'inotify', title: 'inotify holders', script: scripts.inotifyScript, parse: P.parseInotify, tab: 'services', role: 'optional', tier: 'slow', maxBytes: 1 * MiB, timeoutSec: 10 }),
  section({ id: 'kube', title: 'kube-proxy IPVS prerequisites', script: scripts.kubeScript, parse: P.parseKube, tab: 'overview', role: 'secondary', tier: 'slow', maxBytes: 64 * KiB, timeoutSec: 0 }),
] as const;

type AnySection = (typeof SECTIONS)[number];

/** Every section id: a union, so a misspelt id does not compile. */
export type SectionId = AnySection['id'];

/** What the parser of section I returns. */
export type SectionValue<I extends SectionId> = Extract<AnySection, { id: I }> extends Section<I, infer T> ? T : never;

/** Counters read twice by `cosi snapshot` (kept as the file's `previous`), so that rates come from the file alone. */
export const RATE_SECTIONS: readonly SectionId[] = ['stat', 'cgroups', 'proc-cpu'];

const BY_ID = new Map<string, AnySection>(SECTIONS.map((s) => [s.id, s]));

/** The registry entry of an id (snapshot files may hold ids this version does not know: undefined). */
export function sectionById(id: string): AnySection | undefined {
  return BY_ID.get(id);
}

export function isSectionId(id: string): id is SectionId {
  return BY_ID.has(id);
}

/** Byte limit per section id, for reading one probe answer. */
export function sectionLimits(sections: readonly SectionSpec[] = SECTIONS): Record<string, number> {
  return Object.fromEntries(sections.map((s) => [s.id, s.maxBytes]));
}
