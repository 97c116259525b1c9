import type { StyledCell } from './styled-cell.js';

/**
 * Strings whose characters take one terminal column each, alone and side by side, as string-width
 * (the version Ink measures with) counts them: printable ASCII, Latin-1 (not the soft hyphen),
 * general punctuation (· … ‖ •), arrows, mathematical operators (⋯), box drawing, block elements
 * and geometric shapes (not the wide ◽ ◾), ✓ ✔ ✕ ✖ and braille. test/unit/views/narrow.test.ts
 * checks every one against string-width. Their width is the string's length, found without
 * string-width's grapheme segmenter and Unicode property regexes: their first use costs ~90 ms of
 * CPU (ICU's segmenter, the emoji regex compiled), and each later call is slow per character.
 */
export const NARROW = /^[\x20-\x7e\xa0-\xac\xae-\xff\u2010-\u2027\u2030-\u205e\u2190-\u22ff\u2500-\u25fc\u25ff\u2713-\u2716\u2800-\u28ff]*$/;

/** Per UTF-16 unit: 0 not asked yet, 1 NARROW, 2 not. */
const units = new Uint8Array(0x10000);

/** NARROW.test of the one character `s` (a string of one UTF-16 unit), from a table filled as asked. */
export function narrowChar(s: string): boolean {
  const c = s.charCodeAt(0);
  let v = units[c]!;
  if (v === 0) units[c] = v = NARROW.test(s) ? 1 : 2;
  return v === 1;
}

/** NARROW characters and SGR colour codes only: each UTF-16 unit is a grapheme of its own. */
const NARROW_SGR = new RegExp(`^(?:${NARROW.source.slice(1, -2)}|\\x1b\\[[0-9;]*m)*$`);

/**
 * Intl.Segmenter's graphemes of `s` (segment and index) when they are its single UTF-16 units, else
 * null. The bundle's ansi-tokenize (Ink's frame composer) uses it before the segmenter, whose ICU
 * data and per-grapheme iteration cost ~25 ms on the first frame.
 */
export function unitSegments(s: string): { segment: string; index: number }[] | null {
  if (!NARROW_SGR.test(s)) return null;
  const out = new Array<{ segment: string; index: number }>(s.length);
  for (let i = 0; i < s.length; i++) out[i] = { segment: s[i]!, index: i };
  return out;
}

type Width = (input: string, options?: { ambiguousIsNarrow?: boolean; countAnsiEscapeCodes?: boolean }) => number;

/**
 * string-width answering NARROW strings (colour codes stripped) by their length and everything
 * else as the real one does: what the bundle gives Ink (bin/bundle.mjs) and the bench's in-process
 * rows (bench/narrow-width/), so that both measure and draw with the same widths. `load` gives the
 * real one on the first string that needs it: loading it (its Intl.Segmenter, its Unicode
 * property regexes) costs ~20 ms of CPU, which a screen of NARROW text never needs to pay.
 */
export function narrowFirst(load: () => Width, stripAnsi: (s: string) => string): Width {
  let loaded: Width | null = null;
  const real: Width = (input, options) => (loaded ??= load())(input, options);
  return (input, options) => {
    if (typeof input !== 'string' || (options && (options.ambiguousIsNarrow === false || options.countAnsiEscapeCodes))) return real(input, options);
    const plain = stripAnsi(input);
    return NARROW.test(plain) ? plain.length : real(input, options);
  };
}

/** Per SGR prefix (every colour code before a character, in order): its styles and its cells by character. */
interface State {
  styles: StyledCell['styles'];
  /** By UTF-16 unit (a number: no string made per character to look it up). */
  cells: Map<number, StyledCell>;
}
/** Bounded: the frame's lines draw with a few styles (host bytes carry no escapes: sanitized). */
const MAX_STATES = 512;

/** Ink's styled characters of a line, and the line's runs when it is NARROW characters and colour codes. */
export interface NarrowStyled {
  (line: string): StyledCell[];
  /**
   * A line of NARROW characters and SGR colour codes as runs of characters in one style (a cell whose
   * value is the whole run); null for other lines. Ink's row writer (ansi-tokenize's
   * styledCharsToString) writes a code only where neighbours' styles differ, so it makes of these
   * the text it makes of the line's cells: a row written from them skips a cell per character.
   */
  runs(line: string): StyledCell[] | null;
}

/**
 * Ink's styled characters (ansi-tokenize's styledCharsFromTokens(tokenize(line)), `slow`) for a line
 * of NARROW characters and SGR colour codes, without a token, a segment and a style list per
 * character: the styles in force at a character are those of every code before it, found once per
 * such prefix by `slow` itself; a character in a style is one shared cell (cells are only read,
 * as frame-caches.ts's blank is). Other lines: `slow`'s. A sort's new screen of rows is ~3,000 new
 * characters.
 */
export function narrowStyled(slow: (line: string) => StyledCell[]): NarrowStyled {
  const states = new Map<string, State>();
  const stateOf = (prefix: string): State => {
    let s = states.get(prefix);
    if (!s) {
      if (states.size >= MAX_STATES) states.clear();
      s = { styles: slow(`${prefix} `)[0]!.styles, cells: new Map() };
      states.set(prefix, s);
    }
    return s;
  };
  const cells = (line: string): StyledCell[] => {
    if (!NARROW_SGR.test(line)) return slow(line);
    const out: StyledCell[] = [];
    let prefix = '';
    let state = stateOf(prefix);
    for (let i = 0; i < line.length; ) {
      if (line.charCodeAt(i) === 0x1b) {
        const end = line.indexOf('m', i) + 1;
        prefix += line.slice(i, end);
        i = end;
        // the next character's state: after a run of codes, not after each
        if (line.charCodeAt(i) !== 0x1b) state = stateOf(prefix);
        continue;
      }
      const code = line.charCodeAt(i++);
      let cell = state.cells.get(code);
      if (!cell) state.cells.set(code, (cell = { type: 'char', value: String.fromCharCode(code), fullWidth: false, styles: state.styles }));
      out.push(cell);
    }
    return out;
  };
  const runs = (line: string): StyledCell[] | null => {
    if (!NARROW_SGR.test(line)) return null;
    const out: StyledCell[] = [];
    let prefix = '';
    for (let i = 0; i < line.length; ) {
      if (line.charCodeAt(i) === 0x1b) {
        const end = line.indexOf('m', i) + 1;
        prefix += line.slice(i, end);
        i = end;
        continue;
      }
      let j = line.indexOf('\x1b', i);
      if (j < 0) j = line.length;
      out.push({ type: 'char', value: line.slice(i, j), fullWidth: false, styles: stateOf(prefix).styles });
      i = j;
    }
    return out;
  };
  return Object.assign(cells, { runs });
}
