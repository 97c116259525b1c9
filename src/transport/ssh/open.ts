import { homedir } from 'node:os';
import { SshChannel, type SshChannelOptions } from './channel.js';
import { resolveSshConfig, type ResolvedSsh } from './config.js';
import type { SshFlags } from './destination.js';

export type OpenSshResult = { ok: true; channel: SshChannel; resolved: ResolvedSsh; warnings: string[] } | { ok: false; error: string };

/**
 * Destination + flags -> a ready-to-open SshChannel (resolution only, no
 * network yet). `error` is one line for the user.
 */
export function openSshChannel(destination: string, flags: SshFlags, opts: SshChannelOptions = {}): OpenSshResult {
  const home = opts.home ?? homedir();
  const r = resolveSshConfig(destination, flags, { home, env: process.env });
  if (!r.ok) return { ok: false, error: r.error };
  return { ok: true, channel: new SshChannel(r.value, { ...opts, home }), resolved: r.value, warnings: r.value.warnings };
}
