import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';

const DIR = join(import.meta.dirname, '../../fixtures/frames');

/** Compares a frame with its golden file; UPDATE_GOLDEN=1 rewrites the file. */
export function expectGolden(name: string, frame: string): void {
  const file = join(DIR, `${name}.txt`);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    if (process.env.UPDATE_GOLDEN !== '1' && process.env.CI) throw new Error(`golden file missing: ${file} (run with UPDATE_GOLDEN=1)`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, frame + '\n');
  }
  expect(frame + '\n').toBe(readFileSync(file, 'utf8'));
}
