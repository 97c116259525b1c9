/** The synthetic node's cgroup v2 tree, as the probe's `grep -H` lines of cgroup.procs, memory.current, memory.events and pids.current. */
import { parentOf } from '../../parsers/cgroups.js';
import { podSliceOf, scopeOf, type Ctr, type Pod, type SyntheticSize } from './node.js';
import type { Proc } from './processes.js';
import { hashOf, type Rng } from './rng.js';

export interface CgroupTree {
  /** Every cgroup path, '/' included, sorted. */
  paths: string[];
  /** Hierarchical memory.current per path, bytes. */
  memOf: Map<string, number>;
  /** The cgroups section's text. */
  text: string;
}

/** Exactly size.cgroups cgroups: those of the processes and pods, then sub-cgroups of app containers. */
export function makeCgroups(rng: Rng, size: SyntheticSize, procs: readonly Proc[], pods: readonly Pod[], apps: readonly Ctr[]): CgroupTree {
  const cgroupPaths = new Set<string>(['/']);
  const addPath = (p: string) => {
    const parts = p.split('/').filter(Boolean);
    for (let i = 1; i <= parts.length; i++) cgroupPaths.add('/' + parts.slice(0, i).join('/'));
  };
  for (const p of procs) if (p.cgroup !== '/') addPath(p.cgroup);
  for (const s of ['system.slice/systemd-fsck-root.service', 'system.slice/system-getty.slice', 'system.slice/system-getty.slice/getty@tty1.service', 'dev-hugepages.mount', 'sys-kernel-debug.mount'])
    addPath('/' + s);
  for (const pod of pods) addPath(podSliceOf(pod));
  const subOwners = apps.slice();
  for (let i = 0; cgroupPaths.size < size.cgroups && subOwners.length > 0; i++) {
    const c = subOwners[i % subOwners.length]!;
    addPath(`${scopeOf(c)}/${c.subCgroups === 0 ? 'init.scope' : `worker-${c.subCgroups}`}`);
    c.subCgroups++;
  }
  const pidsIn = new Map<string, number[]>();
  for (const p of procs) {
    const list = pidsIn.get(p.cgroup) ?? [];
    list.push(p.pid);
    pidsIn.set(p.cgroup, list);
  }
  const rssOf = new Map(procs.map((p) => [p.pid, p.rss]));
  const paths = [...cgroupPaths].sort();
  const memOf = new Map<string, number>();
  const tasksOf = new Map<string, number>();
  // Hierarchical memory and task counts: every cgroup adds its own to all ancestors.
  for (const path of paths) {
    const own = pidsIn.get(path) ?? [];
    const mem = own.reduce((n, pid) => n + (rssOf.get(pid) ?? 0) * 1024, 0) + (path === '/' ? 0 : rng.int(0, 64) * 4096);
    for (let q = path; ; q = parentOf(q)) {
      memOf.set(q, (memOf.get(q) ?? 0) + mem);
      tasksOf.set(q, (tasksOf.get(q) ?? 0) + own.length);
      if (q === '/') break;
    }
  }
  const cg: string[] = ['@root unified /sys/fs/cgroup'];
  for (const path of paths) {
    const dir = path === '/' ? '/sys/fs/cgroup' : `/sys/fs/cgroup${path}`;
    for (const pid of pidsIn.get(path) ?? []) cg.push(`${dir}/cgroup.procs:${pid}`);
    if (path === '/') continue;
    cg.push(`${dir}/memory.current:${memOf.get(path) ?? 0}`);
    const ooms = path.endsWith('.scope') && path.includes('kubepods') && hashOf(path) % 97 === 0 ? 1 : 0;
    for (const [k, v] of [['low', 0], ['high', 0], ['max', ooms * 3], ['oom', ooms], ['oom_kill', ooms], ['oom_group_kill', 0]] as const) cg.push(`${dir}/memory.events:${k} ${v}`);
    cg.push(`${dir}/pids.current:${tasksOf.get(path) ?? 0}`);
  }
  return { paths, memOf, text: cg.join('\n') + '\n' };
}
