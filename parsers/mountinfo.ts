import { excerpt, sanitize } from './sanitize.js';
import { lines, toInt, type Parsed, type ParseIssue } from './types.js';
import { issue, type MountLineProblem } from './issues.js';

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
  /** An overlay's upperdir, read before unescaping (a `\054` comma in it is part of the path). */
  upperDir: string | null;
  /** The root was deleted after the bind mount ("//deleted" suffix, stripped from root). */
  deleted: boolean;
}

const MAJOR_MINOR = /^\d{1,10}:\d{1,10}$/;
const DELETED = '//deleted';

/**
 * Parses mountinfo like util-linux findmnt: fields are separated by spaces
 * (runs of blanks and indentation are read as one separator, and reported, as
 * the kernel never prints them), the optional fields end at a lone "-", and the
 * kernel's octal escapes (`\040` space, `\011` tab, `\012` newline, `\134`
 * backslash, any `\ooo`) are undone in every field. A line that is not
 * mountinfo (too few or too many fields, no separator, options that are not
 * options, a relative target) is an issue and is skipped. Only the source may
 * be empty (kernels before 5.1: two spaces after the type). Linear time: no
 * backtracking regex runs over a whole line.
 */
export function parseMountinfo(text: string): Parsed<MountinfoEntry[]> {
  const value: MountinfoEntry[] = [];
  const issues: ParseIssue[] = [];
  const all = lines(text);
  for (let i = 0; i < all.length; i++) {
    const raw = all[i];
    if (raw.trim() === '') continue;
    const { entry, padded } = parseLine(raw);
    if (typeof entry === 'string') issues.push(issue('mountinfo-bad-line', { problem: entry, padded, text: excerpt(raw) }, i + 1));
    else {
      if (padded) issues.push(issue('mountinfo-padded', { text: excerpt(raw) }, i + 1));
      value.push(entry);
    }
  }
  return { value, issues };
}

const BLANKS = /[ \t]+/;
const RW = /^r[wo](,|$)/;

function parseLine(raw: string): { entry: MountinfoEntry | MountLineProblem; padded: boolean } {
  const f = raw.trim().split(BLANKS);
  // The target (field 5) is absolute, so the first lone "-" after it is the separator.
  const sep = f.indexOf('-', 4);
  const after = sep < 0 ? [] : f.slice(sep + 1);
  // "- tmpfs  rw": the empty source of kernels before 5.1, when the line is otherwise as printed.
  const emptySource = after.length === 2 && raw === `${f.slice(0, sep + 2).join(' ')}  ${after[1]}`;
  const padded = !emptySource && raw !== f.join(' ');
  const fail = (entry: MountLineProblem) => ({ entry, padded });
  if (sep < 0) return fail(f.length < 6 ? 'too-few-fields' : 'no-separator');
  if (sep < 6) return fail('few-before-separator');
  if (after.length < 3 && !emptySource) return fail('few-after-separator');
  if (after.length > 3) return fail('many-after-separator');
  const id = toInt(f[0]);
  const parentId = toInt(f[1]);
  if (id === undefined || parentId === undefined) return fail('bad-id');
  if (!MAJOR_MINOR.test(f[2])) return fail('bad-major-minor');
  if (!f[4].startsWith('/')) return fail('relative-target');
  if (!RW.test(f[5])) return fail('bad-options');
  const [fstype, source, superRaw] = emptySource ? [after[0], '', after[1]] : after;
  let root = unmangle(f[3]);
  let deleted = false;
  if (root.length > DELETED.length && root.endsWith(DELETED)) {
    root = root.slice(0, -DELETED.length);
    deleted = true;
  }
  // Split before unmangling: a `\054` inside a value (an overlay upperdir with a comma) is not a separator.
  const superList = superRaw.split(',').map(unmangle);
  const upper = fstype === 'overlay' ? superList.find((o) => o.startsWith('upperdir=')) : undefined;
  return {
    padded,
    entry: {
      id,
      parentId,
      majorMinor: f[2],
      root: show(root),
      target: show(unmangle(f[4])),
      options: show(unmangle(f[5])),
      optionalFields: f.slice(6, sep).map((x) => show(unmangle(x))),
      fstype: show(unmangle(fstype)),
      source: show(unmangle(source)),
      superOptions: show(superList.join(',')),
      upperDir: upper === undefined ? null : show(upper.slice('upperdir='.length)),
      deleted,
    },
  };
}

/**
 * Display form of an unmangled field: a literal backslash is doubled so that it cannot be
 * mistaken for an escape the sanitizer writes (a real tab is `\t`, backslash-t is `\\t`).
 */
function show(s: string): string {
  return sanitize(s.includes('\\') ? s.replace(/\\/g, '\\\\') : s);
}

/** Undoes the kernel's `\ooo` octal escapes (seq_file mangling). */
export function unmangle(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\([0-3][0-7][0-7])/g, (_m, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}
