import { randomBytes } from 'node:crypto';
import { sanitize } from '../../parsers/sanitize.js';
import { say } from '../say.js';
import { localChannel, viaChannel } from '../transport/child-shell.js';
import type { ShellChannel } from '../transport/types.js';
import { CliError, usage } from './errors.js';
import { formatLogLine, interpretLogs } from '../logs/answer.js';
import { buildLogsScript, type LogsRequest, logsTerminator, readLogsSteps, SINCE_FORMAT, targetKind } from '../logs/script.js';
import type { CliOptions } from './options.js';

/** Bytes kept of each step's output on the host (the -n lines of a chatty unit stay far below). */
const CAP_BYTES = 8 * 1024 * 1024;

/**
 * `cosi logs SOURCE TARGET`: one round trip in one shell on the target
 * (journalctl, or the docker / system-docker CLI there), then plain lines or
 * `--json` objects on stdout. Notes and errors go to stderr.
 */
export async function logsCommand(o: CliOptions): Promise<number> {
  const local = o.local || o.via !== undefined;
  const [host, target, extra] = local ? [undefined, ...o.positionals] : o.positionals;
  if (o.local && o.via !== undefined) throw usage('give only one of: a host, --local, --via');
  if (!local && host === undefined) throw usage('logs needs a host (user@host), --local or --via CMD, then a unit, a container or kernel');
  if (target === undefined) throw usage('logs needs what to read: a unit (name.service), a container name or id, or kernel');
  if (extra !== undefined) throw usage(`unexpected argument '${extra}'`);
  if (o.via !== undefined && o.via.trim() === '') throw usage('--via needs a command, for example --via "docker exec -i console sh"');
  if (o.since !== undefined && !SINCE_FORMAT.test(o.since)) throw usage(`--since takes 10m, 2h, 1d or a date (2026-12-01 or '2026-12-01 14:00'), not '${o.since}'`);
  if (targetKind(target) === 'file' && (o.since !== undefined || o.boot !== undefined)) throw usage('--since and --boot are for the journal and containers, not a plain file');
  const req: LogsRequest = { target, lines: o.lines, since: o.since, boot: o.boot, sudo: o.sudo, capBytes: CAP_BYTES };

  const channel: ShellChannel = o.local ? localChannel() : o.via !== undefined ? viaChannel(o.via) : await sshShell(host as string, o);
  const nonce = randomBytes(12).toString('hex');
  let output: string;
  try {
    await channel.open();
    output = await channel.run(buildLogsScript(req, nonce), logsTerminator(nonce), { timeoutMs: o.timeoutSec * 1000, maxBytes: 4 * CAP_BYTES });
  } finally {
    await channel.close();
  }
  const res = interpretLogs(req, readLogsSteps(output, nonce), sanitize(channel.target.label));
  for (const n of res.notes) say(n);
  if (!res.ok) throw new CliError(res.error);
  if (res.lines.length === 0) say(`no log lines for ${sanitize(target)} (${res.from}) on ${sanitize(channel.target.label)}${o.since || o.boot !== undefined ? ' in that time' : ''}`);
  process.stdout.write(res.lines.map((l) => (o.json ? JSON.stringify(l) : formatLogLine(l))).join('\n') + (res.lines.length ? '\n' : ''));
  return 0;
}

async function sshShell(host: string, o: CliOptions): Promise<ShellChannel> {
  const { openSshShell } = await import('./ssh-source.js');
  return openSshShell(host, o);
}
