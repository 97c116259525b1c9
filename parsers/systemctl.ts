/**
 * systemd section: `systemctl list-units --all -o json` (systemd >= 246: an
 * array of {unit, load, active, sub, description}) or the plain table
 * `--no-legend --plain --full` (older systemd, e.g. 239 on Photon 3 and 241
 * on CoreOS 2303). The table form with its `●`/`*` markers, header and legend
 * is read too. A JOB column appears when jobs are pending. Detected by content.
 */
import { excerpt, sanitize } from './sanitize.js';
import { lines, type Parsed, type ParseIssue } from './types.js';
import { firstNonBlank } from './blanks.js';
import { issue, type UnitColumnProblem } from './issues.js';

export interface UnitEntry {
  name: string;
  load: string;
  active: string;
  sub: string;
  description: string;
}

export function parseSystemctl(text: string): Parsed<UnitEntry[]> {
  const start = text.search(/\S/);
  if (start < 0) return { value: [], issues: [] };
  // The probe's "@unreadable MESSAGE" (--host-root: systemctl found no bus): no units, said by the model.
  if (text.startsWith('@unreadable', start)) return { value: [], issues: [] };
  return text[start] === '[' ? parseJson(text) : parseTable(text);
}

// ---------------------------------------------------------------- JSON

function parseJson(text: string): Parsed<UnitEntry[]> {
  const issues: ParseIssue[] = [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return salvageJson(text);
  }
  if (!Array.isArray(data)) return { value: [], issues: [issue('systemctl-json-not-list', {}, 1)] };
  const out: UnitEntry[] = [];
  data.forEach((item: unknown, i) => {
    const u = unitFromObject(item);
    const why = u && notAUnit(u.name, u.load, u.active, u.sub);
    if (u && !why) out.push(u);
    else issues.push(issue('systemctl-json-entry', { entry: i + 1, problem: why ?? null }));
  });
  return { value: out, issues };
}

/** A cut-short JSON answer (truncated section): keep every whole unit object. */
function salvageJson(text: string): Parsed<UnitEntry[]> {
  const issues: ParseIssue[] = [issue('systemctl-json-damaged', {})];
  const out: UnitEntry[] = [];
  for (const obj of topObjects(text)) {
    let item: unknown;
    try {
      item = JSON.parse(obj);
    } catch {
      continue;
    }
    const u = unitFromObject(item);
    if (u && !notAUnit(u.name, u.load, u.active, u.sub)) out.push(u);
  }
  return { value: out, issues };
}

/** The `{...}` texts one level inside the outer list, found in one linear pass (strings skipped). */
function topObjects(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === '}' && depth > 0) {
      depth--;
      if (depth === 0) out.push(text.slice(start, i + 1));
    }
  }
  return out;
}

function unitFromObject(item: unknown): UnitEntry | null {
  if (item === null || typeof item !== 'object') return null;
  const o = item as Record<string, unknown>;
  const str = (k: string): string => (typeof o[k] === 'string' ? sanitize(o[k]) : '');
  const name = str('unit');
  if (name === '') return null;
  return { name, load: str('load'), active: str('active'), sub: str('sub'), description: str('description') };
}

// ---------------------------------------------------------------- states

// systemd's own values (src/basic/unit-def.c): anything else is not list-units output.
const LOAD_STATES = new Set(['stub', 'loaded', 'not-found', 'bad-setting', 'error', 'merged', 'masked']);
const ACTIVE_STATES = new Set(['active', 'reloading', 'inactive', 'failed', 'activating', 'deactivating', 'maintenance', 'refreshing']);
// Sub states differ per unit type and grow between releases: a lower-case word with dashes.
const SUB_STATE = /^[a-z]+(?:-[a-z]+)*$/;
const UNIT_NAME = /^\S+\.(?:service|socket|target|device|mount|automount|swap|timer|path|slice|scope)$/;

/** Why these four columns are not a unit, or null when they are. */
function notAUnit(name: string, load: string, active: string, sub: string): UnitColumnProblem | null {
  if (!UNIT_NAME.test(name)) return { column: 'UNIT', value: excerpt(name, 40) };
  if (!LOAD_STATES.has(load)) return { column: 'LOAD', value: excerpt(load, 40) };
  if (!ACTIVE_STATES.has(active)) return { column: 'ACTIVE', value: excerpt(active, 40) };
  if (!SUB_STATE.test(sub)) return { column: 'SUB', value: excerpt(sub, 40) };
  return null;
}

// ---------------------------------------------------------------- table

const MARKERS = /^[●*×○]\s/;
const LEGEND = /^(?:(?:LOAD|ACTIVE|SUB|JOB)\s+= |\d+ (?:loaded )?units? listed|To show all installed unit files)/;
const JOB_TYPES = new Set(['start', 'stop', 'reload', 'restart', 'verify-active', 'verify-started', 'try-restart', 'try-reload', 'reload-or-start', 'nop']);

interface Row {
  n: number;
  line: string;
  toks: { text: string; end: number }[];
  rest: number;
}

function parseTable(text: string): Parsed<UnitEntry[]> {
  const issues: ParseIssue[] = [];
  const all = lines(text);
  let descCol: number | null = null;
  const rows: Row[] = [];
  for (let n = 0; n < all.length; n++) {
    // A marker keeps its width so the columns stay aligned with the header.
    const line = MARKERS.test(all[n]!) ? `  ${all[n]!.slice(2)}` : all[n]!;
    const trimmed = line.trim();
    if (trimmed === '' || LEGEND.test(trimmed)) continue;
    if (/^UNIT\s+LOAD\s+ACTIVE\s+SUB\b/.test(trimmed)) {
      const d = line.indexOf('DESCRIPTION');
      if (d > 0) descCol = d;
      continue;
    }
    const toks: Row['toks'] = [];
    const re = /\S+/g;
    let m: RegExpExecArray | null;
    while (toks.length < 4 && (m = re.exec(line)) !== null) toks.push({ text: m[0], end: m.index + m[0].length });
    if (toks.length < 4) {
      issues.push(issue('systemctl-short-line', { text: excerpt(trimmed) }, n + 1));
      continue;
    }
    const why = notAUnit(toks[0]!.text, toks[1]!.text, toks[2]!.text, toks[3]!.text);
    if (why) {
      issues.push(issue('systemctl-not-unit', { problem: why, text: excerpt(all[n]!.trim()) }, n + 1));
      continue;
    }
    rows.push({ n, line, toks, rest: firstNonBlank(line, toks[3]!.end) });
  }
  // No header (--no-legend): the description column is where most rows' fifth column starts.
  descCol ??= mostCommon(rows.map((r) => r.rest));
  return {
    value: rows.map((r) => {
      let d = r.rest;
      if (descCol !== null && descCol > d && descCol <= r.line.length && r.line[descCol - 1] === ' ') {
        // Between SUB and DESCRIPTION: the JOB column, empty or one job type.
        const between = r.line.slice(d, descCol).trim();
        if (between === '' || JOB_TYPES.has(between)) d = firstNonBlank(r.line, descCol);
      }
      const [name, load, active, sub] = r.toks.map((t) => sanitize(t.text)) as [string, string, string, string];
      return { name, load, active, sub, description: sanitize(r.line.slice(d).trimEnd()) };
    }),
    issues,
  };
}

function mostCommon(xs: number[]): number | null {
  const counts = new Map<number, number>();
  let best: number | null = null;
  let bestCount = 0;
  for (const x of xs) {
    const c = (counts.get(x) ?? 0) + 1;
    counts.set(x, c);
    if (c > bestCount) {
      best = x;
      bestCount = c;
    }
  }
  return best;
}
