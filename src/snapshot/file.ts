import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { redactEnv } from '../engines/redact.js';
import type { RawSnapshot } from './types.js';

export const SNAPSHOT_VERSION = 1;

export class SnapshotFileError extends Error {
  override name = 'SnapshotFileError';
}

/** Checks the shape of a parsed snapshot; throws SnapshotFileError with a line for the user. */
export function validateSnapshot(data: unknown, origin: string): RawSnapshot {
  if (typeof data !== 'object' || data === null) throw new SnapshotFileError(`${origin}: not a cosi snapshot (not a JSON object)`);
  const d = data as Partial<RawSnapshot>;
  if (d.format !== 'cosi-snapshot') throw new SnapshotFileError(`${origin}: not a cosi snapshot (no "format": "cosi-snapshot")`);
  if (typeof d.version !== 'number') throw new SnapshotFileError(`${origin}: snapshot has no version`);
  if (d.version > SNAPSHOT_VERSION)
    throw new SnapshotFileError(`${origin}: snapshot version ${d.version} is newer than this cosi reads (${SNAPSHOT_VERSION}); update cosi`);
  if (typeof d.sections !== 'object' || d.sections === null) throw new SnapshotFileError(`${origin}: snapshot has no sections`);
  for (const [id, s] of Object.entries(d.sections)) {
    if (typeof s?.text !== 'string') throw new SnapshotFileError(`${origin}: section "${id}" has no text`);
  }
  return {
    format: 'cosi-snapshot',
    version: 1,
    target: d.target ?? { kind: 'replay', label: origin },
    takenAt: typeof d.takenAt === 'string' ? d.takenAt : new Date(0).toISOString(),
    durationMs: typeof d.durationMs === 'number' ? d.durationMs : 0,
    sections: d.sections,
    engines: Array.isArray(d.engines) ? d.engines : [],
  };
}

export function parseSnapshot(text: string, origin: string): RawSnapshot {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new SnapshotFileError(`${origin}: not a cosi snapshot (invalid JSON: ${(e as Error).message})`);
  }
  return validateSnapshot(data, origin);
}

export async function readSnapshotFile(path: string): Promise<RawSnapshot> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new SnapshotFileError(code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot read (${code ?? String(e)})`);
  }
  return parseSnapshot(text, path);
}

/** Writes a snapshot; container environment VALUES are dropped first (they often hold secrets), names stay. */
export async function writeSnapshotFile(path: string, raw: RawSnapshot): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify({ ...raw, engines: redactEnv(raw.engines) }, null, 1) + '\n');
}
