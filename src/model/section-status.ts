import type { ParseIssue } from '../../parsers/types.js';
import { issue } from '../../parsers/issues.js';
import type { RawSection } from '../snapshot/types.js';
import type { SectionStatus } from './types.js';
import { stripBom } from '../../parsers/bom.js';

/** What one raw section means for its pane: ok, absent (tool missing), error, truncated, missing, or pending (not read yet). */
export function sectionStatus(raw: RawSection | undefined, issues: ParseIssue[] = [], pending = false): SectionStatus {
  if (!raw) return { state: pending ? 'pending' : 'missing', rc: null, bytes: 0, ms: null, issues };
  const base = { rc: raw.rc, bytes: raw.bytes, ms: raw.ms, issues };
  if (raw.rc === null) return { ...base, state: 'error', reason: 'unfinished' };
  if (raw.truncated) return { ...base, state: 'truncated' };
  if (raw.rc === 127 && raw.text.trim() === '') return { ...base, state: 'absent' };
  if (raw.rc === 124) return { ...base, state: 'error', reason: 'timeout' };
  if (raw.rc !== 0 && raw.text.trim() === '') return { ...base, state: 'error', reason: 'exit' };
  return { ...base, state: 'ok' };
}

/**
 * The section's text when it holds something usable, else ''. One UTF-8 byte-order mark at the
 * start is dropped (a snapshot edited on another system); a second one is host text.
 */
export function usableText(raw: RawSection | undefined): string {
  if (!raw || (raw.rc === 127 && raw.text.trim() === '')) return '';
  return stripBom(raw.text);
}

/** A section keeps its first issues only: a host printing garbage must not grow the model with it. */
export const MAX_ISSUES_PER_SECTION = 100;

export function capIssues(issues: ParseIssue[]): ParseIssue[] {
  if (issues.length <= MAX_ISSUES_PER_SECTION) return issues;
  const more = issues.length - MAX_ISSUES_PER_SECTION;
  return [...issues.slice(0, MAX_ISSUES_PER_SECTION), issue('more-issues', { count: more })];
}
