import { parseDmesg, parseSyslog } from '../../parsers/syslog.js';
import { parseDockerLogsText } from '../../parsers/docker-logs-text.js';
import { parseJournalJson } from '../../parsers/journal-json.js';
import { type LogLine, PRIORITY_NAMES } from '../../parsers/log-line.js';
import { sanitize } from '../../parsers/sanitize.js';
import { type LogsRequest, type LogsStep, STEP, targetKind, unitName } from './script.js';

export type LogsResult = { ok: true; lines: LogLine[]; notes: string[]; from: string } | { ok: false; error: string; notes: string[] };

/**
 * What the steps of the logs script say, for the user: the lines of the
 * container or unit that TARGET names (a container wins over a unit of the
 * same bare name), or why there are none (no journal, unknown unit, no such
 * container), plus notes (journalctl's permission hint, output cut at the cap).
 */
export function interpretLogs(r: LogsRequest, steps: Map<string, LogsStep>, host: string): LogsResult {
  const notes: string[] = [];
  for (const s of steps.values()) if (s.rc === null) notes.push(`${s.key}: output cut at ${r.capBytes} bytes; ask for fewer lines with -n`);
  const kind = targetKind(r.target);
  const journal = steps.get(STEP.journal);
  if (kind === 'file') {
    const s = steps.get(STEP.file);
    const year = Number(steps.get(STEP.year)?.out.trim()) || new Date().getUTCFullYear();
    const lines = s ? parseSyslog(s.out, { source: 'file', target: sanitize(r.target) }, year).value : [];
    if (!s || (lines.length === 0 && s.rc !== 0)) return { ok: false, error: `cannot read ${sanitize(r.target)} on ${host}: ${clean(s?.err ?? '') || 'no answer'}${r.sudo ? '' : ' (try --sudo)'}`, notes };
    return { ok: true, lines, notes, from: 'file' };
  }
  if (kind === 'kernel') {
    const dmesg = steps.get(STEP.dmesg);
    if (journal) return journalResult(journal, { source: 'journal', target: 'kernel' }, notes, 'journalctl -k');
    if (dmesg) {
      const lines = parseDmesg(dmesg.out, { source: 'dmesg', target: 'kernel' }).value;
      if (lines.length === 0 && dmesg.err.trim()) return { ok: false, error: `cannot read the kernel ring on ${host}: ${clean(dmesg.err)}${r.sudo ? '' : ' (try --sudo)'}`, notes };
      return { ok: true, lines, notes, from: 'dmesg' };
    }
    return { ok: false, error: `${host} has neither journalctl nor dmesg`, notes };
  }
  if (steps.has(STEP.dockerAsleep)) notes.push("docker is socket-activated and not running: its containers are not read (cosi never starts it)");
  let noSuchContainer = false;
  const unreadable: string[] = [];
  const asleep = steps.has(STEP.dockerAsleep);
  for (const key of [STEP.docker, STEP.systemDocker]) {
    const s = steps.get(key);
    if (!s) continue;
    const p = parseDockerLogsText(s.out, { source: key, target: r.target }).value;
    if (p.errors.length === 0 && (p.lines.length > 0 || s.rc !== null)) return { ok: true, lines: p.lines, notes, from: key };
    const why = p.errors.join(' ');
    if (/No such container/i.test(why)) noSuchContainer = true;
    else unreadable.push(key);
    if (!/No such container/i.test(why)) notes.push(`${key}: ${clean(why || s.err || `exit ${s.rc ?? '?'}`)}`);
  }
  const unit = unitName(r.target);
  if (!journal) {
    const what = kind === 'unit' ? `no journal on ${host} (journalctl not found)` : `no container '${sanitize(r.target)}' and no journal on ${host}`;
    return { ok: false, error: what, notes };
  }
  const res = journalResult(journal, { source: 'journal', target: unit }, notes, `journalctl -u ${unit}`);
  const load = steps.get(STEP.loadState)?.out.trim();
  if (res.ok && res.lines.length === 0) {
    // systemd's word when there is one; else a docker that knows no such container and an empty journal.
    if (kind === 'unit' && load === 'not-found') return { ok: false, error: `unknown unit '${sanitize(unit)}' on ${host}`, notes };
    const none = load === 'not-found' || (noSuchContainer && load !== 'loaded');
    if (kind !== 'unit' && load !== 'loaded' && (asleep || (none && unreadable.length > 0))) {
      const asked = [...(asleep ? ['docker'] : []), ...unreadable].join(' and ');
      return { ok: false, error: `no unit named '${sanitize(unit)}' on ${host}, and ${asked} could not be asked${r.sudo || unreadable.length === 0 ? '' : ' (try --sudo)'}`, notes };
    }
    if (kind !== 'unit' && none) return { ok: false, error: `no container or unit named '${sanitize(r.target)}' on ${host}`, notes };
  }
  return res;
}

function journalResult(s: LogsStep, ctx: { source: string; target: string }, notes: string[], what: string): LogsResult {
  const lines = parseJournalJson(s.out, ctx).value;
  const err = clean(s.err);
  if (lines.length === 0 && s.rc !== 0 && s.rc !== null) {
    const hint = /insufficient permissions/.test(err) ? ' (try --sudo, or add the user to the systemd-journal group)' : '';
    return { ok: false, error: `${what} failed: ${err || `exit ${s.rc}`}${hint}`, notes };
  }
  // journalctl's own notes ("No journal files were opened due to insufficient permissions", hints).
  if (err) notes.push(`journalctl: ${err}`);
  return { ok: true, lines, notes, from: 'journal' };
}

/** Host stderr as one line for the user. */
function clean(s: string): string {
  return sanitize(s.trim().split('\n').filter(Boolean).join('; '));
}

/** One line of `cosi logs` plain output: time, priority or stream, writer, message. */
export function formatLogLine(l: LogLine): string {
  const level = l.priority === null ? null : PRIORITY_NAMES[l.priority];
  const parts = [l.time ?? '-'];
  if (l.stream === 'stdout' || l.stream === 'stderr') parts.push(l.stream);
  else {
    if (level) parts.push(level);
    if (l.stream) parts.push(`${l.stream}:`);
  }
  parts.push(l.message);
  return parts.join(' ');
}
