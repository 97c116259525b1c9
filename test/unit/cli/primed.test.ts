import { expect, it } from 'vitest';
import { primed } from '../../../src/cli/tui-launch.js';
import type { RawSnapshot } from '../../../src/snapshot/types.js';
import type { CollectOptions } from '../../../src/transport/types.js';

// The live TUI's transport answers its first collect with the snapshot the connect phase took, then
// asks the real one, with the options: the user's r asks for every section ({ full: true }), which
// a big host's cost budget holds back otherwise (#13). Lost here, r read nothing more on lab-big.
it('answers the first collect with the snapshot taken, then passes each collect and its options on', async () => {
  const asked: (CollectOptions | undefined)[] = [];
  const snap = (n: number) => ({ takenAt: String(n) }) as unknown as RawSnapshot;
  let n = 0;
  const t = primed({ target: { kind: 'synthetic', label: 'x' }, collect: async (o) => (asked.push(o), snap(++n)), close: async () => {} }, snap(0));
  expect((await t.collect()).takenAt).toBe('0');
  expect((await t.collect({ full: true })).takenAt).toBe('1');
  expect((await t.collect()).takenAt).toBe('2');
  expect(asked).toEqual([{ full: true }, undefined]);
});
