/**
 * Generated blocks inside a hand-written Markdown file, between
 * `<!-- NAME:start -->` and `<!-- NAME:end -->` markers. Everything outside
 * the markers is left byte for byte.
 */

export interface BlockResult {
  text: string;
  /** Blocks whose markers are not in the file (or are out of order). */
  missing: string[];
}

export function markers(name: string): { start: string; end: string } {
  return { start: `<!-- ${name}:start -->`, end: `<!-- ${name}:end -->` };
}

/** Replaces the content of each named block with the given Markdown. */
export function fillBlocks(text: string, blocks: Record<string, string>): BlockResult {
  const missing: string[] = [];
  let out = text;
  for (const [name, body] of Object.entries(blocks)) {
    const { start, end } = markers(name);
    const a = out.indexOf(start);
    const b = a < 0 ? -1 : out.indexOf(end, a + start.length);
    if (a < 0 || b < 0) {
      missing.push(name);
      continue;
    }
    out = out.slice(0, a + start.length) + '\n' + body.replace(/\n*$/, '\n') + out.slice(b);
  }
  return { text: out, missing };
}
