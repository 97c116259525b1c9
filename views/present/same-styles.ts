/** One ANSI code of a styled character (as @alcalzone/ansi-tokenize gives it). */
export interface StyleCode {
  code: string;
  endCode: string;
}

/**
 * True when two characters' style lists hold the same codes in the same order: ansi-tokenize's
 * diffAnsiCodes between them is then empty. The bundle's styledCharsToString (Ink's frame writer,
 * bin/bundle.mjs) asks this first: most neighbours share their style, and the diff's three Sets
 * per character cost ~30 ms of CPU on the first frame.
 */
export function sameStyles(a: readonly StyleCode[], b: readonly StyleCode[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.code !== b[i]!.code || a[i]!.endCode !== b[i]!.endCode) return false;
  return true;
}
