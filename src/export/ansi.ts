/**
 * Keep only SGR (colour and style) sequences of a terminal frame.
 *
 * Everything else a terminal would interpret is removed: OSC (titles,
 * hyperlinks, clipboard), DCS/SOS/PM/APC strings, every CSI that does not end
 * in `m` (cursor moves, clears, modes), 8-bit C1 controls (including the C1
 * CSI `\x9b` and its parameters), other ESC sequences, BEL and every C0
 * control except the newline. A stray `\r` is dropped, so CRLF becomes LF.
 * The result can be `cat`-ed to any terminal and only ever changes colours.
 */

const ESC = '\x1b';
const BEL = '\x07';

/** SGR parameters: digits separated by `;` or `:` (ITU T.416 sub-parameters). */
const SGR_PARAMS = /^[0-9;:]*$/;

export function sgrOnly(input: string): string {
  let out = '';
  let i = 0;
  const n = input.length;
  while (i < n) {
    const ch = input[i];
    const code = ch.charCodeAt(0);
    if (ch === ESC) {
      i = skipEscape(input, i, (sgr) => {
        out += sgr;
      });
      continue;
    }
    if (code === 0x9b) {
      // 8-bit CSI: drop it with its parameters and final byte.
      i = endOfCsi(input, i + 1);
      continue;
    }
    if (code === 0x90 || code === 0x9d || code === 0x98 || code === 0x9e || code === 0x9f) {
      // 8-bit DCS, OSC, SOS, PM, APC: drop the string up to its terminator.
      const end = endOfString(input, i + 1);
      i = end === -1 ? i + 1 : end;
      continue;
    }
    if (ch === '\n') {
      out += ch;
      i++;
      continue;
    }
    if (code < 0x20 || code === 0x7f || (code >= 0x80 && code <= 0x9f)) {
      i++;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/** Remove every escape and control sequence, SGR included: the plain text. */
export function stripAnsi(input: string): string {
  return sgrOnly(input).replace(/\x1b\[[0-9;:]*m/g, '');
}

/** Handles the sequence starting with ESC at `i`; returns the index after it. */
function skipEscape(s: string, i: number, keep: (sgr: string) => void): number {
  const next = s[i + 1];
  if (next === undefined) return i + 1;
  if (next === '[') {
    const end = endOfCsi(s, i + 2);
    const finalByte = s[end - 1];
    const params = s.slice(i + 2, end - 1);
    if (finalByte === 'm' && end <= s.length && SGR_PARAMS.test(params)) keep(s.slice(i, end));
    return end;
  }
  if (next === ']' || next === 'P' || next === 'X' || next === '^' || next === '_') {
    const end = endOfString(s, i + 2);
    // An unterminated string: drop only its introducer, the rest is shown as text.
    return end === -1 ? i + 2 : end;
  }
  // Other escape sequences: ESC, intermediates 0x20-0x2f, one final byte.
  let j = i + 1;
  while (j < s.length && s.charCodeAt(j) >= 0x20 && s.charCodeAt(j) <= 0x2f) j++;
  const c = s.charCodeAt(j);
  if (j < s.length && c >= 0x30 && c <= 0x7e) return j + 1;
  return j;
}

/** Index after a CSI body starting at `j` (parameters, intermediates, final byte). */
function endOfCsi(s: string, j: number): number {
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (c >= 0x40 && c <= 0x7e) return j + 1;
    if (c < 0x20 || c > 0x3f) return j; // malformed: stop before the odd byte
    j++;
  }
  return j;
}

/** Index after the terminator (BEL, ESC \, or 8-bit ST) of a control string, or -1. */
function endOfString(s: string, j: number): number {
  while (j < s.length) {
    const ch = s[j];
    if (ch === BEL || ch === '\x9c') return j + 1;
    if (ch === ESC && s[j + 1] === '\\') return j + 2;
    j++;
  }
  return -1;
}
