/** containerd / CRI-O engines in the Engines tab: containers grouped by namespace, then by pod (the sandbox is the pod's row). */
import type { Container, Engine, Pod } from '../../src/model/types.js';
import { bytes, plural } from './format.js';
import type { Tone } from './list.js';
import { once, type TreeItem } from './tree-item.js';

type ContainerItem = (e: Engine, c: Container, label: string) => TreeItem;

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function podTone(p: Pod, problem: boolean): Tone {
  if (p.state !== 'ready') return 'red';
  return problem ? 'yellow' : 'normal';
}

function podItem(e: Engine, p: Pod, members: Container[], containerItem: ContainerItem): TreeItem {
  const shown = members.filter((c) => !c.sandbox).sort((a, b) => cmp(a.podContainer ?? a.id, b.podContainer ?? b.id) || cmp(a.id, b.id));
  // By pod container name: an earlier attempt the runtime keeps (stopped, no task) is not one more container.
  const names = new Map<string, Container[]>();
  for (const c of shown) names.set(c.podContainer ?? c.id, [...(names.get(c.podContainer ?? c.id) ?? []), c]);
  const attempts = [...names.values()];
  const running = attempts.filter((cs) => cs.some((c) => c.state === 'running')).length;
  const restarts = attempts.reduce((n, cs) => n + Math.max(0, ...cs.map((c) => c.restarts ?? 0)), 0);
  const problem = p.state !== 'ready' || running < attempts.length;
  const status = [`${running}/${attempts.length} running`, restarts ? plural(restarts, 'restart') : ''].filter(Boolean).join(' · ');
  return {
    key: `pod:${e.name}/${p.namespace}/${p.name}/${p.uid}`,
    label: `${p.namespace}/${p.name}`,
    cells: [p.state, '', p.memoryBytes === null ? '' : bytes(p.memoryBytes), p.pids === null ? '' : String(p.pids), 'pod', status],
    tone: podTone(p, problem),
    text: `${p.namespace}/${p.name} ${p.uid} ${p.sandboxId ?? ''}`.toLowerCase(),
    problem,
    sort: { cpu: null, memory: p.memoryBytes, state: p.state, pids: p.pids },
    defaultExpanded: true,
    children: once(() => shown.map((c) => containerItem(e, c, c.podContainer ?? c.id))),
  };
}

/** The rows below a containerd / CRI-O engine: namespaces (containerd only), pods, then containers of no pod. */
export function runtimeChildren(e: Engine, containerItem: ContainerItem): TreeItem[] {
  const byNs = new Map<string, Container[]>();
  for (const c of e.containers) {
    const ns = c.namespace ?? '';
    byNs.set(ns, [...(byNs.get(ns) ?? []), c]);
  }
  const groups = [...byNs.keys()].sort(cmp).map((ns) => {
    const members = byNs.get(ns)!;
    const pods = (e.pods ?? []).filter((p) => members.some((c) => c.pod && c.pod.uid === p.uid && c.pod.name === p.name));
    const rows = [
      ...pods.map((p) => podItem(e, p, members.filter((c) => c.pod?.uid === p.uid && c.pod.name === p.name), containerItem)),
      ...members.filter((c) => !c.pod).map((c) => containerItem(e, c, c.name)),
    ];
    return { ns, members, pods, rows };
  });
  if (groups.length === 1 && groups[0]!.ns === '') return groups[0]!.rows;
  return groups.map(({ ns, members, pods, rows }) => ({
    key: `ns:${e.name}/${ns}`,
    label: `namespace ${ns || '-'}`,
    cells: ['', '', '', '', '', [pods.length ? plural(pods.length, 'pod') : '', plural(members.filter((c) => !c.sandbox).length, 'container')].filter(Boolean).join(' · ')],
    tone: 'cyan' as Tone,
    text: `namespace ${ns}`,
    defaultExpanded: true,
    children: () => rows,
  }));
}
