import { sanitize } from './sanitize.js';
import { lines, type Parsed, type ParseIssue } from './types.js';

/** One line of `mount` output (util-linux or busybox). */
export interface MountLine {
  source: string;
  target: string;
  fstype: string;
  options: string;
}

/**
 * Parses `mount` output, `SRC on TARGET type FS (OPTS)`, the fallback when
 * /proc/self/mountinfo cannot be read. Sources and targets may contain spaces
 * (busybox and util-linux print them raw): the options are the last
 * parenthesised group, the type the last " type " before it, and the source
 * ends at the first " on ". A trailing `[LABEL]` (`mount -l`) is ignored.
 */
export function parseMountOutput(text: string): Parsed<MountLine[]> {
  const value: MountLine[] = [];
  const issues: ParseIssue[] = [];
  lines(text).forEach((raw, i) => {
    if (raw.trim() === '') return;
    const m = parseLine(raw.trimEnd());
    if (m) value.push(m);
    else issues.push({ line: i + 1, message: `not "SRC on TARGET type FS (OPTS)": ${clip(raw)}` });
  });
  return { value, issues };
}

function parseLine(line: string): MountLine | null {
  const close = line.lastIndexOf(')');
  const open = close < 0 ? -1 : line.lastIndexOf(' (', close);
  if (open < 0) return null;
  const tail = line.slice(close + 1).trim();
  if (tail !== '' && !(tail.startsWith('[') && tail.endsWith(']'))) return null;
  const typeAt = line.lastIndexOf(' type ', open);
  if (typeAt < 0) return null;
  const onAt = line.indexOf(' on ');
  if (onAt < 0 || onAt + 4 > typeAt) return null;
  const source = line.slice(0, onAt);
  const target = line.slice(onAt + 4, typeAt);
  const fstype = line.slice(typeAt + 6, open);
  if (source === '' || target === '' || fstype === '' || /\s/.test(fstype)) return null;
  return {
    source: sanitize(source),
    target: sanitize(target),
    fstype: sanitize(fstype),
    options: sanitize(line.slice(open + 2, close)),
  };
}

function clip(s: string): string {
  const t = sanitize(s);
  return t.length > 80 ? `${t.slice(0, 80)}…` : t;
}
