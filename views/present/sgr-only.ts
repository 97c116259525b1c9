/** An escape that does not start an SGR colour code (ESC [, digits, ':' or ';', m), or a C1 control character. */
const NOT_SGR = /\x1b(?!\[[0-9:;]*m)|[\x80-\x9f]/;

let lastText = '';
let lastAnswer = true;

/**
 * Whether `text` holds no control sequence but SGR colour codes and no C1 control character: Ink's
 * sanitizeAnsi (ink/build/sanitize-ansi.js) keeps such a text as it is, and the bundle's Ink asks
 * this first (bin/ink-patches.mjs). Ink sanitizes the whole text of a <Text> each time Yoga
 * measures it and again when it draws it; a list's rows are one <Text> of coloured lines
 * (widgets/Table.tsx), which its tokenizer took a character at a time, building a new string:
 * ~3,000 characters, three times a frame, when a sort shows a screen of new rows. The last text's
 * answer is kept: the three are one string.
 */
export function onlySgr(text: string): boolean {
  if (text !== lastText) {
    lastAnswer = !NOT_SGR.test(text);
    lastText = text;
  }
  return lastAnswer;
}
