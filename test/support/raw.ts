import { readFileSync } from 'node:fs';
import { readBundle } from '../../parsers/bundle.js';
import { sectionLimits } from '../../src/probe/sections.js';
import type { RawSnapshot } from '../../src/snapshot/types.js';

/** A RawSnapshot from a captured probe output (nonce NONCE), as the runner would build it. */
export function rawFromCapture(path: string, label = 'capture'): RawSnapshot {
  const text = readFileSync(path, 'utf8');
  return {
    format: 'cosi-snapshot',
    version: 1,
    target: { kind: 'local', label },
    takenAt: '2026-11-29T00:00:00.000Z',
    durationMs: 1,
    sections: readBundle(text, 'NONCE', sectionLimits()).value,
    engines: [],
  };
}
