import { readFileSync } from 'node:fs';
import { readBundle } from '../../parsers/bundle.js';
import { sectionLimits } from '../../src/probe/sections.js';
import type { RawSnapshot } from '../../src/snapshot/types.js';

/** A RawSnapshot of a local target taken 2026-11-29, with the given sections and engines. */
export function rawSnapshot(label: string, parts: Partial<Pick<RawSnapshot, 'sections' | 'engines'>>): RawSnapshot {
  return { format: 'cosi-snapshot', version: 1, target: { kind: 'local', label }, takenAt: '2026-11-29T00:00:00.000Z', durationMs: 1, sections: {}, engines: [], ...parts };
}

/** A RawSnapshot from a captured probe output (nonce NONCE), as the runner would build it. */
export function rawFromCapture(path: string, label = 'capture'): RawSnapshot {
  return rawSnapshot(label, { sections: readBundle(readFileSync(path, 'utf8'), 'NONCE', sectionLimits()).value });
}
