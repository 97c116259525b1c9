/**
 * The one sanitizer every host string passes at the parse boundary.
 * C0 controls, DEL and C1 controls become visible escapes, so host data can
 * never move the cursor, set the title or clear the screen. Tab becomes `\t`
 * too: layout is ours, not the host's. Format characters (Unicode Cf: bidi
 * overrides and isolates, zero-width spaces and joiners, BOM, soft hyphen,
 * tag characters) and the line / paragraph separators are escaped as `\uXXXX`:
 * they are invisible or reorder the text around them (text spoofing).
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\p{Cf}\u2028\u2029]/gu;

export function sanitize(s: string): string {
  return s.replace(CONTROL, escapeControl);
}

function escapeControl(ch: string): string {
  const code = ch.codePointAt(0) as number;
  if (code === 0x1b) return '\\e';
  if (code === 0x09) return '\\t';
  if (code === 0x0a) return '\\n';
  if (code === 0x0d) return '\\r';
  if (code <= 0x9f) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code > 0xffff) return `\\u{${code.toString(16)}}`;
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Sanitizes each line of a multi-line text, keeping the line breaks (messages of several lines). */
export function sanitizeLines(s: string): string {
  return s.split(/\r?\n/).map(sanitize).join('\n');
}

/** Host text quoted in a parse issue: its first `max` characters, sanitized. */
export function excerpt(s: string, max = 80): string {
  return sanitize(s.length > max ? `${s.slice(0, max)}…` : s);
}

/** True when the string holds nothing the terminal would interpret or that would hide or reorder text. */
export function isClean(s: string): boolean {
  CONTROL.lastIndex = 0;
  return !CONTROL.test(s);
}
