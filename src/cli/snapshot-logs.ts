import { readLogs } from '../engines/logs-read.js';
import { POD_TARGET } from '../logs/script.js';
import type { HostModel } from '../model/types.js';
import { failedOrRestarting } from '../model/unit-state.js';
import { sanitize } from '../../parsers/sanitize.js';
import { boundLogLines, LOG_LINES, LOG_TARGETS, type RawLog } from '../snapshot/logs.js';
import type { ShellAccess } from '../transport/types.js';

/** What a snapshot reads logs of: a failed or restarting unit, or an exited or restarting container. */
export interface SnapshotLogTarget {
  kind: 'unit' | 'container';
  /** As `cosi logs` takes it: the unit, the container's id (unique across engines), a pod's `pod/NS/POD/CONTAINER`. */
  target: string;
  name?: string;
  engine?: string;
}

/** Container states whose logs tell why: it ended (docker and podman `exited`, `dead`; containerd `stopped`) or keeps restarting. */
const ENDED = new Set(['exited', 'dead', 'restarting', 'stopped']);

/**
 * The targets, failed and restarting units first, at most LOG_TARGETS; `left` says how many
 * more there were. Containers of the engines cosi reads logs of: docker,
 * system-docker, podman (their API or CLI), and Kubernetes pods' containers on
 * containerd and CRI-O nodes (their CRI files).
 */
export function snapshotLogTargets(model: HostModel): { targets: SnapshotLogTarget[]; left: number } {
  const all: SnapshotLogTarget[] = (model.units ?? []).filter(failedOrRestarting).map((u) => ({ kind: 'unit', target: u.name }));
  for (const e of model.engines) {
    for (const c of e.containers) {
      if (!ENDED.has(c.state)) continue;
      if (e.kind === 'docker' || e.kind === 'system-docker' || e.kind === 'podman') all.push({ kind: 'container', target: c.id, name: c.name, engine: e.name });
      else if (c.pod && c.podContainer && c.podContainer !== 'POD') {
        const pod = `pod/${c.pod.namespace}/${c.pod.name}/${c.podContainer}`;
        if (POD_TARGET.test(pod)) all.push({ kind: 'container', target: pod, name: c.name, engine: e.name });
      }
    }
  }
  return { targets: all.slice(0, LOG_TARGETS), left: Math.max(0, all.length - LOG_TARGETS) };
}

/** Bytes kept of each step's output on the host: the last 200 lines of a chatty container stay far below. */
const CAP_BYTES = 1024 * 1024;

/**
 * Reads the last LOG_LINES lines of each target as `cosi logs` does (journal
 * with PID 1's lines about a unit; containers through the Engine API over the
 * forwarded socket, the CLI where it cannot reach), one target after the other
 * on the snapshot's own connection, and bounds them for the file.
 */
export async function readSnapshotLogs(targets: SnapshotLogTarget[], access: ShellAccess, host: string, o: { sudo: boolean; hostRoot?: string }): Promise<RawLog[]> {
  const out: RawLog[] = [];
  // A connection that failed once is not asked again: the targets after it say why.
  let broken: string | null = null;
  for (const t of targets) {
    const about = { kind: t.kind, target: t.target, ...(t.name !== undefined ? { name: t.name } : {}), ...(t.engine !== undefined ? { engine: t.engine } : {}) };
    let entry: RawLog;
    if (broken !== null) {
      out.push({ ...about, from: null, lines: [], cut: false, error: broken });
      continue;
    }
    try {
      const r = await readLogs({ target: t.target, lines: LOG_LINES, sudo: o.sudo, capBytes: CAP_BYTES, ...(o.hostRoot ? { hostRoot: o.hostRoot } : {}) }, access, host);
      const notes = r.notes.length ? { notes: r.notes } : {};
      entry = r.ok ? { ...about, from: r.from, ...boundLogLines(r.lines), ...notes } : { ...about, from: null, lines: [], cut: false, error: r.error, ...notes };
    } catch (e) {
      broken = `not read: ${sanitize(e instanceof Error ? e.message : String(e))}`;
      entry = { ...about, from: null, lines: [], cut: false, error: broken };
    }
    out.push(entry);
  }
  return out;
}
