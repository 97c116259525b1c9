// The text patch the bundle (bin/bundle.mjs) and the bench's module hooks (bench/narrow-width/)
// both make to Ink's frame composer, so that what is timed is what users run.

/** ansi-tokenize's grapheme split, the call replaced. */
export const SEGMENTER_CALL = 'segmenter.segment(str)';

/** ansi-tokenize's build/tokenize.js. */
export const TOKENIZE_FILE = /@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize\.js$/;

/**
 * tokenize.js with lines of NARROW characters and colour codes split by UTF-16 unit
 * (views/present/narrow.ts unitSegments, imported from `narrowModule`) before Intl.Segmenter.
 */
export function patchTokenize(text, path, narrowModule) {
  if (!text.includes(SEGMENTER_CALL)) throw new Error(`${path}: no ${SEGMENTER_CALL} to replace (ansi-tokenize changed: check bin/ink-patches.mjs)`);
  const head = `import { unitSegments as __cosiUnits } from ${JSON.stringify(narrowModule)};\n`;
  return head + text.replace(SEGMENTER_CALL, `(__cosiUnits(str) ?? ${SEGMENTER_CALL})`);
}

/** ansi-tokenize's style diff between two neighbouring characters, the line guarded. */
export const DIFF_CALL = 'ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));';

/** ansi-tokenize's build/styledChars.js. */
export const STYLED_CHARS_FILE = /@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]styledChars\.js$/;

/**
 * styledChars.js whose styledCharsToString (Ink's line writer) skips the diff, three new Sets per
 * character, between neighbours with the same styles (views/present/same-styles.ts sameStyles,
 * imported from `sameModule`; tested against diffAnsiCodes): ~30 ms of CPU on the first frame.
 */
export function patchStyledChars(text, path, sameModule) {
  if (!text.includes(DIFF_CALL)) throw new Error(`${path}: no ${DIFF_CALL} to replace (ansi-tokenize changed: check bin/ink-patches.mjs)`);
  const head = `import { sameStyles as __cosiSame } from ${JSON.stringify(sameModule)};\n`;
  return head + text.replace(DIFF_CALL, `if (!__cosiSame(chars[i - 1].styles, char.styles)) ${DIFF_CALL}`);
}
