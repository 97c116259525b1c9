import type { SectionSpec } from './section.js';
import * as scripts from './scripts.js';

const KiB = 1024;
const MiB = 1024 * KiB;

/** Every probe section, in the order the probe prints them. */
export const SECTIONS: readonly SectionSpec[] = [
  { id: 'identity', title: 'host identity', script: scripts.identityScript, maxBytes: 16 * KiB, timeoutSec: 0, bounded: true },
  { id: 'os-release', title: '/etc/os-release', script: scripts.osReleaseScript, maxBytes: 16 * KiB, timeoutSec: 0 },
  { id: 'meminfo', title: '/proc/meminfo', script: scripts.meminfoScript, maxBytes: 64 * KiB, timeoutSec: 0, bounded: true },
  { id: 'vmstat', title: '/proc/vmstat', script: scripts.vmstatScript, maxBytes: 4 * KiB, timeoutSec: 0, bounded: true },
  { id: 'psi-memory', title: 'memory pressure (PSI)', script: scripts.psiMemoryScript, maxBytes: 4 * KiB, timeoutSec: 0, bounded: true },
  { id: 'mountinfo', title: 'mount table', script: scripts.mountinfoScript, maxBytes: 8 * MiB, timeoutSec: 0, bounded: true },
  { id: 'mountinfo-host', title: "PID 1's mount table", script: scripts.hostMountinfoScript, maxBytes: 8 * MiB, timeoutSec: 0, bounded: true, root: true },
  { id: 'df', title: 'filesystem sizes (df)', script: scripts.dfScript, maxBytes: 4 * MiB, timeoutSec: 5 },
  { id: 'cgroups', title: 'cgroups', script: scripts.cgroupsScript, maxBytes: 16 * MiB, timeoutSec: 10 },
  { id: 'processes', title: 'processes', script: scripts.processesScript, maxBytes: 16 * MiB, timeoutSec: 10 },
  { id: 'systemd', title: 'systemd units', script: scripts.systemdScript, maxBytes: 8 * MiB, timeoutSec: 10 },
  { id: 'engines', title: 'container engine sockets', script: scripts.enginesDiscoveryScript, maxBytes: 64 * KiB, timeoutSec: 5 },
  { id: 'kube', title: 'kube-proxy IPVS prerequisites', script: scripts.kubeScript, maxBytes: 64 * KiB, timeoutSec: 5 },
];

export function sectionLimits(sections: readonly SectionSpec[] = SECTIONS): Record<string, number> {
  return Object.fromEntries(sections.map((s) => [s.id, s.maxBytes]));
}
