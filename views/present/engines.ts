import type { Container, Engine, EngineMetadata, HostModel } from '../../src/model/types.js';
import { engineFailureText } from './engine-failure.js';
import { bytes, plural } from './format.js';
import { makeView, type ListView, type Tone } from './list.js';
import { treeRows, type TreeItem } from './tree.js';
import { cachedRoots, noChildren, once } from './tree-item.js';
import { emptyNote, filterNote } from './filter-notes.js';
import { keepFigureColumns } from './figure-columns.js';
import { sortNote, type SortSpec } from './sort.js';
import { runtimeChildren } from './pods.js';
import { cpuLine, memoryLines } from './container-figures.js';
import { containerFigureColumns, containerItem, containerKey, containerTone } from './container-item.js';

export const ENGINE_COLUMNS = [
  { title: 'ENGINE / CONTAINER', width: 0 },
  { title: 'STATE', width: 16, min: 9, grow: true },
  { title: 'CPU/LIMIT', width: 9, min: 5, align: 'right' as const },
  { title: 'MEM/LIMIT', width: 11, min: 7, align: 'right' as const },
  { title: 'PIDS', width: 5, align: 'right' as const },
  { title: 'IMAGE / VERSION', width: 20, min: 14, grow: true },
  { title: 'STATUS', width: 20, min: 12, grow: true },
];

export function engineTone(e: Engine): Tone {
  if (e.status === 'up') return 'green';
  if (e.status === 'socket-activated' || e.status === 'permission-denied') return 'yellow';
  if (e.status === 'down' || e.status === 'error') return 'red';
  return 'dim';
}

function engineItem(e: Engine): TreeItem {
  const runtime = e.kind === 'containerd' || e.kind === 'cri-o';
  const counts = e.counts
    ? `${e.counts.running} up ${e.counts.stopped} stopped${runtime ? (e.pods?.length ? ` ${plural(e.pods.length, 'pod')}` : '') : ` ${e.counts.images} img`}`
    : e.failure
      ? engineFailureText(e.failure)
      : '';
  const ver = runtime ? (e.metadata?.state === 'read' ? 'tasks + meta.db' : 'task state') : [e.version ? `v${e.version}` : '', e.storageDriver ?? ''].filter(Boolean).join(' ');
  const containers = [...e.containers].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
  return {
    key: `eng:${e.name}`,
    label: e.name,
    cells: [e.status, '', '', '', ver, counts],
    tone: engineTone(e),
    text: `${e.name} ${e.socket} ${e.status}`.toLowerCase(),
    problem: e.status !== 'up',
    defaultExpanded: true,
    children: once(() => {
      const info: TreeItem = {
        key: `eng:${e.name}:info`,
        label: engineInfo(e),
        cells: [],
        tone: e.metadata && e.metadata.state !== 'read' ? 'yellow' : 'dim',
        text: `${e.socket} ${e.rootDir ?? ''}`.toLowerCase(),
        defaultExpanded: false,
        children: noChildren,
        span: true,
      };
      if (runtime) return [info, ...runtimeChildren(e, containerItem)];
      // the info row, then a row per container: their figures kept as columns of the list
      const items = [info, ...containers.map((c) => containerItem(e, c, c.name))];
      keepFigureColumns(items, containerFigureColumns(containers, 1), 1);
      return items;
    }),
  };
}

function engineInfo(e: Engine): string {
  const parts = [
    // a store that could not be read says so first: what the pane is missing
    e.metadata && e.metadata.state !== 'read' ? metadataText(e.metadata) : '',
    e.cut ? `${plural(e.cut.containers, 'container')} not inspected: cosi reads at most ${Math.round(e.cut.capBytes / 1024 / 1024)} MiB of engine answers per refresh` : '',
    `socket ${e.socket}${e.kind === 'containerd' || e.kind === 'cri-o' ? ` (not opened: read from the task state${e.metadata?.state === 'read' ? ' and meta.db' : ''})` : ''}`,
    e.metadata?.state === 'read' ? metadataText(e.metadata) : '',
    e.rootDir ? `${e.kind === 'containerd' || e.kind === 'cri-o' ? 'state' : 'root'} ${e.rootDir}` : '',
    e.storageDriver ? `${e.storageDriver}${e.backingFilesystem ? ` on ${e.backingFilesystem}` : ''}` : '',
    e.cgroupDriver ? `cgroup ${e.cgroupDriver}${e.cgroupVersion ? ` v${e.cgroupVersion}` : ''}` : '',
    e.apiVersion ? `API ${e.apiVersion}` : '',
    e.status !== 'up' && e.failure ? engineFailureText(e.failure) : '',
  ];
  return parts.filter(Boolean).join(' · ');
}

