import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';

const DIR = join(import.meta.dirname, '../../fixtures/frames');

/** Compares a frame with its golden file; UPDATE_GOLDEN=1 (re)writes the file. A missing file fails. */
export function expectGolden(name: string, frame: string): void {
  const file = join(DIR, `${name}.txt`);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, frame + '\n');
  }
  if (!existsSync(file)) throw new Error(`golden file missing: ${file} (review the frame, then run with UPDATE_GOLDEN=1)`);
  expect(frame + '\n').toBe(readFileSync(file, 'utf8'));
}
