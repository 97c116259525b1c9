import { sanitize } from '../../parsers/sanitize.js';
import { formatLogLine } from '../logs/answer.js';
import { atPriority } from '../logs/priority.js';
import { say } from '../say.js';
import { readSnapshotFile } from '../snapshot/file.js';
import { findStoredLog, type RawLog, STORED_LOGS_WHAT, storedLogLines } from '../snapshot/logs.js';
import { CliError, usage } from './errors.js';
import type { CliOptions } from './options.js';

/** The targets an entry can be asked by, as the user types them. */
const named = (e: RawLog): string => (e.kind === 'unit' ? e.target : `${e.name ?? e.target.slice(0, 12)} (${e.engine ?? 'container'})`);

/**
 * `cosi logs --snapshot FILE TARGET` (and `--demo NAME TARGET`): the lines the
 * file stored of TARGET, offline, found as the TUI's Logs tab finds them
 * (src/snapshot/logs.ts). The last -n of them, plain or `--json`.
 */
export async function logsFromSnapshot(o: CliOptions, path: string, label: string): Promise<number> {
  const [target, extra] = o.positionals;
  if (target === undefined) throw usage('logs needs what to read: a unit (name.service) or a container name or id the snapshot stored');
  if (extra !== undefined) throw usage(`unexpected argument '${extra}'`);
  if (o.since !== undefined || o.boot !== undefined) throw usage('--since and --boot read a live host; a snapshot has the lines it stored');
  const raw = await readSnapshotFile(path);
  if (!raw.logs) throw new CliError(`${label} stores no logs (written before snapshots carried them); read them from the host`);
  const e = findStoredLog(raw.logs, target);
  if (!e) {
    const has = raw.logs.length ? `it has: ${raw.logs.map(named).join(', ')}` : 'it has none';
    throw new CliError(`${sanitize(target)} is not in ${label}: ${STORED_LOGS_WHAT}; ${has}`);
  }
  for (const n of e.notes ?? []) say(n);
  if (e.error !== undefined) throw new CliError(`when the snapshot was taken: ${e.error}`);
  const all = storedLogLines(e);
  const lines = atPriority(all, o.priority).slice(-o.lines);
  if (e.cut) say(`the snapshot stored only the last ${all.length} lines`);
  if (lines.length === 0) say(`no log lines for ${sanitize(target)} (${e.from ?? 'snapshot'}) in ${label}`);
  process.stdout.write(lines.map((l) => (o.json ? JSON.stringify(l) : formatLogLine(l))).join('\n') + (lines.length ? '\n' : ''));
  return 0;
}
