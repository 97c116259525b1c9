/**
 * How often each probe section runs, from the registry's `tier`: 'once' per connection
 * (cannot change while connected), 'slow' every Nth tick or when its change marker moves,
 * 'fast' every tick. Ids the registry does not know (tests' ad-hoc sections) are fast.
 */
import { sectionById, type Tier } from './sections.js';

/** Slow sections run every SLOW_EVERY ticks (and on the first). */
export const SLOW_EVERY = 15;

const PIDS = '[ -n "${_cosi_pids+x}" ] || { set -- /proc/[0-9]*; _cosi_pids="$*"; }; _m=$_cosi_pids';

/**
 * containerd's and k3s's task directories, globbed once per tick (the prelude unsets
 * `_cosi_tasks`, build.ts) for the markers of runtimes and containerd-meta.
 */
const TASKS = '[ -n "${_cosi_tasks+x}" ] || { set -- "$_cosi_hr"/run/containerd/io.containerd.runtime.v2.task/*/* "$_cosi_hr"/run/k3s/containerd/io.containerd.runtime.v2.task/*/*; _cosi_tasks="$*"; }';

/** Shell variables a marker keeps for the rest of its tick: unset at the start of each tick. */
export const TICK_VARS = '_cosi_pids _cosi_tasks';

/**
 * A slow section's change marker: sh that sets `_m` with builtins only (no process), run on
 * ticks where the section is not due; the section runs when `_m` differs from last time.
 */
export const MARKERS: Record<string, string> = {
  // The mount table as the probe last sent it (its text or checksum, kept by the shell).
  df: '_m=${_cosi_p_mountinfo-}',
  'df-inodes': '_m=${_cosi_p_mountinfo-}',
  // The set of processes (a readdir of /proc, shared by both): cgroup membership and the process
  // list change with it; memory counters of cgroups and processes are read every SLOW_EVERY ticks.
  cgroups: PIDS,
  processes: PIDS,
  'proc-cpu': PIDS,
  // systemd keeps one invocation link per started unit: a start or stop changes the list.
  systemd: 'set -- "$_cosi_hr"/run/systemd/units/*; _m="$*"',
  // containerd's / k3s's / CRI-O's tasks and the kubelet's pod log files (a start, stop or restart changes them).
  runtimes: `${TASKS}; set -- "$_cosi_hr"/run/containers/storage/overlay-containers/* "$_cosi_hr"/var/log/pods/*/*/*.log; _m="$_cosi_tasks $*"`,
  // containerd's metadata store: re-read when the tasks change (a container made without a task shows by the next slow tick).
  'containerd-meta': `${TASKS}; _m=$_cosi_tasks`,
  // Which engine sockets exist.
  engines: '_m=; for _s in "$_cosi_hr"/run/docker.sock "$_cosi_hr"/var/run/docker.sock "$_cosi_hr"/run/system-docker.sock "$_cosi_hr"/var/run/system-docker.sock "$_cosi_hr"/run/podman/podman.sock "$_cosi_hr"/run/user/*/podman/podman.sock; do [ -S "$_s" ] && _m="$_m $_s"; done',
};

export function tierOf(id: string): Tier {
  return sectionById(id)?.tier ?? 'fast';
}

/**
 * What a tick does with a section: 'run' it, run it only if its marker moved ('marker'),
 * or 'skip' it (the previous answer stands). `tick` counts from 0 per connection;
 * `held` = cosi holds a complete previous answer of it; 'absent' = that answer said the thing it
 * reads is not on this host (rc 127). An absent slow section is looked at again only on its
 * periodic run: its marker would be as dear as on a host that has it (lab-big: containerd's
 * metadata store is absent, its marker globbed 2,000 task directories every tick).
 */
export function plan(id: string, tick: number, held: boolean | 'absent', every = SLOW_EVERY): 'run' | 'marker' | 'skip' {
  if (!held || tick === 0) return 'run';
  switch (tierOf(id)) {
    case 'fast':
      return 'run';
    case 'once':
      return 'skip';
    case 'slow':
      if (tick % every === 0) return 'run';
      return MARKERS[id] && held !== 'absent' ? 'marker' : 'skip';
  }
}
