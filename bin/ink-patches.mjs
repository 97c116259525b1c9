// The text patches the bundle (bin/bundle.mjs) and the bench's module hooks (bench/narrow-width/)
// both make to Ink's frame composer, so that what is timed is what users run. A new patch goes in
// INK_PATCHES and both take it.

/** ansi-tokenize's grapheme split, the call replaced. */
const SEGMENTER_CALL = 'segmenter.segment(str)';

/** ansi-tokenize's build/tokenize.js. */
const TOKENIZE_FILE = /@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize\.js$/;

/**
 * tokenize.js with lines of NARROW characters and colour codes split by UTF-16 unit
 * (views/present/narrow.ts unitSegments, imported from `narrowModule`) before Intl.Segmenter.
 */
function patchTokenize(text, path, narrowModule) {
  if (!text.includes(SEGMENTER_CALL)) throw new Error(`${path}: no ${SEGMENTER_CALL} to replace (ansi-tokenize changed: check bin/ink-patches.mjs)`);
  const head = `import { unitSegments as __cosiUnits } from ${JSON.stringify(narrowModule)};\n`;
  return head + text.replace(SEGMENTER_CALL, `(__cosiUnits(str) ?? ${SEGMENTER_CALL})`);
}

/** ansi-tokenize's style diff between two neighbouring characters, the line guarded. */
const DIFF_CALL = 'ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));';

/** ansi-tokenize's build/styledChars.js. */
const STYLED_CHARS_FILE = /@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]styledChars\.js$/;

/**
 * styledChars.js whose styledCharsToString (Ink's line writer) skips the diff, three new Sets per
 * character, between neighbours with the same styles (views/present/same-styles.ts sameStyles,
 * imported from `sameModule`; tested against diffAnsiCodes): ~30 ms of CPU on the first frame.
 */
function patchStyledChars(text, path, sameModule) {
  if (!text.includes(DIFF_CALL)) throw new Error(`${path}: no ${DIFF_CALL} to replace (ansi-tokenize changed: check bin/ink-patches.mjs)`);
  const head = `import { sameStyles as __cosiSame } from ${JSON.stringify(sameModule)};\n`;
  return head + text.replace(DIFF_CALL, `if (!__cosiSame(chars[i - 1].styles, char.styles)) ${DIFF_CALL}`);
}

/** Ink's build/output.js (the frame composer: a new Output, and new caches, per frame). */
const OUTPUT_FILE = /ink[\\/]build[\\/]output\.js$/;

/** output.js's own caches, its blank cell and its row writer: each must be there once. */
const OUTPUT_CACHES = 'caches = new OutputCaches();';
const OUTPUT_BLANK = /row\.push\(\{\s*type: 'char',\s*value: ' ',\s*fullWidth: false,\s*styles: \[\],\s*\}\);/;
const OUTPUT_ROW = 'return styledCharsToString(lineWithoutEmptyItems).trimEnd();';

/**
 * output.js whose caches last from one frame to the next, whose blank cells are one shared object
 * and whose rows are written again only when their cells changed (views/present/frame-caches.ts,
 * imported from `cachesModule`): a frame of an idle live screen no longer re-tokenizes every line.
 */
function patchOutput(text, path, cachesModule) {
  for (const part of [OUTPUT_CACHES, OUTPUT_BLANK, OUTPUT_ROW]) {
    const n = typeof part === 'string' ? text.split(part).length - 1 : (text.match(new RegExp(part.source, 'g')) ?? []).length;
    if (n !== 1) throw new Error(`${path}: ${n} of ${part} to replace, not 1 (Ink changed: check bin/ink-patches.mjs)`);
  }
  const head = `import { BLANK_CELL as __cosiBlank, frameCaches as __cosiFrameCaches } from ${JSON.stringify(cachesModule)};\n`;
  return (
    head +
    text
      .replace(OUTPUT_CACHES, 'caches = __cosiFrameCaches((line) => styledCharsFromTokens(tokenize(line)), stringWidth);')
      .replace(OUTPUT_BLANK, 'row.push(__cosiBlank);')
      .replace(OUTPUT_ROW, 'return this.caches.rowText(lineWithoutEmptyItems, styledCharsToString);')
  );
}

