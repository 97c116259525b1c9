/** Shared by the parser tests: fixture reading and the "never throws, output is clean" property. */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { expect } from 'vitest';
import { readBundle } from '../../../parsers/bundle.js';
import { isClean } from '../../../parsers/sanitize.js';
import type { Parsed, ParseIssue } from '../../../parsers/types.js';
import { issueText } from '../../../views/present/parse-issues.js';

const FIXTURES = new URL('../../fixtures/', import.meta.url);

export function fixture(path: string): string {
  return readFileSync(new URL(path, FIXTURES), 'utf8');
}

/** One section's text from a recorded probe answer (nonce NONCE). */
export function probeSection(file: string, id: string): string {
  const sections = readBundle(fixture(`probe/${file}`), 'NONCE', { [id]: Number.MAX_SAFE_INTEGER }).value;
  const s = sections[id];
  if (!s) throw new Error(`fixture probe/${file} has no section ${id}`);
  return s.text;
}

/** Issues as a user reads them: the line (when there is one) and the sentence of views/present/parse-issues.ts. */
export function said(issues: ParseIssue[]): { line?: number; message: string }[] {
  return issues.map((i) => (i.line === undefined ? { message: issueText(i) } : { line: i.line, message: issueText(i) }));
}

/** Every string anywhere in a parsed value (value and issue messages) is free of terminal controls. */
export function expectAllClean(x: unknown): void {
  const walk = (v: unknown, path: string): void => {
    if (typeof v === 'string') {
      if (!isClean(v)) expect.fail(`control character left in ${path}: ${JSON.stringify(v)}`);
    } else if (typeof v === 'number') {
      if (!Number.isFinite(v)) expect.fail(`non-finite number at ${path}`);
    } else if (Array.isArray(v)) v.forEach((e, i) => walk(e, `${path}[${i}]`));
    else if (v && typeof v === 'object') for (const [k, e] of Object.entries(v)) walk(e, `${path}.${k}`);
  };
  walk(x, '$');
}

/**
 * Random text, random bytes, shuffled/truncated lines of real fixtures and
 * one 200 KB line: the parser returns (never throws), its issues have
 * 1-based line numbers, and everything it returns is sanitized.
 */
export function checkNeverThrows(parse: (text: string) => Parsed<unknown>, samples: string[]): void {
  const sampleLines = samples.flatMap((s) => s.split('\n'));
  const arb = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 400 }),
    fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b).toString('utf8')),
    fc.array(fc.constantFrom(...sampleLines), { maxLength: 40 }).map((ls) => ls.join('\n')),
    fc
      .tuple(fc.constantFrom(...samples), fc.nat(), fc.string({ unit: 'binary', maxLength: 20 }))
      .map(([s, n, junk]) => s.slice(0, n % (s.length + 1)) + junk),
  );
  const check = (text: string) => {
    const r = parse(text);
    expect(Array.isArray(r.issues)).toBe(true);
    const count = text === '' ? 0 : text.split('\n').length;
    for (const issue of r.issues) {
      expect(typeof issue.code).toBe('string');
      const text = issueText(issue);
      expect(text.length).toBeGreaterThan(0);
      if (!isClean(text)) expect.fail(`control character left in the sentence of ${issue.code}: ${JSON.stringify(text)}`);
      if (issue.line !== undefined) {
        expect(Number.isInteger(issue.line)).toBe(true);
        expect(issue.line).toBeGreaterThanOrEqual(1);
        expect(issue.line).toBeLessThanOrEqual(count);
      }
    }
    expectAllClean(r);
  };
  fc.assert(fc.property(arb, check), { numRuns: 499 });
  const big = sampleLines.find((l) => l.length > 0) ?? 'x';
  check(`${big.repeat(Math.ceil(200_000 / big.length))}\n${'\u001b[2J\\040 - '.repeat(20_000)}`);
}
