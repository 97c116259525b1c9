/** Shared by the hostile-input tests: walkers that find terminal controls anywhere in a value. */
import { readFileSync } from 'node:fs';

// C0 controls, DEL and C1 controls (0x80-0x9f): anything a terminal may act on.
// eslint-disable-next-line no-control-regex
export const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

// Bidi overrides and isolates, zero-width characters, other format characters (Unicode Cf) and the
// line / paragraph separators: invisible, or they reorder the text around them (text spoofing).
export const INVISIBLE = /[\p{Cf}\u2028\u2029]/u;

/** Every path in `x` (keys included) whose string holds a control character. */
export function dirtyPaths(x: unknown, limit = 5): string[] {
  const found: string[] = [];
  const walk = (v: unknown, path: string): void => {
    if (found.length >= limit) return;
    if (typeof v === 'string') {
      if (CONTROL.test(v) || INVISIBLE.test(v)) found.push(`${path} = ${JSON.stringify(v).slice(0, 120)}`);
    } else if (Array.isArray(v)) v.forEach((e, i) => walk(e, `${path}[${i}]`));
    else if (v && typeof v === 'object') {
      for (const [k, e] of Object.entries(v)) {
        if (CONTROL.test(k) || INVISIBLE.test(k)) found.push(`${path} has key ${JSON.stringify(k)}`);
        walk(e, `${path}.${k}`);
      }
    }
  };
  walk(x, '$');
  return found;
}

/**
 * Escape sequences a terminal acts on, other than SGR colors (`ESC [ ... m`):
 * what a rendered frame or an .ansi file must never contain.
 */
export function nonSgrEscapes(s: string): string[] {
  const out: string[] = [];
  // eslint-disable-next-line no-control-regex
  const re = /\x1b(\[[0-9;]*m)?|[\u0000-\u0009\u000b-\u001a\u001c-\u001f\u007f-\u009f]/g;
  for (const m of s.matchAll(re)) {
    if (m[1]) continue; // SGR
    out.push(JSON.stringify(s.slice(m.index, m.index + 12)));
    if (out.length >= 5) break;
  }
  return out;
}

/** The hostile strings used across these tests: title set, clear screen, C1 CSI, BEL, OSC 52 clipboard, DEL. */
export const EVIL = {
  title: '\u001b]0;pwned\u0007',
  clear: '\u001b[2J',
  c1csi: '\u009b31m',
  osc52: '\u001b]52;c;cHduZWQ=\u0007',
  bel: '\u0007',
  del: '\u007f',
  rlo: '\u202e',
  zwsp: '\u200b',
  nul: '\u0000',
};
export const EVIL_ALL = Object.values(EVIL).join('');

export function text(path: string): string {
  return readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8');
}
