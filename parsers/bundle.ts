import { sanitize } from './sanitize.js';
import type { Parsed, ParseIssue } from './types.js';
import { issue } from './issues.js';

/** One framed section as read back from the probe output. */
export interface BundleSection {
  text: string;
  rc: number | null;
  truncated: boolean;
  bytes: number;
  ms: number | null;
  /** The host answered "same output as the last time it sent this section" (S frame): text is empty. */
  same?: boolean;
}

/**
 * Reads the framed probe answer of one tick. Only frames carrying `nonce`
 * count; a section whose closing frame never came (channel closed mid-frame)
 * is returned with rc null and what arrived. `maxBytes` per section id marks
 * truncation (the script lets one byte more through to tell) and names the
 * ids the probe asked for: a shell that runs the script knows the nonce and
 * could print frames with any id, so other ids (and a repeated id) are dropped.
 * An S frame (one line "@@COSI:<nonce>:S:<id>:<rc>:<up0>:<up1>") stands for the text the
 * same shell sent last time; the caller fills it in.
 */
export function readBundle(
  output: string,
  nonce: string,
  maxBytes: Record<string, number>,
): Parsed<Record<string, BundleSection>> {
  const issues: ParseIssue[] = [];
  const sections: Record<string, BundleSection> = {};
  const dropped: string[] = [];
  const known = (id: string) => Object.hasOwn(maxBytes, id) && !Object.hasOwn(sections, id);
  const frame = `@@COSI:${nonce}:`;
  const end = `\n@@COSI:${nonce}:E:`;
  let pos = 0;
  for (;;) {
    const b = output.indexOf(frame, pos);
    if (b < 0) break;
    const kind = output.slice(b + frame.length, b + frame.length + 2);
    const idEnd = output.indexOf('\n', b);
    if (idEnd < 0) break;
    if (kind === 'S:') {
      pos = idEnd;
      const [id = '', rc, up0, up1] = output.slice(b + frame.length + 2, idEnd).split(':');
      if (!known(id)) dropped.push(id);
      else sections[id] = { text: '', rc: readRc(rc), truncated: false, bytes: 0, ms: elapsedMs(up0, up1), same: true };
      continue;
    }
    if (kind !== 'B:') {
      pos = b + frame.length;
      continue;
    }
    const id = output.slice(b + frame.length + 2, idEnd);
    const bodyStart = idEnd + 1;
    const e = output.indexOf(end + id + ':', bodyStart - 1);
    if (e < 0) {
      if (!known(id)) {
        dropped.push(id);
        break;
      }
      const text = output.slice(bodyStart);
      sections[id] = { text: cut(text, maxBytes[id]), rc: null, truncated: over(text, maxBytes[id]), bytes: text.length, ms: null };
      issues.push(issue('section-unfinished', { section: sanitize(id) }));
      break;
    }
    const lineEnd = output.indexOf('\n', e + 1);
    pos = lineEnd < 0 ? output.length : lineEnd;
    if (!known(id)) {
      dropped.push(id);
      continue;
    }
    const text = output.slice(bodyStart, e);
    const trailer = output.slice(e + end.length + id.length + 1, lineEnd < 0 ? undefined : lineEnd);
    const [rc, up0, up1] = trailer.split(':');
    const limit = maxBytes[id];
    sections[id] = {
      text: cut(text, limit),
      rc: readRc(rc),
      truncated: over(text, limit),
      bytes: Buffer.byteLength(text),
      ms: elapsedMs(up0, up1),
    };
  }
  if (dropped.length > 0) {
    const names = dropped.slice(0, 5).map((id) => sanitize(id.length > 40 ? `${id.slice(0, 40)}…` : id));
    issues.push(issue('sections-dropped', { count: dropped.length, names }));
  }
  return { value: sections, issues };
}

function readRc(rc: string | undefined): number | null {
  return /^\d{1,3}$/.test(rc ?? '') ? Number(rc) : null;
}

function over(text: string, limit: number | undefined): boolean {
  return limit !== undefined && Buffer.byteLength(text) > limit;
}

function cut(text: string, limit: number | undefined): string {
  if (!over(text, limit)) return text;
  // Cut at the last whole line within the limit so parsers do not see half a record.
  const buf = Buffer.from(text).subarray(0, limit);
  const s = buf.toString('utf8');
  const nl = s.lastIndexOf('\n');
  return nl >= 0 ? s.slice(0, nl + 1) : s;
}

function elapsedMs(a: string | undefined, b: string | undefined): number | null {
  const x = Number(a);
  const y = Number(b);
  if (!a || !b || !Number.isFinite(x) || !Number.isFinite(y)) return null;
  return Math.max(0, Math.round((y - x) * 1000));
}
