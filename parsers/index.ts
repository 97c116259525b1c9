/** Public entry of the pure parsers: text in, Parsed<T> out; never throw; host strings sanitized. */
export * from './types.js';
export { sanitize, isClean } from './sanitize.js';
export { readBundle, type BundleSection } from './bundle.js';
export { parseOsRelease, type OsRelease } from './os-release.js';
export { parseIdentity, type IdentityInfo } from './identity.js';
export { parseMeminfo, memoryFromMeminfo, type MeminfoFields, type MemoryFigures } from './meminfo.js';
export { parsePsi, type Psi, type PsiLine } from './psi.js';
export { parseVmstat } from './vmstat.js';
export { parseStat, type CpuStat, type CpuTimes } from './stat.js';
export { parseMountinfo, unmangle, type MountinfoEntry } from './mountinfo.js';
export { parseDf, type DfEntry } from './df.js';
export { parseKube, KUBE_MODULES, type KubeInfo, type KubeModule, type KubeTool } from './kube.js';
export { parsePs, type PsEntry, type PsFormat } from './ps.js';
export { parseCgroups, type CgroupsInfo, type CgroupEntry, type CgroupKind, type CgroupVersion } from './cgroups.js';
export { parseSystemctl, type UnitEntry } from './systemctl.js';
export { parseRuntimeState, type RuntimeState, type RuntimeRoot, type RuntimeTask, type PodLogFile } from './runtime-state.js';
export { parseEnginesDiscovery, type EnginesDiscovery, type EngineSocket } from './engines-discovery.js';
export { parseProcCpu, type ProcCpu } from './proc-cpu.js';
