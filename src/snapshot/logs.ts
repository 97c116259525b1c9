import type { LogLine } from '../../parsers/log-line.js';
import { isObj, num } from '../../parsers/json.js';
import { sanitize } from '../../parsers/sanitize.js';

/**
 * The logs a snapshot file carries: the last lines of each failed or restarting unit and of
 * each exited or restarting container, read as `cosi logs` reads them, so that
 * `cosi open` shows why offline. Lines as cosi's log parsers made them (the
 * Engine API's answer is binary frames; `--json` of `cosi logs` prints the
 * same objects), bounded and sanitized.
 */
export interface RawLog {
  kind: 'unit' | 'container';
  /** The unit's name, or the container's id. */
  target: string;
  /** A container's name and the engine that has it. */
  name?: string;
  engine?: string;
  /** Where the lines were read (`journal`, `docker`, `system-docker`, `podman`, `syslog`, `file`); null when none could be. */
  from: string | null;
  /** Oldest first. */
  lines: StoredLogLine[];
  /** The bounds left older lines out (the host may have had more than LOG_LINES). */
  cut: boolean;
  /** Why no line could be read, as `cosi logs` says it. */
  error?: string;
  /** What the reader had to say beside the lines (an engine it could not ask). */
  notes?: string[];
}

/** A log line without what its entry says already (where it was read, what was asked). */
export type StoredLogLine = Pick<LogLine, 'time' | 'stream' | 'priority' | 'message'>;

/** Lines kept per target. */
export const LOG_LINES = 200;
/** Bytes of messages kept per target; each message at most LOG_LINE_BYTES. */
export const LOG_BYTES = 64 * 1024;
export const LOG_LINE_BYTES = 4096;
/** Targets a snapshot reads logs of (failed and restarting units first, then containers). */
export const LOG_TARGETS = 40;

/** A message cut to LOG_LINE_BYTES of UTF-8, marked with an ellipsis. */
function capMessage(m: string): string {
  if (Buffer.byteLength(m) <= LOG_LINE_BYTES) return m;
  return `${Buffer.from(m).subarray(0, LOG_LINE_BYTES - 3).toString('utf8').replace(/\uFFFD$/, '')}…`;
}

/** The newest LOG_LINES lines whose messages fit in LOG_BYTES; `cut` when any was left out. */
export function boundLogLines(lines: StoredLogLine[]): { lines: StoredLogLine[]; cut: boolean } {
  const out: StoredLogLine[] = [];
  let bytes = 0;
  for (let i = lines.length - 1; i >= 0 && out.length < LOG_LINES; i--) {
    const l = lines[i]!;
    const message = capMessage(l.message);
    bytes += Buffer.byteLength(message);
    if (bytes > LOG_BYTES) break;
    out.push({ time: l.time, stream: l.stream, priority: l.priority, message });
  }
  return { lines: out.reverse(), cut: out.length < lines.length };
}

const str = (v: unknown): string | null => (typeof v === 'string' ? sanitize(v) : null);

/**
 * A file's `logs`, rebuilt from known fields only, every string sanitized and
 * every bound applied again (the file is host data). Null when the file has
 * none (written before snapshots carried logs).
 */
export function validateLogs(data: unknown, bad: (what: string) => Error): RawLog[] | null {
  if (data === undefined) return null;
  if (!Array.isArray(data)) throw bad('"logs" is not a list');
  return data.slice(0, LOG_TARGETS).map((e, i) => {
    if (!isObj(e) || (e.kind !== 'unit' && e.kind !== 'container') || typeof e.target !== 'string' || !Array.isArray(e.lines)) throw bad(`logs entry ${i + 1} has no kind, target or lines`);
    const lines = e.lines.filter(isObj).map((l) => {
      const p = num(l.priority);
      return { time: str(l.time), stream: str(l.stream), priority: p !== null && Number.isInteger(p) && p >= 0 && p <= 7 ? p : null, message: str(l.message) ?? '' };
    });
    const bounded = boundLogLines(lines);
    const name = str(e.name);
    const engine = str(e.engine);
    const error = str(e.error);
    const notes = Array.isArray(e.notes) ? e.notes.map(str).filter((n): n is string => n !== null).slice(0, 10) : [];
    return {
      kind: e.kind,
      target: sanitize(e.target),
      ...(name !== null ? { name } : {}),
      ...(engine !== null ? { engine } : {}),
      from: str(e.from),
      lines: bounded.lines,
      cut: e.cut === true || bounded.cut,
      ...(error !== null ? { error } : {}),
      ...(notes.length ? { notes } : {}),
    };
  });
}

/** The stored entry a target means: a unit by its name, a container by its name or (a prefix of) its id. */
export function findStoredLog(logs: RawLog[], target: string): RawLog | undefined {
  return logs.find((e) => e.target === target) ?? logs.find((e) => e.kind === 'container' && (e.name === target || e.target.startsWith(target)));
}

/** What a snapshot stores logs of, in one sentence's words (a target it did not store is told this). */
export const STORED_LOGS_WHAT = 'it stores only logs of failed, exited or restarting units and containers';

/** An entry's lines as `cosi logs` gives them: where they were read, and the unit or the container's name as target. */
export function storedLogLines(e: RawLog): LogLine[] {
  const source = e.from ?? 'snapshot';
  const what = e.kind === 'unit' ? e.target : (e.name ?? e.target);
  return e.lines.map((l) => ({ time: l.time, source, target: what, stream: l.stream, priority: l.priority, message: l.message }));
}
