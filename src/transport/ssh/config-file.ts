import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { wildcardMatch } from './patterns.js';
import { expandTilde } from './tokens.js';

/** One `Keyword args...` line of an ssh_config file. */
export interface ConfigLine {
  keyword: string; // lowercased
  args: string[];
  /** The text after the keyword as written (ProxyCommand takes the rest of the line verbatim). */
  raw: string;
  file: string;
  line: number;
}

/** Splits one config line into keyword and arguments (quotes, optional `=`); null for blank/comment lines. */
export function splitConfigLine(text: string): { keyword: string; args: string[]; raw: string } | null {
  const s = text.trim();
  if (s === '' || s.startsWith('#')) return null;
  const m = /^([A-Za-z0-9]+)\s*(?:=\s*|\s+|$)(.*)$/.exec(s);
  if (!m) return { keyword: '', args: [s], raw: s };
  const args: string[] = [];
  const rest = m[2];
  let i = 0;
  while (i < rest.length) {
    while (i < rest.length && /\s/.test(rest[i])) i++;
    if (i >= rest.length) break;
    if (rest[i] === '#') break;
    let word = '';
    if (rest[i] === '"') {
      i++;
      while (i < rest.length && rest[i] !== '"') word += rest[i++];
      i++;
    } else {
      while (i < rest.length && !/\s/.test(rest[i])) {
        if (rest[i] === '"') {
          i++;
          while (i < rest.length && rest[i] !== '"') word += rest[i++];
          i++;
        } else word += rest[i++];
      }
    }
    args.push(word);
  }
  return { keyword: m[1].toLowerCase(), args, raw: rest.trim() };
}

/** Expands a path with `*`/`?` in any component, sorted like glob(3); no match gives []. */
export function globPaths(pattern: string): string[] {
  if (!/[*?]/.test(pattern)) return [pattern];
  const parts = pattern.split('/');
  let bases = [pattern.startsWith('/') ? '/' : '.'];
  for (let k = pattern.startsWith('/') ? 1 : 0; k < parts.length; k++) {
    const part = parts[k];
    if (part === '') continue;
    const next: string[] = [];
    for (const base of bases) {
      if (!/[*?]/.test(part)) {
        next.push(join(base, part));
        continue;
      }
      let names: string[] = [];
      try {
        names = readdirSync(base).sort();
      } catch {
        continue;
      }
      for (const n of names) if (!(n.startsWith('.') && !part.startsWith('.')) && wildcardMatch(n, part)) next.push(join(base, n));
    }
    bases = next;
  }
  return bases;
}

/** Called for each Host/Match line to decide whether the block applies. */
export type BlockMatcher = (keyword: 'host' | 'match', args: string[]) => boolean;

/**
 * Walks a config file in order, yielding the lines that apply (the active
 * Host/Match blocks), following Include (relative to `includeBase`, globs).
 * Missing files give nothing; `warn` gets one line per problem.
 */
export function walkConfig(
  file: string,
  home: string,
  includeBase: string,
  matcher: BlockMatcher,
  onLine: (l: ConfigLine) => void,
  warn: (msg: string) => void,
  depth = 0,
  initiallyActive = true,
): void {
  if (depth > 16) {
    warn(`${file}: Include nested too deeply`);
    return;
  }
  let text: string;
  try {
    if (statSync(file).isDirectory()) return;
    text = readFileSync(file, 'utf8');
  } catch {
    return;
  }
  let active = initiallyActive;
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const sp = splitConfigLine(lines[n]);
    if (!sp) continue;
    const { keyword, args, raw } = sp;
    if (keyword === '') {
      warn(`${file} line ${n + 1}: cannot read "${lines[n].trim()}"`);
      continue;
    }
    if (keyword === 'host' || keyword === 'match') {
      active = matcher(keyword, args);
      continue;
    }
    if (keyword === 'include') {
      if (!active) continue;
      for (const a of args) {
        let p = expandTilde(a, home);
        if (!isAbsolute(p)) p = join(includeBase, p);
        for (const f of globPaths(p)) walkConfig(f, home, includeBase, matcher, onLine, warn, depth + 1, active);
      }
      continue;
    }
    if (active) onLine({ keyword, args, raw, file, line: n + 1 });
  }
}
