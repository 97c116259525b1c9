/**
 * The first position at or after `from` that is not a blank (space or tab), or the line's length.
 * Column parsers (ps, systemctl) use it to find where the next column's text starts.
 */
export function firstNonBlank(line: string, from: number): number {
  let p = from;
  while (p < line.length && (line[p] === ' ' || line[p] === '\t')) p++;
  return p;
}
