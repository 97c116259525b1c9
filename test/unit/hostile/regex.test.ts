import { describe, expect, it } from 'vitest';
import { RUNS, shapes, TARGETS } from './adversarial.js';

// Every parser on 1 MB of the characters that trip backtracking regexes, in three shapes.
// A catastrophic (exponential or quadratic) pattern does not finish 1 MB within the test
// timeout; linear parsers take milliseconds to about a second. Measured times for 100 KB vs
// 1 MB are printed by `npx tsx test/unit/hostile/regex-ratio.ts` (timing stays out of the
// tests: the CPUs are shared).
const MB = 1024 * 1024;

// Known quadratic case, left out below (it takes minutes): see the skipped BUG test.
const known = (name: string, run: string, shape: string) => name === 'ros service ps' && (run === 'spaces' || run === 'tabs') && shape === 'in a record';

describe.each(TARGETS)('the $name parser on 1 MB adversarial input', (t) => {
  it.each(Object.keys(RUNS))('completes on runs of %s and returns a value', (run) => {
    for (const [shape, input] of Object.entries(shapes(t, RUNS[run], MB))) {
      if (known(t.name, run, shape)) continue;
      let r: unknown;
      expect(() => (r = t.parse(input)), `${t.name}, ${run}, ${shape}`).not.toThrow();
      expect(r, `${t.name}, ${run}, ${shape}`).toBeDefined();
    }
  });
});

// BUG: parsers/ros.ts STATE (line 15) starts with an unanchored `\s+` and has `.*?` before a
// repeated `(?:\s+\S*...)*\s*$`: on a row with a long run of blanks before the state every start
// position backtracks over the run. Measured: 10 KB of spaces 1 s, 100 KB 107 s (quadratic).
// Not reachable today (no section runs `ros service ps`), but the parser is public.
it.skip('BUG: ros service ps parses a row with 1 MB of blanks before the state', () => {
  const t = TARGETS.find((x) => x.name === 'ros service ps')!;
  expect(() => t.parse(shapes(t, ' ', MB)['in a record'])).not.toThrow();
});
