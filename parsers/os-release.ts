import { excerpt, sanitize } from './sanitize.js';
import { lines, type Parsed, type ParseIssue } from './types.js';
import { issue, type ShellValueProblem } from './issues.js';

/** `/etc/os-release` as KEY -> value (values unquoted and unescaped, sanitized). */
export type OsRelease = Record<string, string>;

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Parses os-release(5): `KEY=value` lines with shell-style quoting (`"..."`
 * with backslash escapes, `'...'` literal, unquoted words with `\x`), `#`
 * comments and blank lines. A bad line becomes an issue; the rest is kept.
 */
export function parseOsRelease(text: string): Parsed<OsRelease> {
  const value: OsRelease = Object.create(null) as OsRelease;
  const issues: ParseIssue[] = [];
  lines(text).forEach((raw, i) => {
    const lineNo = i + 1;
    let line = raw.trimStart();
    if (line === '' || line.startsWith('#')) return;
    if (line.startsWith('export ')) line = line.slice(7).trimStart();
    const eq = line.indexOf('=');
    const key = eq > 0 ? line.slice(0, eq) : '';
    if (!KEY.test(key)) {
      issues.push(issue('os-release-not-key-value', { text: excerpt(raw) }, lineNo));
      return;
    }
    const word = readShellWord(line, eq + 1);
    if (word.error) issues.push(issue('os-release-bad-value', { key, problem: word.error, text: word.rest ?? '' }, lineNo));
    value[key] = sanitize(word.value);
  });
  return { value, issues };
}

interface Word {
  value: string;
  error?: ShellValueProblem;
  /** The text after the value (error 'trailing-text'), sanitized. */
  rest?: string;
}

/** Reads one shell word starting at `pos`; what follows it may only be blanks or a comment. */
function readShellWord(s: string, pos: number): Word {
  let out = '';
  let i = pos;
  while (i < s.length) {
    const c = s[i];
    if (c === ' ' || c === '\t') break;
    if (c === "'") {
      const end = s.indexOf("'", i + 1);
      if (end < 0) return { value: out + s.slice(i + 1), error: 'single-quote' };
      out += s.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      i++;
      let closed = false;
      while (i < s.length) {
        const d = s[i];
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        if (d === '\\' && i + 1 < s.length && '"\\$`'.includes(s[i + 1])) {
          out += s[i + 1];
          i += 2;
          continue;
        }
        out += d;
        i++;
      }
      if (!closed) return { value: out, error: 'double-quote' };
    } else if (c === '\\') {
      if (i + 1 < s.length) out += s[i + 1];
      i += 2;
    } else {
      out += c;
      i++;
    }
  }
  const rest = s.slice(i).trim();
  if (rest !== '' && !rest.startsWith('#')) return { value: out, error: 'trailing-text', rest: excerpt(rest) };
  return { value: out };
}
