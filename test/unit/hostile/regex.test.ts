import { describe, expect, it } from 'vitest';
import { RUNS, shapes, TARGETS } from './adversarial.js';

// Every parser on 1 MB of the characters that trip backtracking regexes, in three shapes.
// A catastrophic (exponential or quadratic) pattern does not finish 1 MB within the test
// timeout; linear parsers take milliseconds to about a second. Measured times for 100 KB vs
// 1 MB are printed by `npx tsx test/unit/hostile/regex-ratio.ts` (timing stays out of the
// tests: the CPUs are shared).
const MB = 1024 * 1024;


describe.each(TARGETS)('the $name parser on 1 MB adversarial input', (t) => {
  it.each(Object.keys(RUNS))('completes on runs of %s and returns a value', (run) => {
    for (const [shape, input] of Object.entries(shapes(t, RUNS[run], MB))) {
      let r: unknown;
      expect(() => (r = t.parse(input)), `${t.name}, ${run}, ${shape}`).not.toThrow();
      expect(r, `${t.name}, ${run}, ${shape}`).toBeDefined();
    }
  });
});

// parsers/ros.ts once used a regex that backtracked over blank runs (10 KB of spaces: 1 s,
// 100 KB: 107 s); it now scans words once.
it('ros service ps parses a row with 1 MB of blanks before the state', () => {
  const t = TARGETS.find((x) => x.name === 'ros service ps')!;
  expect(() => t.parse(shapes(t, ' ', MB)['in a record'])).not.toThrow();
});
