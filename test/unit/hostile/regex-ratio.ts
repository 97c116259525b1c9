// For the benchmark engineer: time of every parser on 100 KB vs 1 MB adversarial input.
// A linear parser shows a ratio near 10; a quadratic one near 100.
//   npx tsx test/unit/hostile/regex-ratio.ts [KB_SMALL] [only-parser-name]
// Prints one line per parser/run/shape, worst ratios last. Not a test: timing is noisy on shared CPUs.
import { RUNS, shapes, TARGETS } from './adversarial.js';

const small = Number(process.argv[2] ?? 100) * 1024;
const only = process.argv[3];
const time = (f: () => void): number => {
  const t0 = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t0) / 1e6;
};
const rows: { what: string; a: number; b: number; ratio: number }[] = [];
for (const t of TARGETS) {
  if (only ? t.name !== only : t.name === 'ros service ps') continue; // ros: known quadratic, see regex.test.ts
  for (const [run, ch] of Object.entries(RUNS)) {
    const s = shapes(t, ch, small);
    const l = shapes(t, ch, small * 10);
    for (const shape of Object.keys(s)) {
      const a = time(() => t.parse(s[shape]));
      const b = time(() => t.parse(l[shape]));
      rows.push({ what: `${t.name} / ${run} / ${shape}`, a, b, ratio: b / Math.max(a, 0.05) });
      process.stderr.write(`${t.name} / ${run} / ${shape}: ${a.toFixed(1)} ms -> ${b.toFixed(1)} ms\n`);
    }
  }
}
rows.sort((x, y) => x.ratio - y.ratio);
for (const r of rows) console.log(`${r.ratio.toFixed(1).padStart(7)}x  ${r.a.toFixed(1).padStart(8)} ms  ${r.b.toFixed(1).padStart(9)} ms  ${r.what}`);