/** What cosi could read of containerd's metadata store, and what is missing when it could not. */
export function metadataText(m: EngineMetadata): string {
  const missing = ': containers without a task and images not shown';
  switch (m.state) {
    case 'read':
      return `meta.db ${bytes(m.bytes)} read`;
    case 'too-big':
      return `meta.db is ${bytes(m.bytes)}, over the ${bytes(m.limitBytes)} cosi copies${missing}`;
    case 'denied':
      return `meta.db not readable by this user (--sudo reads it)${missing}`;
    case 'unreadable':
      return `meta.db ${m.reason === 'not-bolt' ? 'is not a bbolt file' : m.reason === 'cut' ? 'was cut short' : 'changed while copied'}${missing}`;
  }
}

export function enginesView(model: HostModel, expanded: Record<string, boolean>, filter: string, problemsOnly = false, sort: SortSpec | null = null): ListView {
  const n = model.engines.reduce((a, e) => a + e.containers.length, 0);
  const title = `${model.engines.length} engine socket${model.engines.length === 1 ? '' : 's'} · ${n} container${n === 1 ? '' : 's'} · Enter: details${sortNote(sort)}${filterNote(filter, problemsOnly)}`;
  const engines = [...model.engines].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const roots = cachedRoots(rootItems, model, 'natural', () => engines.map(engineItem));
  // a sort's rows are read a window at a time (tree-window.ts, top-k.ts)
  const rows = treeRows(roots, expanded, filter, false, problemsOnly, sort);
  return makeView(title, ENGINE_COLUMNS, rows, emptyNote(filter, problemsOnly, 'no container engine socket was found on this host'));
}

const rootItems = new WeakMap<HostModel, Map<string, TreeItem[]>>();

export function findContainer(model: HostModel, key: string): { engine: Engine; container: Container } | null {
  for (const e of model.engines) for (const c of e.containers) if (containerKey(e, c) === key) return { engine: e, container: c };
  return null;
}

/** "2026-12-02 06:37:13 UTC", saying when it is its task bundle's time; '-' when not known. */
function createdText(c: Container): string {
  if (c.createdAt === null) return '-';
  const t = new Date(c.createdAt * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  return c.createdFrom === 'task-bundle' ? `${t} (its task bundle's time)` : c.createdFrom === 'metadata' ? `${t} (containerd's record)` : t;
}

/** The detail view of one container as labelled lines. Env values stay hidden unless revealed. */
export function containerDetail(engine: Engine, c: Container, revealEnv: boolean): { label: string; value: string; tone?: Tone }[] {
  const shownName = c.podContainer && !c.sandbox ? c.podContainer : c.name;
  const out: { label: string; value: string; tone?: Tone }[] = [
    { label: 'container', value: `${shownName === c.id ? c.id : `${shownName}  ${c.id.slice(0, 12)}`}  on ${engine.name}` },
    ...(c.namespace !== undefined ? [{ label: 'namespace', value: c.namespace }] : []),
    ...(c.pod ? [{ label: 'pod', value: `${c.pod.namespace}/${c.pod.name} (uid ${c.pod.uid})${c.sandbox ? ' · its sandbox' : c.podContainer ? ` · container ${c.podContainer}` : ''}` }] : []),
    { label: 'image', value: c.image || '-' },
    { label: 'created', value: createdText(c) },
    { label: 'state', value: [c.state, c.status, c.restarts ? plural(c.restarts, 'restart') : '', c.oomKilled ? 'last exit: OOM-killed' : ''].filter(Boolean).join(' · '), tone: containerTone(c) },
    { label: 'health', value: c.health ?? 'no healthcheck', tone: c.health === 'unhealthy' ? 'red' : undefined },
    { label: 'command', value: c.command },
    cpuLine(c),
    ...memoryLines(c),
    { label: 'pids', value: `${c.pids ?? '-'}${c.limits.pids === null ? '' : ` · limit ${c.limits.pids}`}` },
    { label: 'cgroup', value: c.cgroupPath ?? '-' },
    { label: 'ports', value: c.ports || '-' },
    { label: 'networks', value: c.networks.join(', ') || '-' },
  ];
  out.push({ label: 'mounts', value: c.mounts.length === 0 ? '-' : `${c.mounts.length}` });
  for (const m of c.mounts) out.push({ label: '', value: `${m.source} -> ${m.destination} ${m.rw ? 'rw' : 'ro'}${m.mode && m.mode !== 'rw' && m.mode !== 'ro' ? ` (${m.mode})` : ''}` });
  const labels = Object.keys(c.labels).sort();
  // containerd / CRI-O: what cosi reads is the OCI spec's annotations (the CRI copies the pod's names there).
  out.push({ label: c.namespace !== undefined || c.pod !== undefined ? 'annotations' : 'labels', value: labels.length === 0 ? '-' : `${labels.length}` });
  for (const k of labels) out.push({ label: '', value: `${k}=${c.labels[k]}` });
  out.push({ label: 'env', value: c.env.length === 0 ? '-' : `${plural(c.env.length, 'variable')}${revealEnv ? ' (values shown, e hides)' : ' (names only, e reveals values)'}` });
  for (const v of c.env) out.push({ label: '', value: revealEnv ? `${v.name}=${v.value}` : v.name });
  return out;
}
