import { expect, it } from 'vitest';
import { RUNS, shapes, TARGETS } from './adversarial.js';

// Every parser on 1 MB of the characters that trip backtracking regexes, in three shapes.
// A catastrophic (exponential or quadratic) pattern does not finish 1 MB of input within
// the test timeout (it would take hours); linear parsers take milliseconds to about a second
// each. Measured times for 100 KB vs 1 MB are printed by `npx tsx test/unit/hostile/regex-ratio.ts`
// (timing stays out of the tests: the CPUs are shared). One test, because each input only
// shows that a parser returns: the count says how many inputs were tried.
const MB = 1024 * 1024;
const SHAPES = 3;

it(`every parser returns a value on ${TARGETS.length} formats x ${Object.keys(RUNS).length} runs x ${SHAPES} shapes of 1 MB adversarial input`, () => {
  const failed: string[] = [];
  let tried = 0;
  for (const t of TARGETS) {
    for (const [run, chars] of Object.entries(RUNS)) {
      for (const [shape, input] of Object.entries(shapes(t, chars, MB))) {
        tried++;
        try {
          if (t.parse(input) === undefined) failed.push(`${t.name}, ${run}, ${shape}: undefined`);
        } catch (e) {
          failed.push(`${t.name}, ${run}, ${shape}: ${String(e)}`);
        }
      }
    }
  }
  expect(failed).toEqual([]);
  expect(tried).toBe(TARGETS.length * Object.keys(RUNS).length * SHAPES);
}, 300_000);
