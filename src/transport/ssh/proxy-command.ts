import { Duplex } from 'node:stream';
import { sanitize } from '../../../parsers/sanitize.js';
import { killGroup, spawnGroup } from '../process-group.js';
import { shWord } from '../sh-word.js';
import { TransportError } from '../types.js';
import type { ResolvedSsh } from './config.js';

/**
 * ProxyCommand tokens: %h %p %r %n %%. Names with shell syntax are refused before this
 * (config.ts, as OpenSSH does); each expansion is also quoted as one sh word when it holds
 * anything but plain name characters (a `*` or `~` in a host name).
 */
export function proxyCommandLine(r: ResolvedSsh): string {
  return (r.proxyCommand ?? '').replace(/%(.)/g, (w, c: string) => {
    switch (c) {
      case 'h':
        return shWord(r.hostname);
      case 'p':
        return String(r.port);
      case 'r':
        return shWord(r.user);
      case 'n':
        return shWord(r.host);
      case '%':
        return '%';
      default:
        return w;
    }
  });
}

/**
 * Runs ProxyCommand with /bin/sh (as ssh does, via `exec`) and returns its
 * stdin/stdout as the stream to speak SSH over. When the command exits, the
 * stream ends; its last stderr line is kept for the error message.
 */
export function spawnProxyCommand(r: ResolvedSsh): Promise<{ stream: Duplex; stderrTail: () => Promise<string> }> {
  const line = proxyCommandLine(r);
  return new Promise((resolve, reject) => {
    const child = spawnGroup('/bin/sh', ['-c', `exec ${line}`]);
    let tail = '';
    let closed = false;
    child.once('close', () => (closed = true));
    child.stderr.on('data', (d: Buffer) => {
      tail = (tail + d.toString('utf8')).slice(-1000);
    });
    child.stdin.on('error', () => undefined);
    child.once('error', (e) => reject(new TransportError(`ProxyCommand "${line}": ${e.message}`, 'spawn')));
    child.once('spawn', () => {
      const stream = Duplex.from({ readable: child.stdout, writable: child.stdin });
      // The connection is over: the command and anything it started go with it.
      stream.on('close', () => killGroup(child, { keepStderr: true }));
      // The command's last stderr line, once it has exited (at most 1 s wait).
      const stderrTail = async () => {
        if (!closed) {
          await new Promise<void>((done) => {
            const t = setTimeout(done, 1000);
            child.once('close', () => {
              clearTimeout(t);
              done();
            });
          });
        }
        return sanitize(tail.trim().split('\n').pop() ?? '');
      };
      resolve({ stream, stderrTail });
    });
  });
}
