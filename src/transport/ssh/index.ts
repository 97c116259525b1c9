/**
 * `cosi connect HOST` over SSH. Typical use (see docs/ssh.md):
 *
 *   const f = takeSshFlags(argv);                       // -i -J -p -l -F -o --sudo
 *   const r = resolveSshConfig(dest, f.flags, { home: os.homedir(), env: process.env });
 *   const ch = new SshChannel(r.value, { prompts: terminalPrompts() });
 *   new ProbeTransport(ch, { sudo: r.value.sudo });
 */
export { parseSshDestination, parsePort, takeSshFlags } from './destination.js';
export type { SshDestination, SshFlags, DestinationResult, FlagsResult } from './destination.js';
export { resolveSshConfig } from './config.js';
export type { ResolvedSsh, ResolveEnv, ResolveResult, StrictHostKeyChecking } from './config.js';
export { SshChannel } from './channel.js';
export type { SshChannelOptions } from './channel.js';
export { terminalPrompts, noPrompts } from './prompts.js';
export type { SshPrompts } from './prompts.js';
export {
  parseKnownHosts,
  checkHostKey,
  fingerprintSha256,
  hashHostName,
  hostKeyName,
  entryMatchesHost,
} from './known-hosts.js';
export type { KnownHostEntry, HostKeyVerdict } from './known-hosts.js';
export { verifyHostKey } from './hostkey.js';
export { openSshChannel } from './open.js';
