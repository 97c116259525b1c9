import * as P from '../../parsers/index.js';
import type { Parsed, ParseIssue } from '../../parsers/types.js';
import { RATE_SECTIONS, sectionById, type SectionId, type SectionValue } from '../probe/sections.js';
import type { RawReading, RawSection, RawSnapshot } from '../snapshot/types.js';
import { hostCpuRates } from './cpu.js';
import { cgroupCpuRates, cgroupIoRates } from './cgroup-cpu.js';
import { procCpuRates } from './proc-cpu.js';
import { mergeOnScreen } from './on-screen.js';
import { ContainerIndex } from './engines.js';
import { buildCgroupTree, cgroupOfPid, totalOomKills } from './cgroups.js';
import { buildEngineModels } from './engines.js';
import { buildRuntimeEngines } from './runtimes.js';
import { buildKube } from './kube.js';
import { buildMemory } from './memory.js';
import { memoryHistory } from './memory-history.js';
import { buildMountGroups, buildMounts, buildMountTree } from './mounts.js';
import { capIssues, sectionStatus, usableText } from './section-status.js';
import type { ContainerRef, HostModel, Identity, SectionStatus } from './types.js';
import { firstLines, MAX_CGROUPS, MAX_MOUNTS } from './limits.js';
import { buildWarnings } from './warnings.js';
import { inotifyUsers } from './cause-warnings.js';
import type { CgroupEntry } from '../../parsers/cgroups.js';
import { sanitize } from '../../parsers/sanitize.js';
import { JoinMemo, NO_MEMO, type Joins } from './join-memo.js';

const COUNTERS = 'cgroup-counters';

/** Parsed sections kept between ticks, by section id: an unchanged text is not parsed again. */
export type ParseCache = Map<string, { text: string; result: Parsed<unknown>; cut?: SectionStatus['cut'] }>;

/** buildModel with its own ParseCache: for a live session, where most sections repeat tick after tick. */
export function createModelBuilder(): (raw: RawSnapshot) => HostModel {
  const cache: ParseCache = new Map();
  const joins = new JoinMemo();
  // Per counter section, the current text and the one before it: a slow section repeated
  // between its readings keeps the rate of its last two readings.
  const current: Record<string, RawSection> = {};
  const earlier: Record<string, RawSection> = {};
  return (raw) => {
    for (const id of [...RATE_SECTIONS, COUNTERS]) {
      const s = raw.sections[id];
      if (!s || s.text === current[id]?.text) continue;
      if (current[id]) earlier[id] = current[id];
      current[id] = s;
    }
    // The counters on screen are read on some ticks only: the reading before this tick's is the last one.
    const counters = raw.sections[COUNTERS] ? earlier[COUNTERS] : current[COUNTERS];
    return buildModel(raw, cache, { takenAt: raw.takenAt, sections: { ...earlier, ...(counters ? { [COUNTERS]: counters } : {}) } }, joins);
  };
}

/**
 * The one place raw section texts become a HostModel: parse each section
 * (pure parsers, never throwing), then join. Used live, for snapshot files
 * and for the demos alike, so a parser fix improves every saved snapshot.
 * Rates come from `raw.previous` (a two-reading snapshot file), else from `prior`
 * (the live session's last tick). With `joins` (a live session), joins whose inputs did not change
 * since the last tick are not run again and keep their objects.
 */
