import type { Duplex } from 'node:stream';
import { sanitize } from '../../parsers/sanitize.js';
import { say } from '../say.js';
import { localChannel, viaChannel } from '../transport/child-shell.js';
import type { ShellChannel } from '../transport/types.js';
import { CliError, usage } from './errors.js';
import { formatLogLine } from '../logs/answer.js';
import type { LogLine } from '../../parsers/log-line.js';
import { readLogsWithSteps } from '../engines/logs-read.js';
import { type LogsRequest, POD_TARGET, SINCE_FORMAT, targetKind } from '../logs/script.js';
import { localSocket } from './engine-hook.js';
import { atPriority } from '../logs/priority.js';
import type { CliOptions } from './options.js';

/** Bytes kept of each step's output on the host (the -n lines of a chatty unit stay far below). */
const CAP_BYTES = 8 * 1024 * 1024;

/**
 * `cosi logs SOURCE TARGET`: read in one shell on the target (journalctl,
 * systemd) and, for containers, through the engines' API over sockets
 * forwarded on the same connection (src/logs/read.ts), then plain lines or
 * `--json` objects on stdout. Notes and errors go to stderr.
 */
export async function logsCommand(o: CliOptions): Promise<number> {
  const files = [o.snapshot !== undefined, o.demo !== undefined].filter(Boolean).length;
  if (files > 0) {
    if (files > 1 || o.local || o.via !== undefined) throw usage('give only one of: a host, --local, --via, --snapshot, --demo');
    if (o.follow) throw usage('-f follows a live host; a snapshot has only the lines it stored');
    const { logsFromSnapshot } = await import('./logs-snapshot.js');
    if (o.snapshot !== undefined) return logsFromSnapshot(o, o.snapshot, sanitize(o.snapshot));
    const { demoFile } = await import('./source.js');
    return logsFromSnapshot(o, demoFile(o.demo as string), `demo ${sanitize(o.demo as string)}`);
  }
  const local = o.local || o.via !== undefined;
  const [host, target, extra] = local ? [undefined, ...o.positionals] : o.positionals;
  if (o.local && o.via !== undefined) throw usage('give only one of: a host, --local, --via');
  if (!local && host === undefined) throw usage('logs needs a host (user@host), --local or --via CMD, then a unit, a container or kernel');
  if (target === undefined) throw usage('logs needs what to read: a unit (name.service), a container name or id, or kernel');
  if (extra !== undefined) throw usage(`unexpected argument '${extra}'`);
  if (o.via !== undefined && o.via.trim() === '') throw usage('--via needs a command, for example --via "docker exec -i console sh"');
  if (o.since !== undefined && !SINCE_FORMAT.test(o.since)) throw usage(`--since takes 10m, 2h, 1d or a date (2026-12-01 or '2026-12-01 14:00'), not '${o.since}'`);
  if (targetKind(target) === 'file' && (o.since !== undefined || o.boot !== undefined)) throw usage('--since and --boot are for the journal and containers, not a plain file');
  if (targetKind(target) === 'pod' && !POD_TARGET.test(target)) throw usage(`a pod is pod/NAMESPACE/POD or pod/NAMESPACE/POD/CONTAINER (lower-case names), not '${target}'`);
  if (targetKind(target) === 'pod' && (o.since !== undefined || o.boot !== undefined)) throw usage('--since and --boot are for the journal and containers, not a pod\'s log files');
  const req: LogsRequest = { target, lines: o.lines, since: o.since, boot: o.boot, ...(o.priority !== undefined ? { priority: o.priority } : {}), sudo: o.sudo, capBytes: CAP_BYTES, ...(o.hostRoot ? { hostRoot: o.hostRoot } : {}) };

  const { channel, connect } = o.local
    ? { channel: localChannel(), connect: localSocket }
    : o.via !== undefined
      ? { channel: viaChannel(o.via), connect: undefined }
      : await sshShell(host as string, o);
  const label = sanitize(channel.target.label);
  const print = (lines: LogLine[]): void => {
    if (lines.length) process.stdout.write(lines.map((l) => (o.json ? JSON.stringify(l) : formatLogLine(l))).join('\n') + '\n');
  };
  try {
    await channel.open();
    const limits = { timeoutMs: o.timeoutSec * 1000, maxBytes: 4 * CAP_BYTES };
    const access = { run: (script: string, terminator: string) => channel.run(script, terminator, limits), connect, timeoutMs: limits.timeoutMs };
    const { res, steps } = await readLogsWithSteps(req, access, label);
    for (const n of res.notes) say(n);
    if (!res.ok) throw new CliError(res.error);
    const lines = atPriority(res.lines, o.priority);
    if (lines.length === 0) say(`no log lines for ${sanitize(target)} (${res.from}) on ${label}${o.since || o.boot !== undefined ? ' in that time' : ''}${o.priority !== undefined ? ' at that priority' : ''}`);
    print(lines);
    if (o.follow) {
      const { followLogs } = await import('./logs-follow.js');
      await followLogs(req, access, label, { steps, lines: res.lines, from: res.from }, (add) => print(atPriority(add, o.priority)));
    }
  } finally {
    await channel.close();
  }
  return 0;
}

/** The SSH shell, and its streams to the host's unix sockets (the engines' API, forwarded over the same connection). */
async function sshShell(host: string, o: CliOptions): Promise<{ channel: ShellChannel; connect: (path: string) => Promise<Duplex> }> {
  const { openSshShell } = await import('./ssh-source.js');
  const channel = openSshShell(host, o);
  return { channel, connect: (path) => channel.forwardUnixSocket(path) };
}