/** ansi-tokenize's styled character: a copy of the token and of the styles in force, per character. */
const CHAR_COPY = `ret.push({
                ...token,
                styles: [...codes],
            });`;

/**
 * styledChars.js whose styledCharsFromTokens (every line of every frame, Ink's Output) builds each
 * character as a literal and shares the styles in force with its neighbours instead of a spread
 * and a copy per character: reduceAnsiCodesIncremental makes a new array for every change, and
 * nothing writes to a character's styles. The same keys and values (test/unit/bench/ink-patches.test.ts);
 * sameStyles then meets the same array between neighbours.
 */
function patchCharCopy(text, path) {
  if (!text.includes(CHAR_COPY)) throw new Error(`${path}: no styled character copy to replace (ansi-tokenize changed: check bin/ink-patches.mjs)`);
  return text.replace(CHAR_COPY, 'ret.push({ type: token.type, value: token.value, fullWidth: token.fullWidth, styles: codes });');
}

/** Ink's build/measure-text.js and build/wrap-text.js: a cache of every text they measured or wrapped. */
const MEASURE_FILE = /ink[\\/]build[\\/]measure-text\.js$/;
const WRAP_FILE = /ink[\\/]build[\\/]wrap-text\.js$/;
const MEASURE_CACHE = 'const cache = new Map();';
const WRAP_CACHE = 'const cache = {};';
const WRAP_GET = 'const cachedText = cache[cacheKey];';
const WRAP_SET = 'cache[cacheKey] = wrappedText;';

/** The text of `path` with each [from, to] made once, or an error naming what Ink no longer has. */
function replaceOnce(text, path, pairs) {
  for (const [from] of pairs) {
    const n = text.split(from).length - 1;
    if (n !== 1) throw new Error(`${path}: ${n} of ${from} to replace, not 1 (Ink changed: check bin/ink-patches.mjs)`);
  }
  return pairs.reduce((t, [from, to]) => t.replace(from, to), text);
}

/** measure-text.js whose cache is bounded (views/present/text-caches.ts, imported from `cachesModule`). */
function patchMeasure(text, path, cachesModule) {
  const head = `import { TextCache as __cosiTextCache } from ${JSON.stringify(cachesModule)};\n`;
  return head + replaceOnce(text, path, [[MEASURE_CACHE, 'const cache = new __cosiTextCache();']]);
}

/** wrap-text.js whose cache is bounded, as measure-text.js's. */
function patchWrap(text, path, cachesModule) {
  const head = `import { TextCache as __cosiTextCache } from ${JSON.stringify(cachesModule)};\n`;
  return (
    head +
    replaceOnce(text, path, [
      [WRAP_CACHE, 'const cache = new __cosiTextCache();'],
      [WRAP_GET, 'const cachedText = cache.get(cacheKey);'],
      [WRAP_SET, 'cache.set(cacheKey, wrappedText);'],
    ])
  );
}

/** Ink's build/sanitize-ansi.js, and its test for a text to keep as it is. */
const SANITIZE_FILE = /ink[\\/]build[\\/]sanitize-ansi\.js$/;
const SANITIZE_TEST = 'if (!hasAnsiControlCharacters(text)) {';

/**
 * sanitize-ansi.js that also keeps as it is a text whose only control sequences are SGR colour
 * codes (views/present/sgr-only.ts onlySgr, imported from `sgrModule`; tested against the original),
 * instead of tokenizing it a character at a time to build the same string again.
 */
function patchSanitize(text, path, sgrModule) {
  const head = `import { onlySgr as __cosiOnlySgr } from ${JSON.stringify(sgrModule)};\n`;
  return head + replaceOnce(text, path, [[SANITIZE_TEST, 'if (__cosiOnlySgr(text)) {']]);
}

/** The line tokenizer patchOutput gives the frame caches. */
const OUTPUT_STYLED = '__cosiFrameCaches((line) => styledCharsFromTokens(tokenize(line)), stringWidth)';

/**
 * output.js (after patchOutput) whose lines of NARROW characters and colour codes become cells
 * without a token per character (views/present/narrow.ts narrowStyled, imported from
 * `narrowModule`; tested against ansi-tokenize): one tokenizer for the process, so its cells and
 * styles are shared from frame to frame.
 */