export function buildModel(raw: RawSnapshot, cache?: ParseCache, prior?: RawReading, joins: Joins = NO_MEMO): HostModel {
  const sections: HostModel['sections'] = {};
  /**
   * Each section's text through the parser the registry names for it; its status kept for the panes.
   * With `maxLines`, only the first lines are parsed and the status says how many there were.
   */
  const parse = <I extends SectionId>(id: I, maxLines?: number): SectionValue<I> | null => {
    const spec = sectionById(id)!;
    const r = raw.sections[id];
    const full = usableText(r);
    const hit = cache?.get(id);
    let cut: SectionStatus['cut'];
    let result: Parsed<SectionValue<I>> | null;
    if (hit && hit.text === full) {
      result = hit.result as Parsed<SectionValue<I>>;
      cut = hit.cut;
    } else {
      let text = full;
      if (maxLines !== undefined && text !== '') {
        const first = firstLines(text, maxLines);
        if (first.total > maxLines) cut = { shown: maxLines, total: first.total };
        text = first.text;
      }
      result = text === '' ? null : (spec.parse as (text: string) => Parsed<SectionValue<I>>)(text);
      if (cache && result) {
        // A counter section's reading before this one is the next tick's earlier reading: kept, not parsed again.
        if (hit && RATE_SECTIONS.includes(id)) cache.set(`${id}@previous`, hit);
        cache.set(id, { text: full, result, cut });
      }
    }
    const readAt = raw.stale?.[id];
    sections[id] = { ...sectionStatus(r, capIssues(result?.issues ?? []), raw.pending?.includes(id) === true), ...(cut ? { cut } : {}), ...(readAt !== undefined ? { readAt } : {}) };
    return result ? result.value : null;
  };

  /** The earlier reading of a counter section, parsed (and cached apart from the current one). */
  const parsePrevious = <I extends SectionId>(id: I, text: string): SectionValue<I> => {
    const key = `${id}@previous`;
    const hit = cache?.get(key);
    if (hit && hit.text === text) return hit.result.value as SectionValue<I>;
    const result = (sectionById(id)!.parse as (text: string) => Parsed<SectionValue<I>>)(text);
    cache?.set(key, { text, result });
    return result.value;
  };

  const identity = buildIdentity(parse('identity'), parse('os-release'));
  const stat = parse('stat');
  const before = raw.previous ?? prior;
  const beforeStat = before?.sections.stat ? usableText(before.sections.stat) : '';
  const cpu = hostCpuRates(beforeStat ? parsePrevious('stat', beforeStat) : null, stat);
  const meminfo = parse('meminfo');
  const psi = parse('psi-memory');
  const vmstat = parse('vmstat');
  const mountRows = parse('mountinfo', MAX_MOUNTS) ?? [];
  const hostMountRows = parse('mountinfo-host', MAX_MOUNTS);
  const df = parse('df') ?? [];
  const cg = parse('cgroups');
  const ps = parse('processes') ?? [];
  const procCpu = parse('proc-cpu');
  // "@unreadable MESSAGE": under --host-root the host's systemctl could not answer (scripts.ts).
  const systemdText = usableText(raw.sections.systemd);
  const unitsUnreadable = systemdText.startsWith('@unreadable') ? sanitize(systemdText.slice('@unreadable'.length).trim().split('\n')[0] ?? '') : null;
  const parsedUnits = parse('systemd');
  const units = unitsUnreadable === null ? parsedUnits : null;
  const discovery = parse('engines');
  const runtimes = parse('runtimes');
  const containerdMeta = parse('containerd-meta');
  const kubeChecks = parse('kube');
  const kube = joins.get('kube', [kubeChecks], () => buildKube(kubeChecks));
  const inotify = parse('inotify');
  const kernel = { limits: parse('kernel-limits'), pressure: { cpu: parse('psi-cpu'), io: parse('psi-io') }, inotify: joins.get('inotify', [inotify], () => inotifyUsers(inotify)), inodes: parse('df-inodes') ?? [] };

  // Sorted by path, ancestors first: the first MAX_CGROUPS form a whole tree.
  const allCgroups: CgroupEntry[] = cg?.groups ?? [];
  const cgroupRows = allCgroups.length > MAX_CGROUPS ? joins.get('cgroupRows', [allCgroups], () => allCgroups.slice(0, MAX_CGROUPS)) : allCgroups;
  if (cgroupRows !== allCgroups && sections.cgroups) sections.cgroups.cut = { shown: MAX_CGROUPS, total: allCgroups.length };
  const beforeCg = before?.sections.cgroups ? usableText(before.sections.cgroups) : '';
  const cgBefore = beforeCg ? parsePrevious('cgroups', beforeCg) : null;
  const treeRates = joins.get('rates', [cgBefore, cg], () => ({ cpu: cgroupCpuRates(cgBefore, cg), io: cgroupIoRates(cgBefore, cg) }));
  // The counters of the rows on screen, read while the tree is held back, over the tree's figures.
  const counters = parse(COUNTERS);
  const beforeCounters = before?.sections[COUNTERS] ? usableText(before.sections[COUNTERS]) : '';
  const countersBefore = beforeCounters ? parsePrevious(COUNTERS, beforeCounters) : null;
  const onScreen = joins.get('onScreen', [cg, cgBefore, cgroupRows, treeRates, counters, countersBefore], () => mergeOnScreen(cg, cgBefore?.uptimeSeconds ?? null, cgroupRows, treeRates.cpu, counters, countersBefore));
  if (onScreen.live > 0 && sections.cgroups) sections.cgroups.onScreen = onScreen.live;
  const rates = onScreen.cpu === treeRates.cpu ? treeRates : joins.get('screenRates', [onScreen, treeRates], () => ({ cpu: onScreen.cpu, io: treeRates.io }));
  const shownRows = onScreen.rows;
  const rawEngines = joins.sameEngines(raw.engines);
  const { engines, engineIssues, containers, shown } = joins.get('engines', [rawEngines, discovery, runtimes, containerdMeta, shownRows, rates], () => {
    // Problems in the engines' answers are issues of the engines section, after its discovery's own.
    const engineIssues: ParseIssue[] = [];
    const engineModels = buildEngineModels(rawEngines, discovery, shownRows, engineIssues, rates.cpu);
    const shownIds = new Set(engineModels.flatMap((e) => e.containers.map((c) => c.id)));
    const engines = [...engineModels, ...buildRuntimeEngines(runtimes, shownRows, shownIds, rates.cpu, containerdMeta)];
    const shown = engines.map(({ containers, ...e }) => ({ ...e, containers: containers.map(({ upperDir: _u, ...c }) => c) }));
    return { engines, engineIssues, containers: new ContainerIndex(engines), shown };
  });
  if (engineIssues.length > 0 && sections.engines) sections.engines.issues = capIssues([...sections.engines.issues, ...engineIssues]);
  const forCgroup = (path: string) => containers.forCgroup(path);
  const forMount = (upper: string | null, target: string) => (upper ? containers.forUpperdir(upper) : null) ?? containers.forMountTarget(target);

  const mounts = joins.get('mounts', [mountRows, df, engines], () => buildMounts(mountRows, df, forMount));
  const mountTree = joins.get('mountTree', [mounts], () => buildMountTree(mounts));
  const mountGroups = joins.get('mountGroups', [mounts], () => buildMountGroups(mounts));
  const hostMounts = joins.get('hostMounts', [hostMountRows, mountRows, engines], () => (hostMountRows && !sameMounts(hostMountRows, mountRows) ? buildMounts(hostMountRows, [], forMount) : null));
  const cgroups = joins.get('cgroups', [shownRows, engines, rates], () => buildCgroupTree(shownRows, forCgroup, rates.cpu, rates.io));
  const pidCgroup = joins.get('pidCgroup', [cgroupRows], () => cgroupOfPid(cgroupRows));
  const beforeProc = before?.sections['proc-cpu'] ? usableText(before.sections['proc-cpu']) : '';
  const procBefore = beforeProc ? parsePrevious('proc-cpu', beforeProc) : null;
  const processes = joins.get('processes', [ps, procCpu, procBefore, pidCgroup], () => {
    const procRates = procCpuRates(procBefore, procCpu);
    return ps.map((p) => ({ ...p, cgroup: pidCgroup.get(p.pid) ?? null, cpuPercent: procRates.get(p.pid) ?? null }));
  });
  const cgroupVersion = cg?.version ?? 'unknown';
  const oom = vmstat?.oom_kill ?? totalOomKills(cgroups, cgroupVersion);
  const memFigures = meminfo ? withIssues(P.memoryFromMeminfo(meminfo), sections.meminfo) : null;

  const partial: Omit<HostModel, 'warnings'> = {
    target: raw.target,
    takenAt: raw.takenAt,
    durationMs: raw.durationMs,
    identity,
    cpu,
    memory: buildMemory(memFigures, mounts, psi, oom),
    mounts,
    mountTree,
    mountGroups,
    hostMounts,
    cgroupVersion,
    cgroups,
    processes,
    units,
    ...(unitsUnreadable !== null ? { unitsUnreadable } : {}),
    engines: shown,
    kube,
    kernel,
    sections,
    ...(raw.history ? { memoryHistory: memoryHistory(raw.history) } : {}),
    ...(raw.logs ? { logs: raw.logs } : {}),
  };
  return { ...partial, warnings: buildWarnings(partial) };
}

