import { constants } from 'node:fs';
import { open, writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { redactEnv } from './redact.js';
import { isObj, num } from '../../parsers/json.js';
import { sanitize } from '../../parsers/sanitize.js';
import { stripBom } from '../../parsers/bom.js';
import type { RawEngine, RawSnapshot } from './types.js';
import { readEngineFailure } from './engine-failure.js';
import { validateLogs } from './logs.js';

export const SNAPSHOT_VERSION = 1;

export class SnapshotFileError extends Error {
  override name = 'SnapshotFileError';
}

const TARGET_KINDS = new Set(['local', 'command', 'ssh', 'replay', 'synthetic']);
const SECTION_ID = /^[a-z0-9-]{1,40}$/;


/**
 * Checks a parsed snapshot and rebuilds it from known fields only: a snapshot
 * file is host data, so its strings are sanitized like the rest and a damaged
 * one is refused with a line naming the problem (SnapshotFileError).
 */
/** Earlier readings kept from a file's `history`: the store keeps no more (HISTORY_CAP). */
const MAX_HISTORY = 720;

export function validateSnapshot(data: unknown, origin: string): RawSnapshot {
  const bad = (what: string) => new SnapshotFileError(`${origin}: ${what}`);
  if (!isObj(data)) throw bad('not a cosi snapshot (not a JSON object)');
  if (data.format !== 'cosi-snapshot') throw bad('not a cosi snapshot (no "format": "cosi-snapshot")');
  if (typeof data.version !== 'number') throw bad('snapshot has no version');
  if (data.version > SNAPSHOT_VERSION) throw bad(`snapshot version ${data.version} is newer than this cosi reads (${SNAPSHOT_VERSION}); update cosi`);
  if (!isObj(data.sections)) throw bad('snapshot has no sections');
  const sections = validateSections(data.sections, bad);
  const previous = isObj(data.previous) && isObj(data.previous.sections)
    ? { takenAt: typeof data.previous.takenAt === 'string' ? sanitize(data.previous.takenAt) : '', sections: validateSections(data.previous.sections, bad) }
    : undefined;
  const history = Array.isArray(data.history)
    ? data.history.slice(-MAX_HISTORY).filter(isObj).filter((r) => isObj(r.sections)).map((r) => ({
        takenAt: typeof r.takenAt === 'string' ? sanitize(r.takenAt) : '',
        sections: validateSections(r.sections as Record<string, unknown>, bad),
      }))
    : undefined;
  const engines = data.engines === undefined ? [] : data.engines;
  if (!Array.isArray(engines)) throw bad('"engines" is not a list');
  const target = isObj(data.target) ? data.target : {};
  const logs = validateLogs(data.logs, bad);
  const leftOut = num(data.logsLeftOut);
  return {
    format: 'cosi-snapshot',
    version: 1,
    target: {
      kind: typeof target.kind === 'string' && TARGET_KINDS.has(target.kind) ? (target.kind as RawSnapshot['target']['kind']) : 'replay',
      label: typeof target.label === 'string' ? sanitize(target.label) : sanitize(origin),
    },
    takenAt: typeof data.takenAt === 'string' ? sanitize(data.takenAt) : new Date(0).toISOString(),
    durationMs: num(data.durationMs) ?? 0,
    sections,
    engines: engines.map((e, i) => validateEngine(e, i, bad)),
    ...(previous ? { previous } : {}),
    ...(history && history.length > 0 ? { history } : {}),
    ...(logs ? { logs } : {}),
    ...(logs && leftOut !== null && leftOut > 0 ? { logsLeftOut: leftOut } : {}),
  };
}

function validateSections(data: Record<string, unknown>, bad: (what: string) => SnapshotFileError): RawSnapshot['sections'] {
  const sections: RawSnapshot['sections'] = {};
  for (const [id, s] of Object.entries(data)) {
    if (!isObj(s) || typeof s.text !== 'string') throw bad(`section "${sanitize(id.slice(0, 40))}" has no text`);
    if (!SECTION_ID.test(id)) continue; // not a section this cosi knows how to name
    sections[id] = { text: s.text, rc: num(s.rc), truncated: s.truncated === true, bytes: num(s.bytes) ?? s.text.length, ms: num(s.ms) };
  }
  return sections;
}

function validateEngine(e: unknown, i: number, bad: (what: string) => SnapshotFileError): RawEngine {
  if (!isObj(e)) throw bad(`engine ${i + 1} is not an object`);
  if (typeof e.socket !== 'string' || typeof e.name !== 'string') throw bad(`engine ${i + 1} has no socket or name`);
  if (!isObj(e.answers)) throw bad(`engine ${i + 1} (${sanitize(e.name)}) has no answers`);
  const answers = Object.create(null) as Record<string, string>; // keyed by the file's strings
  for (const [k, v] of Object.entries(e.answers)) {
    if (typeof v !== 'string') throw bad(`engine ${i + 1} (${sanitize(e.name)}): the answer to ${sanitize(k)} is not text`);
    answers[k] = v;
  }
  const via = e.via === 'api' || e.via === 'cli' || e.via === 'curl' ? e.via : 'none';
  const failure = readEngineFailure(e);
  const cut = isObj(e.cut) ? { containers: num(e.cut.containers), capBytes: num(e.cut.capBytes) } : null;
  return {
    socket: e.socket,
    name: e.name,
    via,
    answers,
    ...(failure ? { failure } : {}),
    ...(cut && cut.containers !== null && cut.capBytes !== null ? { cut: { containers: cut.containers, capBytes: cut.capBytes } } : {}),
  };
}

export function parseSnapshot(text: string, origin: string): RawSnapshot {
  let data: unknown;
  try {
    data = JSON.parse(stripBom(text));
  } catch (e) {
    throw new SnapshotFileError(`${origin}: not a cosi snapshot (${jsonProblem(text, (e as Error).message)})`);
  }
  return validateSnapshot(data, origin);
}

/**
 * JSON.parse's message quotes the input (raw file bytes: an OSC 52 sequence would write the
 * clipboard), so only its kind and position are kept.
 */
function jsonProblem(text: string, message: string): string {
  if (/end of JSON input/i.test(message)) return 'not valid JSON: the file ends early';
  const pos = /at position (\d+)/.exec(message);
  if (!pos) return 'not valid JSON';
  const before = text.slice(0, Number(pos[1])).split('\n');
  return `not valid JSON at line ${before.length} column ${before[before.length - 1].length + 1}`;
}

/**
 * The biggest snapshot cosi reads: every section at its byte cap (about 77 MiB), the engine answers
 * at their per-tick cap (64 MiB) and JSON escaping fit well under it.
 */
export const MAX_SNAPSHOT_BYTES = 256 * 1024 * 1024;

/**
 * Reads a snapshot file, checking what it is before reading: a FIFO would block forever and a
 * device (/dev/zero) never ends. Opened non-blocking so a FIFO without a writer does not hang the
 * open itself; type and size come from the open descriptor, not from the path.
 */
export async function readSnapshotFile(path: string): Promise<RawSnapshot> {
  const name = sanitize(path);
  let text: string;
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw cannotRead(name, e);
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new SnapshotFileError(`${name}: not a regular file (${fileKind(st)}); a snapshot is a file written by cosi snapshot -o`);
    if (st.size > MAX_SNAPSHOT_BYTES) throw new SnapshotFileError(`${name}: ${mib(st.size)} MiB is more than a snapshot can be (${MAX_SNAPSHOT_BYTES / 1024 / 1024} MiB)`);
    // The file may grow after the check: never read more than the limit.
    const buf = Buffer.alloc(Math.min(st.size, MAX_SNAPSHOT_BYTES) + 1);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    if (bytesRead > MAX_SNAPSHOT_BYTES) throw new SnapshotFileError(`${name}: more than a snapshot can be (${MAX_SNAPSHOT_BYTES / 1024 / 1024} MiB)`);
    text = buf.subarray(0, bytesRead).toString('utf8');
  } catch (e) {
    throw e instanceof SnapshotFileError ? e : cannotRead(name, e);
  } finally {
    await handle.close();
  }
  return parseSnapshot(text, path);
}

function cannotRead(name: string, e: unknown): SnapshotFileError {
  const code = (e as NodeJS.ErrnoException).code;
  return new SnapshotFileError(code === 'ENOENT' ? `${name}: no such file` : `${name}: cannot read (${sanitize(code ?? String(e))})`);
}

function fileKind(st: import('node:fs').Stats): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isDirectory()) return 'a directory';
  if (st.isSocket()) return 'a socket';
  return 'not a file';
}

const mib = (n: number) => (n / 1024 / 1024).toFixed(1);

/** Writes a snapshot; container environment VALUES are dropped first (they often hold secrets), names stay. */
export async function writeSnapshotFile(path: string, raw: RawSnapshot): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify({ ...raw, engines: redactEnv(raw.engines) }, null, 1) + '\n');
}
