import type { Client } from 'ssh2';

/**
 * Kills the process group `pid` on the host, through a second exec channel (the
 * shell's own channel is stuck in the section). Under --sudo the group holds root's
 * processes too, which the login user may not signal: `sudo -n kill` as well (one
 * sudo log line per timed-out tick, never a prompt). Best effort, at most 3 s: a server
 * that refuses exec, or a lost connection, leaves the section to its own `timeout`.
 */
export function killRemoteGroup(client: Client | undefined, pid: number, elevated: boolean): Promise<void> {
  if (!client) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const t = setTimeout(resolve, 3000);
    const done = () => {
      clearTimeout(t);
      resolve();
    };
    try {
      const asRoot = elevated ? `sudo -n kill -9 -- -${pid} 2>/dev/null; ` : '';
      client.exec(`kill -9 -${pid} 2>/dev/null; ${asRoot}exit 0`, (err, s) => {
        if (err) return done();
        s.on('error', () => undefined);
        s.stderr.resume();
        s.resume();
        s.once('close', done);
      });
    } catch {
      done();
    }
  });
}
