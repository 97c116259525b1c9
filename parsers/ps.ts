/**
 * Processes section: procps `ps -eo pid,ppid,user:32,rss,stat,etimes,comm:16,args`,
 * busybox `ps -o pid,ppid,user,rss,stat,comm,args`, or raw `/proc/<pid>/stat`
 * lines. The first line names the format (`@format procps|busybox|stat`);
 * without it the format is sniffed, and any `ps` output with a header is read
 * by its header (plain `ps`, `ps -f`, busybox `ps`).
 */
import { excerpt, sanitize } from './sanitize.js';
import { lines, toInt, type Parsed, type ParseIssue } from './types.js';
import { firstNonBlank } from './blanks.js';
import { issue } from './issues.js';

export interface PsEntry {
  pid: number;
  /** 0 when the output had no PPID column (plain `ps`). */
  ppid: number;
  /** "" when unknown (/proc/<pid>/stat has no user). */
  user: string;
  /** Resident memory; busybox rounds big values (`12m`, `1.4g`) to 2-3 digits. */
  rssBytes: number | null;
  state: string;
  /** procps: elapsed seconds since the process started, as text ("3600"); "" when unknown. */
  start: string;
  /** Kernel task name (at most 15 characters; may contain spaces). */
  comm: string;
  /** Command line; "" when unknown (/proc/<pid>/stat). */
  args: string;
}

export type PsFormat = 'procps' | 'busybox' | 'stat';

const PROCPS_HEADER = '  PID  PPID USER                               RSS STAT ELAPSED COMMAND          COMMAND';
const BUSYBOX_HEADER = 'PID   PPID  USER     RSS  STAT COMMAND          COMMAND';
/** How far below the first line the ps header is looked for. */
const HEADER_SEARCH = 10;
const COMMAND_NAMES = new Set(['COMMAND', 'CMD', 'ARGS', 'COMM', 'UCMD', 'UCOMM']);

export function parsePs(text: string): Parsed<PsEntry[]> {
  const issues: ParseIssue[] = [];
  const all = lines(text);
  let i = 0;
  while (i < all.length && all[i]!.trim() === '') i++;
  let format: PsFormat | null = null;
  const first = all[i];
  if (first !== undefined && first.startsWith('@format')) {
    const name = first.slice('@format'.length).trim();
    if (name === 'procps' || name === 'busybox' || name === 'stat') format = name;
    else issues.push(issue('ps-unknown-format', { name: sanitize(name.slice(0, 40)) }, i + 1));
    i++;
  }
  while (i < all.length && all[i]!.trim() === '') i++;
  if (i >= all.length) return { value: [], issues };
  if (format === null && STAT_LINE.test(all[i]!)) format = 'stat';
  if (format === 'stat') return { value: parseStatLines(all, i, issues), issues };
  return { value: parseTable(all, i, format, issues), issues };
}

// ---------------------------------------------------------------- /proc/<pid>/stat

