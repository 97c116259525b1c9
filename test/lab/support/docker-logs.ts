// What `docker logs --timestamps` of a lab daemon prints, in the form cosi's lines are compared in.
import { spawnSync } from 'node:child_process';
import type { LogLine } from '../../../parsers/log-line.js';
import { sanitize } from '../../../parsers/sanitize.js';

/** An RFC 3339 UTC time that compares as text (docker trims the fraction's trailing zeros). */
export const key = (t: string) => t.replace(/(?:\.(\d+))?Z$/, (_m, f: string | undefined) => `.${(f ?? '').padEnd(9, '0')}Z`);

/** `docker logs --timestamps ARGS` of a lab daemon, as cosi's lines: stdout and stderr apart, then in time order. */
export function dockerLogs(socket: string, args: string[]): string[] {
  const r = spawnSync('docker', ['-H', `unix://${socket}`, 'logs', '--timestamps', ...args], { encoding: 'utf8', maxBuffer: 256 << 20 });
  if (r.status !== 0) throw new Error(`docker logs ${args.join(' ')}: ${r.stderr}`);
  const rows = (text: string, stream: string) =>
    text
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => {
        const sp = l.indexOf(' ');
        return { time: key(l.slice(0, sp)), line: `${l.slice(0, sp)} ${stream} ${sanitize(l.slice(sp + 1).replace(/\r$/, ''))}` };
      });
  return [...rows(r.stdout, 'stdout'), ...rows(r.stderr, 'stderr')].sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0)).map((x) => x.line);
}

/** cosi's lines as dockerLogs prints docker's: time, stream, message. */
export const shown = (ls: LogLine[]) => ls.map((l) => `${l.time} ${l.stream} ${l.message}`);
