import { excerpt } from './sanitize.js';
import { lines, parsed, toInt, type ParseIssue, type Parsed } from './types.js';

/** `/proc/vmstat` lines "name value" -> counters. */
export function parseVmstat(text: string): Parsed<Record<string, number>> {
  const out = Object.create(null) as Record<string, number>; // keyed by host text
  const issues: ParseIssue[] = [];
  lines(text).forEach((l, i) => {
    const m = /^(\S+) (\d+)$/.exec(l);
    const n = m ? toInt(m[2]) : undefined;
    if (!m || n === undefined) issues.push({ line: i + 1, message: `not "name value": ${excerpt(l)}` });
    else out[m[1]] = n;
  });
  return parsed(out, issues);
}