const STAT_LINE = /^\d+ \(/;
const PAGE = 4096;

function parseStatLines(all: string[], from: number, issues: ParseIssue[]): PsEntry[] {
  const out: PsEntry[] = [];
  for (let n = from; n < all.length; n++) {
    const line = all[n]!;
    if (line.trim() === '') continue;
    const open = line.indexOf(' (');
    // comm may itself contain ")" and spaces: it ends at the LAST ")".
    const close = line.lastIndexOf(')');
    const pid = toInt(line.slice(0, open));
    if (open < 0 || close < open || pid === undefined) {
      issues.push(issue('ps-stat-bad-line', { text: excerpt(line) }, n + 1));
      continue;
    }
    const fields = line.slice(close + 1).trim().split(/ +/);
    const ppid = toInt(fields[1]);
    if (fields.length < 2 || ppid === undefined) {
      issues.push(issue('ps-stat-cut', { pid }, n + 1));
      continue;
    }
    // After comm: fields[0] is stat field 3 (state), so field 24 (rss, in pages) is fields[21].
    const pages = toInt(fields[21]);
    if (pages === undefined) issues.push(issue('ps-stat-no-rss', { pid }, n + 1));
    out.push({
      pid,
      ppid,
      user: '',
      rssBytes: pages === undefined ? null : pages * PAGE,
      state: sanitize(fields[0]!),
      start: '',
      comm: sanitize(line.slice(open + 2, close)),
      args: '',
    });
  }
  return out;
}

// ---------------------------------------------------------------- ps tables

interface Column {
  name: string;
  start: number;
  end: number;
}

function headerColumns(header: string): Column[] {
  const cols: Column[] = [];
  for (const m of header.matchAll(/\S+/g)) cols.push({ name: m[0].toUpperCase(), start: m.index, end: m.index + m[0].length });
  return cols;
}

function parseTable(all: string[], from: number, format: PsFormat | null, issues: ParseIssue[]): PsEntry[] {
  // A warning or a banner may come before the header: look a few lines down for it.
  const found = all.slice(from, from + HEADER_SEARCH).findIndex((l) => /\bPID\b/i.test(l));
  if (found > 0) {
    const skipped = all.slice(from, from + found).filter((l) => l.trim() !== '');
    if (skipped.length > 0) issues.push(issue('ps-skipped-before-header', { count: skipped.length, text: excerpt(skipped[0]!) }, from + 1));
    from += found;
  }
  let header = all[from]!;
  let dataFrom = from + 1;
  if (!/\bPID\b/i.test(header)) {
    if (format === null) {
      issues.push(issue('ps-no-header', {}, from + 1));
      return [];
    }
    issues.push(issue('ps-no-header-assumed', { format }, from + 1));
    header = format === 'procps' ? PROCPS_HEADER : BUSYBOX_HEADER;
    dataFrom = from;
  }
  // busybox left-aligns its PID header; procps right-aligns it.
  const busyboxLike = format === 'busybox' || (format === null && /^PID\b/.test(header));
  const cols = headerColumns(header);
  const firstCmd = cols.findIndex((c) => COMMAND_NAMES.has(c.name));
  const simple = firstCmd < 0 ? cols : cols.slice(0, firstCmd);
  const cmdCols = firstCmd < 0 ? [] : cols.slice(firstCmd);
  const commCol = cmdCols.length >= 2 ? cmdCols[0]! : null;
  const argsCol = cmdCols.length >= 1 ? cmdCols[cmdCols.length - 1]! : null;
  const idx = (...names: string[]): number => simple.findIndex((c) => names.includes(c.name));
  const pidAt = idx('PID');
  const ppidAt = idx('PPID');
  const userAt = idx('USER', 'UID', 'RUSER', 'EUSER');
  const rssAt = idx('RSS', 'RSZ');
  const stateAt = idx('STAT', 'S', 'STATE');
  const startAt = idx('ELAPSED', 'START', 'STIME');
  if (pidAt < 0) {
    issues.push(issue('ps-no-pid-column', {}, from + 1));
    return [];
  }
  if (ppidAt < 0) issues.push(issue('ps-no-ppid-column', {}, from + 1));

  const out: PsEntry[] = [];
  for (let n = dataFrom; n < all.length; n++) {
    const line = all[n]!;
    if (line.trim() === '') continue;
    const toks: { text: string; end: number }[] = [];
    const re = /\S+/g;
    let m: RegExpExecArray | null;
    while (toks.length < simple.length && (m = re.exec(line)) !== null) toks.push({ text: m[0], end: m.index + m[0].length });
    if (toks.length < simple.length) {
      issues.push(issue('ps-short-line', { got: toks.length, want: simple.length, text: excerpt(line) }, n + 1));
      continue;
    }
    const pid = toInt(toks[pidAt]!.text);
    const ppid = ppidAt < 0 ? 0 : toInt(toks[ppidAt]!.text);
    if (pid === undefined || ppid === undefined) {
      issues.push(issue('ps-bad-pid', { text: excerpt(line) }, n + 1));
      continue;
    }
    const rest = simple.length === 0 ? 0 : toks[toks.length - 1]!.end + 1;
    const { comm, args } = splitCommand(line, rest, commCol, argsCol, busyboxLike);
    if (argsCol !== null && comm === '' && args === '') issues.push(issue('ps-cut-before-command', { pid }, n + 1));
    let rssBytes: number | null = null;
    if (rssAt >= 0) {
      rssBytes = rssToBytes(toks[rssAt]!.text);
      if (rssBytes === null && toks[rssAt]!.text !== '-') {
        issues.push(issue('ps-bad-rss', { pid, value: excerpt(toks[rssAt]!.text) }, n + 1));
      }
    }
    out.push({
      pid,
      ppid,
      user: userAt < 0 ? '' : sanitize(toks[userAt]!.text),
      rssBytes,
      state: stateAt < 0 ? '' : sanitize(toks[stateAt]!.text),
      start: startAt < 0 ? '' : sanitize(toks[startAt]!.text),
      comm: sanitize(comm),
      args: sanitize(args),
    });
  }
  return out;
}

/**
 * Splits the text after the simple columns into comm and args. comm is a
 * fixed-width, left-aligned column that may contain spaces, so it is cut
 * where args begin: at the header's args column when the line is aligned;
 * otherwise (an earlier value overflowed its width, or a multibyte comm was
 * padded by bytes) at the word start nearest to where args should begin.
 */
function splitCommand(
  line: string,
  rest: number,
  commCol: Column | null,
  argsCol: Column | null,
  busyboxLike: boolean,
): { comm: string; args: string } {
  if (argsCol === null) return { comm: '', args: '' };
  if (commCol === null) {
    let a = Math.max(rest, Math.min(argsCol.start, firstNonBlank(line, rest)));
    a = firstNonBlank(line, a);
    const args = line.slice(a).trimEnd();
    return { comm: commFromArgs(args), args: busyboxLike ? withoutBraces(args, null) : args };
  }
  const s = firstNonBlank(line, Math.max(rest, commCol.start));
  if (s >= line.length) return { comm: '', args: '' };
  const shift = s - commCol.start;
  const expected = busyboxLike ? argsCol.start + shift : argsCol.start;
  let best = -1;
  for (let p = s + 1; p <= line.length; p++) {
    if (best >= 0 && p - expected > Math.abs(best - expected)) break;
    if (line[p - 1] === ' ' && p < line.length && line[p] !== ' ') {
      if (best < 0 || Math.abs(p - expected) < Math.abs(best - expected)) best = p;
    }
  }
  if (best < 0) return { comm: line.slice(s).trimEnd(), args: '' };
  const comm = line.slice(s, best).trimEnd();
  const args = line.slice(best).trimEnd();
  return { comm, args: busyboxLike ? withoutBraces(args, comm) : args };
}

/** busybox writes "{comm} argv" when argv[0] is not the task name; the comm is its own column. */
function withoutBraces(args: string, comm: string | null): string {
  if (!args.startsWith('{')) return args;
  const close = args.indexOf('} ');
  if (close < 0 || (comm !== null && args.slice(1, close) !== comm)) return args;
  return args.slice(close + 2).trimStart();
}

/** comm when ps printed only the command line: `[kthreadd]`, busybox `{comm} args`, or argv[0]'s base name. */
function commFromArgs(args: string): string {
  const bracket = /^\[([^\]]*)\]/.exec(args);
  if (bracket) return bracket[1]!;
  const brace = /^\{([^}]*)\}/.exec(args);
  if (brace) return brace[1]!;
  const argv0 = args.split(' ', 1)[0] ?? '';
  return argv0.slice(argv0.lastIndexOf('/') + 1).slice(0, 15);
}

const SCALE: Record<string, number> = { k: 1, m: 2, g: 3, t: 4, p: 5, e: 6 };

/** KiB as ps prints them; busybox writes big values as `9.2m`, ` 12m`, `1.4g` (binary units). */
function rssToBytes(s: string): number | null {
  const plain = toInt(s);
  if (plain !== undefined) return plain * 1024;
  const m = /^(\d{1,6}(?:\.\d{1,3})?)([kmgtpe])$/i.exec(s);
  if (!m) return null;
  return Math.round(Number(m[1]) * 1024 ** SCALE[m[2]!.toLowerCase()]!);
}