function withIssues<T>(r: { value: T; issues: ParseIssue[] }, status: SectionStatus | undefined): T {
  if (status) status.issues = capIssues([...status.issues, ...r.issues]);
  return r.value;
}

function sameMounts(a: { id: number; target: string }[], b: { id: number; target: string }[]): boolean {
  return a.length === b.length && a.every((m, i) => m.id === b[i].id && m.target === b[i].target);
}

function buildIdentity(id: P.IdentityInfo | null, os: Record<string, string> | null): Identity {
  return {
    hostname: id?.hostname ?? '',
    osName: os?.NAME ?? '',
    osPrettyName: os?.PRETTY_NAME ?? os?.NAME ?? '',
    osId: os?.ID ?? '',
    osVersion: os?.VERSION_ID ?? os?.VERSION ?? '',
    kernelName: id?.kernelName ?? '',
    kernelRelease: id?.kernelRelease ?? '',
    kernelVersion: id?.kernelVersion ?? '',
    arch: id?.arch ?? '',
    uptimeSeconds: id?.uptimeSeconds ?? null,
    load: id?.load ?? null,
    cpus: id?.cpus ?? null,
    hostTime: id?.hostTime ?? null,
    initComm: id?.init ?? null,
    ...(id?.hostRoot ? { hostRoot: id.hostRoot } : {}),
  };
}
