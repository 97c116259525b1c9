import type { CgroupNode, Process } from './types.js';
import { eachNode } from './walk.js';

/** The probe's own ps: procps and busybox spellings of processesScript (src/probe/scripts.ts). */
const PROBE_PS = /^ps -e?o pid,ppid,user/;
const SHELLISH = /^(sh|ash|dash|bash|busybox|timeout)$/;

/**
 * cosi's own processes in a snapshot: the shell that ran the probe and everything under it,
 * plus pids a cgroup listed in that shell's cgroup that were gone when ps ran (the probe's
 * earlier short-lived children). Found from the probe's own `ps` command line up through its
 * shell ancestors. `byPid`: the processes by pid, when the caller has them already.
 */
export function probePids(processes: Process[], root: CgroupNode | null, byPid: Map<number, Process> = new Map(processes.map((p) => [p.pid, p]))): Set<number> {
  const out = new Set<number>();
  const ps = processes.find((p) => PROBE_PS.test(p.args));
  if (!ps) return out;
  let shell = ps;
  for (let parent = byPid.get(shell.ppid); parent && SHELLISH.test(parent.comm); parent = byPid.get(parent.ppid)) shell = parent;
  const children = new Map<number, number[]>();
  for (const p of processes) {
    const kids = children.get(p.ppid);
    if (kids) kids.push(p.pid);
    else children.set(p.ppid, [p.pid]);
  }
  const stack = [shell.pid];
  while (stack.length) {
    const pid = stack.pop()!;
    if (out.has(pid)) continue;
    out.add(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  if (root) eachNode(root, (n) => {
    if (n.pids.includes(shell.pid)) for (const pid of n.pids) if (!byPid.has(pid) && pid > shell.pid) out.add(pid);
  });
  return out;
}
