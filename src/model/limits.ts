/**
 * How many cgroups and mounts one model holds. Both sections are legal far beyond this under their
 * byte caps (300,000 one-line cgroups fit in 16 MiB, 100,000 mounts in 8 MiB), but every tick builds
 * the model again and every key re-draws from it: past these counts the TUI stops answering keys
 * promptly (measured in docs/performance.md). The panes say what was left out.
 */
export const MAX_CGROUPS = 50_000;
export const MAX_MOUNTS = 25_000;

/** The first `max` lines of a text, and how many non-empty lines it had in all. */
export function firstLines(text: string, max: number): { text: string; total: number } {
  let count = 0;
  let cut = -1;
  for (let i = 0; i < text.length; ) {
    const nl = text.indexOf('\n', i);
    const end = nl < 0 ? text.length : nl;
    if (end > i) {
      count++;
      if (count === max) cut = end;
    }
    i = end + 1;
  }
  return { text: cut < 0 ? text : text.slice(0, cut + 1), total: count };
}
