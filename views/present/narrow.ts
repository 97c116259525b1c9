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
