import { sanitize } from './sanitize.js';
import { lines, toInt, type Parsed, type ParseIssue } from './types.js';

/** One line of /proc/<pid>/mountinfo (proc(5)); strings unmangled and sanitized. */
export interface MountinfoEntry {
  id: number;
  parentId: number;
  /** "254:0" */
  majorMinor: string;
  /** The directory of the filesystem that forms this mount's root ("/" unless a bind mount of a subdirectory). */
  root: string;
  target: string;
  /** Per-mount options ("rw,relatime"). */
  options: string;
  /** Propagation: "shared:1", "master:2", "propagate_from:3", "unbindable". */
  optionalFields: string[];
  fstype: string;
  source: string;
  /** Per-superblock options. */
  superOptions: string;
  /** The root was deleted after the bind mount ("//deleted" suffix, stripped from root). */
  deleted: boolean;
}

const MAJOR_MINOR = /^\d{1,10}:\d{1,10}$/;
const DELETED = '//deleted';

/**
 * Parses mountinfo like util-linux findmnt: fields are separated by single
 * spaces, the optional fields end at a lone "-", and the kernel's octal escapes
 * (`\040` space, `\011` tab, `\012` newline, `\134` backslash, any `\ooo`) are
 * undone. A line with too few fields is an issue and is skipped. Linear time:
 * no backtracking regex runs over a whole line.
 */
export function parseMountinfo(text: string): Parsed<MountinfoEntry[]> {
  const value: MountinfoEntry[] = [];
  const issues: ParseIssue[] = [];
  const all = lines(text);
  for (let i = 0; i < all.length; i++) {
    const raw = all[i];
    if (raw.trim() === '') continue;
    const entry = parseLine(raw);
    if (typeof entry === 'string') issues.push({ line: i + 1, message: `${entry} -- ignored: ${clip(raw)}` });
    else value.push(entry);
  }
  return { value, issues };
}

function parseLine(raw: string): MountinfoEntry | string {
  const f = raw.split(' ');
  const sep = f.indexOf('-', 6);
  if (f.length < 10 || sep < 0 || f.length < sep + 3) return 'too few fields';
  const id = toInt(f[0]);
  const parentId = toInt(f[1]);
  if (id === undefined || parentId === undefined) return 'mount id or parent id is not a number';
  if (!MAJOR_MINOR.test(f[2])) return 'bad major:minor';
  let root = unmangle(f[3]);
  let deleted = false;
  if (root.length > DELETED.length && root.endsWith(DELETED)) {
    root = root.slice(0, -DELETED.length);
    deleted = true;
  }
  return {
    id,
    parentId,
    majorMinor: f[2],
    root: sanitize(root),
    target: sanitize(unmangle(f[4])),
    options: sanitize(f[5]),
    optionalFields: f.slice(6, sep).filter((x) => x !== '').map((x) => sanitize(x)),
    fstype: sanitize(unmangle(f[sep + 1])),
    source: sanitize(unmangle(f[sep + 2])),
    superOptions: sanitize(unmangle(f.slice(sep + 3).join(' '))),
    deleted,
  };
}

/** Undoes the kernel's `\ooo` octal escapes (seq_file mangling). */
export function unmangle(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\([0-3][0-7][0-7])/g, (_m, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

function clip(s: string): string {
  const t = sanitize(s);
  return t.length > 80 ? `${t.slice(0, 80)}…` : t;
}
