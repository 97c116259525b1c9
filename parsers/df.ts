import { excerpt, sanitize } from './sanitize.js';
import { lines, type Parsed, type ParseIssue } from './types.js';
import { issue } from './issues.js';

/** One filesystem line of `df`; sizes in bytes, null where df printed "-". */
export interface DfEntry {
  source: string;
  target: string;
  sizeBytes: number | null;
  usedBytes: number | null;
  availBytes: number | null;
}

const SUFFIX_POWER: Record<string, number> = { B: 0, K: 1, k: 1, M: 2, G: 3, T: 4, P: 5, E: 6, Z: 7, Y: 8 };
const SIZE = /^(\d{1,20}(?:[.,]\d{1,6})?)([BKkMGTPEZY]?)(i?)$/;
const PERCENT = /^(\d{1,3}%|-)$/;
const BLOCKS = /^(\d{1,10})([KMGT]?)(?:i?B)?-blocks$/;

interface Token {
  text: string;
  start: number;
  end: number;
}

/**
 * Parses `df -kP` (procps/coreutils and busybox headers), plain `df` and
 * `df -h` (`28.0G`, `944.0K`, `515M`; headers `Avail` or `Available`). The
 * size columns are found as the first run "size size size percent"; the
 * source is everything before it (it may contain spaces) and the target
 * everything after it, spaces included. A source printed alone on its line
 * (non-P df wraps long names) is joined with the next line.
 */
export function parseDf(text: string): Parsed<DfEntry[]> {
  const value: DfEntry[] = [];
  const issues: ParseIssue[] = [];
  let blockBytes = 1024;
  let sawHeader = false;
  // `df -T`: a Type column between the source and the sizes; it is not part of the source.
  let typed = false;
  let pending: { source: string; line: number } | null = null;

  const all = lines(text);
  for (let i = 0; i < all.length; i++) {
    const raw = all[i];
    const line = i + 1;
    if (raw.trim() === '') continue;
    const tokens = tokenize(raw);
    if (tokens[0].text === 'Filesystem' && !sawHeader) {
      sawHeader = true;
      typed = tokens[1]?.text === 'Type';
      const sizeHead = tokens[typed ? 2 : 1]?.text ?? '';
      const b = blockHeader(sizeHead);
      if (b === undefined) issues.push(issue('df-unknown-size-column', { column: excerpt(sizeHead) }, line));
      else blockBytes = b;
      continue;
    }
    const at = findSizes(tokens);
    if (at < 0) {
      if (pending) issues.push(issue('df-no-sizes', { text: excerpt(pending.source), cut: false }, pending.line));
      // Maybe a long source name that df wrapped onto its own line.
      pending = { source: raw.trim(), line };
      continue;
    }
    const first = typed ? 1 : 0;
    let source: string;
    if (at === first) {
      if (!pending) {
        issues.push(issue('df-no-name', { text: excerpt(raw.trim()) }, line));
        continue;
      }
      source = pending.source;
    } else {
      if (pending) issues.push(issue('df-no-sizes', { text: excerpt(pending.source), cut: false }, pending.line));
      if (at < first) {
        issues.push(issue('df-no-type', { text: excerpt(raw.trim()) }, line));
        pending = null;
        continue;
      }
      source = raw.slice(0, tokens[at - 1 - first].end).trimStart();
    }
    pending = null;
    value.push({
      source: sanitize(source),
      target: sanitize(raw.slice(tokens[at + 4].start)),
      sizeBytes: toBytes(tokens[at].text, blockBytes),
      usedBytes: toBytes(tokens[at + 1].text, blockBytes),
      availBytes: toBytes(tokens[at + 2].text, blockBytes),
    });
  }
  if (pending) issues.push(issue('df-no-sizes', { text: excerpt(pending.source), cut: true }, pending.line));
  if (!sawHeader && all.some((l) => l.trim() !== '')) issues.push(issue('df-no-header', {}));
  return { value, issues };
}

/** Bytes per block from the header ("1024-blocks", "1K-blocks", "512-blocks"); 1 for human sizes ("Size"). */
function blockHeader(h: string): number | undefined {
  // "Size": human sizes; "Inodes": `df -i` counts.
  if (h === 'Size' || h === 'Inodes') return 1;
  const m = BLOCKS.exec(h);
  if (!m) return undefined;
  return Number(m[1]) * 1024 ** (SUFFIX_POWER[m[2]] ?? 0);
}

function tokenize(s: string): Token[] {
  const out: Token[] = [];
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

function isSize(t: string): boolean {
  return t === '-' || SIZE.test(t);
}

/** Index of the first "size size size percent target" run, or -1. */
function findSizes(t: Token[]): number {
  for (let i = 0; i + 4 < t.length; i++) {
    if (isSize(t[i].text) && isSize(t[i + 1].text) && isSize(t[i + 2].text) && PERCENT.test(t[i + 3].text)) return i;
  }
  return -1;
}

function toBytes(tok: string, blockBytes: number): number | null {
  if (tok === '-') return null;
  const m = SIZE.exec(tok);
  if (!m) return null;
  const n = Number(m[1].replace(',', '.'));
  if (m[2] === '') return Math.round(n * blockBytes);
  return Math.round(n * 1024 ** SUFFIX_POWER[m[2]]);
}

/** One filesystem line of `df -iP`: inode counts, null where df printed "-" (a filesystem without a fixed inode table). */
export interface DfInodesEntry {
  source: string;
  target: string;
  inodes: number | null;
  used: number | null;
  free: number | null;
}

/** Parses `df -iP` (coreutils "Inodes IUsed IFree IUse%", busybox "Inodes Used Available Use%"): the same columns as df's sizes. */
export function parseDfInodes(text: string): Parsed<DfInodesEntry[]> {
  const r = parseDf(text);
  return { value: r.value.map((e) => ({ source: e.source, target: e.target, inodes: e.sizeBytes, used: e.usedBytes, free: e.availBytes })), issues: r.issues };
}
