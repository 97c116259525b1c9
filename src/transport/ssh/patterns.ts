/** OpenSSH-style wildcard match: `*` any run, `?` one character. */
export function wildcardMatch(text: string, pattern: string): boolean {
  let t = 0;
  let p = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === text[t])) {
      t++;
      p++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/**
 * Matches `name` against a pattern list (OpenSSH match_pattern_list): any
 * negated pattern that matches wins with false; otherwise true when a
 * positive pattern matches. Patterns are lowercased when `lowerPatterns`.
 */
export function matchPatternList(name: string, patterns: readonly string[], lowerPatterns = true): boolean {
  let hit = false;
  for (const raw of patterns) {
    if (raw === '') continue;
    const neg = raw.startsWith('!');
    let pat = neg ? raw.slice(1) : raw;
    if (lowerPatterns) pat = pat.toLowerCase();
    if (wildcardMatch(name, pat)) {
      if (neg) return false;
      hit = true;
    }
  }
  return hit;
}
