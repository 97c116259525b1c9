import { excerpt, sanitize } from './sanitize.js';
import { lines, type Parsed, type ParseIssue } from './types.js';
import { issue } from './issues.js';

/** One line of /proc/pressure/*: percentages over 10 s / 60 s / 300 s and total stall time. */
export interface PsiLine {
  avg10: number;
  avg60: number;
  avg300: number;
  totalUs: number;
}

export interface Psi {
  some: PsiLine;
  /** Absent from /proc/pressure/cpu on older kernels. */
  full: PsiLine | null;
}

const AVG = /^\d{1,3}\.\d{1,2}$/;
const TOTAL = /^\d{1,20}$/;

/** Parses `/proc/pressure/memory` ("some avg10=0.00 avg60=0.00 avg300=0.00 total=0", then "full ..."). */
export function parsePsi(text: string): Parsed<Psi> {
  const issues: ParseIssue[] = [];
  let some: PsiLine | null = null;
  let full: PsiLine | null = null;
  lines(text).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    const [kind, ...pairs] = raw.trim().split(/\s+/);
    if (kind !== 'some' && kind !== 'full') {
      issues.push(issue('psi-bad-kind', { text: excerpt(raw) }, line));
      return;
    }
    const got: Partial<Record<string, string>> = {};
    for (const p of pairs) {
      const eq = p.indexOf('=');
      if (eq > 0) got[p.slice(0, eq)] = p.slice(eq + 1);
    }
    const { avg10, avg60, avg300, total } = got;
    if (!AVG.test(avg10 ?? '') || !AVG.test(avg60 ?? '') || !AVG.test(avg300 ?? '') || !TOTAL.test(total ?? '')) {
      issues.push(issue('psi-bad-line', { kind, text: excerpt(raw) }, line));
      return;
    }
    const v: PsiLine = { avg10: Number(avg10), avg60: Number(avg60), avg300: Number(avg300), totalUs: Number(total) };
    if (kind === 'some') some = v;
    else full = v;
  });
  if (!some) {
    issues.push(issue('psi-no-some', {}));
    some = { avg10: 0, avg60: 0, avg300: 0, totalUs: 0 };
  }
  return { value: { some, full }, issues };
}
