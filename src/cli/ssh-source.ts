import { ProbeTransport } from '../transport/probe-transport.js';
import { noPrompts, openSshChannel, terminalPrompts } from '../transport/ssh/index.js';
import type { Transport } from '../transport/types.js';
import { engineCollector } from './engine-hook.js';
import { CliError } from './errors.js';
import type { CliOptions } from './options.js';
import { say } from '../say.js';
import { connectPhase } from './connecting.js';

/**
 * `cosi connect|snapshot [user@]host[:port]`: resolved like ssh(1), one
 * connection; the probe runs in one persistent shell channel and the engine
 * sockets are forwarded over the same connection (no remote process).
 */
export async function openSshTransport(host: string, o: CliOptions, quickFirst = false, onKeyExchange?: () => void): Promise<Transport> {
  const channel = openSshShell(host, o, onKeyExchange);
  const t: ProbeTransport = new ProbeTransport(channel, {
    sudo: o.sudo,
    hostRoot: o.hostRoot,
    quickFirst,
    timeoutMs: o.timeoutSec * 1000,
    socket: (path) => channel.forwardUnixSocket(path),
    collectEngines: engineCollector({ ...o, socket: (path) => channel.forwardUnixSocket(path), shell: channel, root: () => t.rootShell }),
  });
  return t;
}

/**
 * The SSH shell channel of `cosi connect|snapshot|logs HOST`, with the ssh options of the command
 * line; `onKeyExchange` once the first connect's host key is accepted.
 */
export function openSshShell(host: string, o: CliOptions, onKeyExchange?: () => void) {
  const flags = { identityFiles: o.identity, proxyJump: o.jump, port: o.port, user: o.login, configFile: o.configFile, options: o.sshOptions, sudo: o.sudo };
  // Questions (unknown host key, passphrase, password) are asked on the terminal at first connect only;
  // a reconnect inside the TUI never prompts.
  const r = openSshChannel(host, flags, { prompts: connectPhase.pausedDuring(terminalPrompts()), reconnectPrompts: noPrompts(), onKeyExchange });
  if (!r.ok) throw new CliError(r.error);
  for (const w of r.warnings) say(w);
  return r.channel;
}
