import type { ParseIssue } from '../../parsers/types.js';
import type { HostModel, Warning } from './types.js';
import { warningId } from './warnings.js';

/**
 * The model as `--json` prints it: container environment values are left out (secrets); names stay.
 * With `issueText` (views/present/parse-issues.ts), each parse issue carries its sentence as `text`
 * beside its code and data; with `warningWords` (views/present/warnings.ts), each warning carries its
 * sentence as `message` and the symptom it explains as `symptom`.
 */
export function modelJson(model: HostModel, issueText?: (i: ParseIssue) => string, warningWords?: (w: Warning) => { message: string; symptom: string | null }): string {
  const engines = model.engines.map((e) => ({
    ...e,
    containers: e.containers.map((c) => ({ ...c, env: c.env.map(({ name }) => ({ name })) })),
  }));
  const sections = issueText
    ? Object.fromEntries(Object.entries(model.sections).map(([id, s]) => [id, { ...s, issues: s.issues.map((i) => ({ ...i, text: issueText(i) })) }]))
    : model.sections;
  // Each warning leads with {id, severity, message, target} (target: the tab and the row Enter goes to), then its code and figures.
  const warnings = model.warnings.map(({ severity, ...w }) => ({
    id: warningId({ severity, ...w }),
    severity,
    ...(warningWords ? warningWords({ severity, ...w }) : {}),
    target: { tab: w.tab, kind: w.about?.kind ?? null, name: w.about?.name ?? null },
    ...w,
  }));
  return stringifyDeep({ ...model, engines, sections, warnings }) + '\n';
}

/** Below this depth the JSON is written compact: indentation of a deep tree would grow quadratically. */
const PRETTY_DEPTH = 64;

const isPrimitive = (x: unknown) => x === null || typeof x !== 'object';

/** An object or array whose values are primitives or arrays of primitives: no depth to fear. */
function isFlat(v: object): boolean {
  for (const x of Array.isArray(v) ? v : Object.values(v)) {
    if (isPrimitive(x)) continue;
    if (!Array.isArray(x) || !x.every(isPrimitive)) return false;
  }
  return true;
}

interface Frame {
  close: string;
  items: [string | null, unknown][];
  i: number;
  depth: number;
}

/**
 * `JSON.stringify(value, null, 2)` without recursion: the mount and cgroup trees of a hostile host
 * can be 100,000 levels deep. Same text as JSON.stringify up to PRETTY_DEPTH levels, compact below.
 * Plain data only (no toJSON, no Dates): the model holds strings, numbers, booleans and null.
 */
export function stringifyDeep(value: unknown): string {
  const out: string[] = [];
  const stack: Frame[] = [];
  const write = (v: unknown, depth: number, inArray: boolean): void => {
    if (v === null || typeof v !== 'object') {
      out.push(JSON.stringify(v) ?? (inArray ? 'null' : ''));
      return;
    }
    if (isFlat(v)) {
      // Native for the many small objects (a mount, a process): re-indented to where it stands.
      out.push(depth < PRETTY_DEPTH ? JSON.stringify(v, null, 2).replaceAll('\n', `\n${'  '.repeat(depth)}`) : JSON.stringify(v));
      return;
    }
    const isArray = Array.isArray(v);
    const items: [string | null, unknown][] = isArray
      ? v.map((x): [null, unknown] => [null, x])
      : Object.entries(v).filter(([, x]) => x !== undefined && typeof x !== 'function' && typeof x !== 'symbol');
    if (items.length === 0) {
      out.push(isArray ? '[]' : '{}');
      return;
    }
    out.push(isArray ? '[' : '{');
    stack.push({ close: isArray ? ']' : '}', items, i: 0, depth });
  };
  write(value, 0, true);
  while (stack.length > 0) {
    const f = stack[stack.length - 1];
    const pretty = f.depth < PRETTY_DEPTH;
    if (f.i === f.items.length) {
      stack.pop();
      if (pretty) out.push(`\n${'  '.repeat(f.depth)}`);
      out.push(f.close);
      continue;
    }
    const [key, v] = f.items[f.i];
    if (f.i > 0) out.push(',');
    f.i++;
    if (pretty) out.push(`\n${'  '.repeat(f.depth + 1)}`);
    if (key !== null) out.push(`${JSON.stringify(key)}${pretty ? ': ' : ':'}`);
    write(v, f.depth + 1, key === null);
  }
  return out.join('');
}
