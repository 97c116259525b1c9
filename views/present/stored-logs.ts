import type { HostModel } from '../../src/model/types.js';
import { findStoredLog, STORED_LOGS_WHAT, storedLogLines } from '../../src/snapshot/logs.js';
import type { LogsData, LogTarget } from '../../src/store/types.js';

/**
 * The Logs tab of a snapshot file, offline: the lines it stored of the target.
 * Null when the file stored no logs at all (written before snapshots carried
 * them): the tab says that the logs are read from a live host.
 */
export function storedLogs(model: HostModel, target: LogTarget, request: number): LogsData | null {
  if (!model.logs) return null;
  const base = { request, target, first: 0, notes: [] as string[] };
  const e = findStoredLog(model.logs, target.target);
  if (!e) {
    // The title names the target; this line fits 80 columns' worth of reason first.
    const error = `not in this snapshot: ${STORED_LOGS_WHAT}`;
    return { ...base, state: 'error', lines: [], from: null, error };
  }
  const source = e.from ?? 'snapshot';
  const lines = storedLogLines(e);
  const notes = [...(e.notes ?? []), ...(e.cut ? [`the snapshot stored its last ${lines.length} lines`] : [])];
  if (e.error !== undefined) return { ...base, state: 'error', lines: [], from: null, error: `when the snapshot was taken: ${e.error}`, notes };
  return { ...base, state: 'ok', lines, from: `${source}, stored in the snapshot`, error: null, notes };
}
