/**
 * The one sanitizer every host string passes at the parse boundary.
 * C0 controls (except none), DEL and C1 controls become visible escapes, so
 * host data can never move the cursor, set the title or clear the screen.
 * Tab becomes `\t` too: layout is ours, not the host's.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

export function sanitize(s: string): string {
  return s.replace(CONTROL, escapeControl);
}

function escapeControl(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code === 0x1b) return '\\e';
  if (code === 0x09) return '\\t';
  if (code === 0x0a) return '\\n';
  if (code === 0x0d) return '\\r';
  return `\\x${code.toString(16).padStart(2, '0')}`;
}

/** True when the string holds nothing the terminal would interpret. */
export function isClean(s: string): boolean {
  CONTROL.lastIndex = 0;
  return !CONTROL.test(s);
}
