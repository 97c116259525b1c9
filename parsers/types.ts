import type { ParseIssue } from './issues.js';

export type { ParseIssue } from './issues.js';

/** What every parser returns: a best-effort value and what it could not read. Parsers never throw. */
export interface Parsed<T> {
  value: T;
  issues: ParseIssue[];
}

export function parsed<T>(value: T, issues: ParseIssue[] = []): Parsed<T> {
  return { value, issues };
}

/** Splits text into lines without a trailing empty line; `\r\n` is accepted. */
export function lines(text: string): string[] {
  if (text === '') return [];
  const out = text.split('\n');
  if (out[out.length - 1] === '') out.pop();
  return out.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/** Parses a non-negative decimal integer; undefined for anything else (no NaN leaks into models). */
export function toInt(s: string | undefined): number | undefined {
  if (s === undefined || !/^\d{1,18}$/.test(s)) return undefined;
  return Number(s);
}