function patchNarrowStyled(text, path, narrowModule) {
  if (text.split(OUTPUT_STYLED).length !== 2) throw new Error(`${path}: no ${OUTPUT_STYLED} to replace (check bin/ink-patches.mjs)`);
  const head = `import { narrowStyled as __cosiNarrowStyled } from ${JSON.stringify(narrowModule)};\n`;
  const tail = '\nconst __cosiStyled = __cosiNarrowStyled((line) => styledCharsFromTokens(tokenize(line)));\n';
  return head + text.replace(OUTPUT_STYLED, '__cosiFrameCaches(__cosiStyled, stringWidth)') + tail;
}

/** output.js's places for rows that one line stands for (after patchOutput). */
const WHOLE_STATE = 'const clips = [];';
const WHOLE_WRITE = 'const characters = this.caches.getStyledChars(line);';
const WHOLE_MAP = 'const generatedOutput = output\n            .map(line => {';
const WHOLE_ROW = 'const lineWithoutEmptyItems = line.filter(item => item !== undefined);';

/**
 * output.js (after patchOutput) in which a line written at the start of a row nothing else was
 * written to stands for that row (views/present/frame-caches.ts isWhole, wholeRowText): its text
 * is made from the line's runs instead of a cell per character, placed and compared. A later write
 * to the row gives the row its cells first (spill), so what a frame shows does not change.
 */
function patchWholeRows(text, path) {
  return replaceOnce(text, path, [
    [WHOLE_STATE, `${WHOLE_STATE} const __cosiWhole = []; const __cosiTouched = [];`],
    [
      WHOLE_WRITE,
      [
        'const __cosiRow = y + offsetY;',
        'if (__cosiWhole[__cosiRow] !== undefined) { this.caches.spill(currentLine, __cosiWhole[__cosiRow]); __cosiWhole[__cosiRow] = undefined; __cosiTouched[__cosiRow] = 1; }',
        'if (x === 0 && !clip && __cosiTouched[__cosiRow] === undefined && this.caches.isWhole(line, styledCharsToString)) { __cosiWhole[__cosiRow] = line; offsetY++; continue; }',
        '__cosiTouched[__cosiRow] = 1;',
        WHOLE_WRITE,
      ].join('\n'),
    ],
    [WHOLE_MAP, 'const generatedOutput = output\n            .map((line, __cosiAt) => {'],
    [WHOLE_ROW, `if (__cosiWhole[__cosiAt] !== undefined) return this.caches.wholeRowText(__cosiWhole[__cosiAt], styledCharsToString);\n${WHOLE_ROW}`],
  ]);
}

/**
 * Each patch: the file it changes, the project module (from the root) its text imports (if any),
 * and the change. Patches of one file apply in order.
 */
export const INK_PATCHES = [
  { file: TOKENIZE_FILE, module: 'views/present/narrow.ts', apply: patchTokenize },
  { file: STYLED_CHARS_FILE, module: 'views/present/same-styles.ts', apply: patchStyledChars },
  { file: STYLED_CHARS_FILE, module: null, apply: patchCharCopy },
  { file: OUTPUT_FILE, module: 'views/present/frame-caches.ts', apply: patchOutput },
  { file: OUTPUT_FILE, module: 'views/present/narrow.ts', apply: patchNarrowStyled },
  { file: OUTPUT_FILE, module: null, apply: patchWholeRows },
  { file: MEASURE_FILE, module: 'views/present/text-caches.ts', apply: patchMeasure },
  { file: WRAP_FILE, module: 'views/present/text-caches.ts', apply: patchWrap },
  { file: SANITIZE_FILE, module: 'views/present/sgr-only.ts', apply: patchSanitize },
];

/** Every patched file, one pattern (esbuild's onLoad filter). */
export const INK_PATCHED_FILES = new RegExp(INK_PATCHES.map((p) => p.file.source).join('|'));

/**
 * The patched text of the file at `path`, or null when no patch is for it. `root`: the project's
 * root as a path or a file URL, ending in "/" (the patched text imports `root` + the module).
 */
export function patchInk(text, path, root) {
  const mine = INK_PATCHES.filter((x) => x.file.test(path));
  return mine.length ? mine.reduce((t, p) => p.apply(t, path, p.module && root + p.module), text) : null;
}
