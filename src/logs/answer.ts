import { parseDmesg, parseSyslog } from '../../parsers/syslog.js';
import { parseCriLog } from '../../parsers/cri-log.js';
import { byTime } from '../../parsers/docker-log-frames.js';
import { parseDockerLogsText } from '../../parsers/docker-logs-text.js';
import { parseJournalJson } from '../../parsers/journal-json.js';
import { type LogLine, PRIORITY_NAMES } from '../../parsers/log-line.js';
import { sanitize } from '../../parsers/sanitize.js';
import { CRI_STEP, type LogsRequest, type LogsStep, STEP, targetKind, unitName } from './script.js';

/** What one engine said about the container, in the engines' order (the first that has it wins). */
export type ContainerOutcome =
  | { engine: string; kind: 'lines'; lines: LogLine[] }
  /** It knows no container of that name. */
  | { engine: string; kind: 'none' }
  /** A socket-activated engine that is not running: never asked. */
  | { engine: string; kind: 'asleep' }
  | { engine: string; kind: 'unreadable'; why: string };

/** The outcomes of the shell's `docker logs` steps (--via, or the second round trip's `cli-N` steps). */
export function cliOutcomes(steps: Map<string, LogsStep>, target: string, keys: { key: string; engine: string }[] = DEFAULT_CLI): ContainerOutcome[] {
  const out: ContainerOutcome[] = [];
  if (steps.has(STEP.dockerAsleep)) out.push({ engine: 'docker', kind: 'asleep' });
  for (const { key, engine } of keys) {
    const s = steps.get(key);
    if (!s) continue;
    const p = parseDockerLogsText(s.out, { source: engine, target }).value;
    if (p.errors.length === 0 && (p.lines.length > 0 || s.rc !== null)) out.push({ engine, kind: 'lines', lines: p.lines });
    else {
      const why = p.errors.join(' ');
      out.push(/No such container/i.test(why) ? { engine, kind: 'none' } : { engine, kind: 'unreadable', why: why || s.err || `exit ${s.rc ?? '?'}` });
    }
  }
  return out;
}

const DEFAULT_CLI = [
  { key: STEP.docker, engine: 'docker' },
  { key: STEP.systemDocker, engine: 'system-docker' },
];

export type LogsResult = { ok: true; lines: LogLine[]; notes: string[]; from: string } | { ok: false; error: string; notes: string[] };

/**
 * What the steps of the logs script say, for the user: the lines of the
 * container or unit that TARGET names (a container wins over a unit of the
 * same bare name), or why there are none (no journal, unknown unit, no such
 * container), plus notes (journalctl's permission hint, output cut at the cap).
 */
export function interpretLogs(r: LogsRequest, steps: Map<string, LogsStep>, host: string, containers?: ContainerOutcome[]): LogsResult {
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
    // A host without systemd may have journalctl and no journal: its ring then comes from dmesg.
    const jr = journal ? journalResult(journal, { source: 'journal', target: 'kernel' }, [...notes], 'journalctl -k') : null;
    if (jr && (!dmesg || (jr.ok && jr.lines.length > 0))) return jr;
    if (dmesg) {
      const lines = parseDmesg(dmesg.out, { source: 'dmesg', target: 'kernel' }).value;
      if (lines.length === 0 && dmesg.err.trim()) return { ok: false, error: `cannot read the kernel ring on ${host}: ${clean(dmesg.err)}${r.sudo ? '' : ' (try --sudo)'}`, notes };
      return { ok: true, lines, notes, from: 'dmesg' };
    }
    return { ok: false, error: `${host} has neither journalctl nor dmesg`, notes };
  }
  if (kind === 'pod') return podResult(r, steps, host, notes);
  const outcomes = containers ?? cliOutcomes(steps, r.target);
  let noSuchContainer = false;
  const unreadable: string[] = [];
  const asleep = outcomes.some((o) => o.kind === 'asleep');
  for (const o of outcomes) {
    if (o.kind === 'lines') return { ok: true, lines: o.lines, notes, from: o.engine };
    if (o.kind === 'asleep') notes.push(`${o.engine} is socket-activated and not running: its containers are not read (cosi never starts it)`);
    else if (o.kind === 'none') noSuchContainer = true;
    else {
      unreadable.push(o.engine);
      notes.push(`${o.engine}: ${clean(o.why)}`);
    }
  }
  const unit = unitName(r.target);
  const plain = plainResult(r, steps);
  const journalLines = journal ? parseJournalJson(journal.out, { source: 'journal', target: unit }).value.length : 0;
  if (plain && plain.lines.length > 0 && journalLines === 0) return { ok: true, lines: plain.lines, notes, from: plain.from };
  if (plain && !journal) return { ok: false, error: `no ${kind === 'unit' ? '' : `container '${sanitize(r.target)}', no `}journal on ${host}, and neither /var/log/${sanitize(unit.replace(/\.service$/, ''))}.log nor a syslog line naming it`, notes };
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
      const asked = [...outcomes.filter((o) => o.kind === 'asleep').map((o) => o.engine), ...unreadable].join(' and ');
      return { ok: false, error: `no unit named '${sanitize(unit)}' on ${host}, and ${asked} could not be asked${r.sudo || unreadable.length === 0 ? '' : ' (try --sudo)'}`, notes };
    }
    if (kind !== 'unit' && none) return { ok: false, error: `no container or unit named '${sanitize(r.target)}' on ${host}`, notes };
  }
  return res;
}

/** Hosts without systemd: the service's /var/log/NAME.log, else the syslog lines naming it (null: not asked). */
function plainResult(r: LogsRequest, steps: Map<string, LogsStep>): { lines: LogLine[]; from: string } | null {
  const year = Number(steps.get(STEP.year)?.out.trim()) || new Date().getUTCFullYear();
  for (const key of [STEP.plainFile, STEP.syslog]) {
    const s = steps.get(key);
    if (s) return { lines: parseSyslog(s.out, { source: key === STEP.syslog ? 'syslog' : 'file', target: sanitize(r.target) }, year).value, from: key === STEP.syslog ? 'syslog' : 'file' };
  }
  return null;
}

/** A pod's CRI files, one step per container: its lines in time order, each container's as pod/NS/POD/CONTAINER. */
function podResult(r: LogsRequest, steps: Map<string, LogsStep>, host: string, notes: string[]): LogsResult {
  const files = [...steps.values()].filter((s) => s.key.startsWith(CRI_STEP));
  const base = r.target.split('/').slice(0, 3).join('/');
  const lines = files.flatMap((s) => parseCriLog(s.out, { source: 'cri', target: `${base}/${sanitize(s.key.slice(CRI_STEP.length))}` }).value);
  const denied = files.filter((s) => s.rc !== 0 && s.rc !== null);
  if (files.length === 0 || (lines.length === 0 && denied.length > 0)) {
    const dirs = steps.get(STEP.podDirs)?.out.trim();
    const why = denied.length ? clean(denied[0]!.err) : dirs ? 'no container log file there' : 'not under /var/log/pods';
    return { ok: false, error: `no logs of ${sanitize(r.target)} on ${host}: ${why}${r.sudo || denied.length === 0 ? '' : ' (try --sudo)'}`, notes };
  }
  return { ok: true, lines: byTime(lines), notes, from: 'cri' };
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
