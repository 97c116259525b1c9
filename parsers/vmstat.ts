import { excerpt } from './sanitize.js';
import { lines, parsed, toInt, type ParseIssue, type Parsed } from './types.js';
import { issue } from './issues.js';

/** `/proc/vmstat` lines "name value" -> counters. */
export function parseVmstat(text: string): Parsed<Record<string, number>> {
  const out = Object.create(null) as Record<string, number>; // keyed by host text
  const issues: ParseIssue[] = [];
  lines(text).forEach((l, i) => {
    const m = /^(\S+) (\d+)$/.exec(l);
    const n = m ? toInt(m[2]) : undefined;
    if (!m || n === undefined) issues.push(issue('vmstat-bad-line', { text: excerpt(l) }, i + 1));
    else out[m[1]] = n;
  });
  return parsed(out, issues);
}
