import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ResolvedSsh } from './config.js';
import {
  checkHostKey,
  fingerprintSha256,
  hostKeyName,
  keyLabel,
  keyTypeOf,
  knownHostsLine,
  knownKeyTypes,
  parseKnownHosts,
  type KnownHostEntry,
} from './known-hosts.js';
import type { SshPrompts } from './prompts.js';

export type HostKeyResult = { ok: true; added: boolean } | { ok: false; error: string; retryOption?: string };

/** The name a host's key is filed under: HostKeyAlias as is, else `host` / `[host]:port`. */
export function hostKeyLookupName(r: ResolvedSsh): string {
  return r.hostKeyAlias ?? hostKeyName(r.hostname, r.port);
}

/** Reads every known_hosts file of the resolved config (missing files are empty). */
export function loadKnownHosts(r: ResolvedSsh): KnownHostEntry[] {
  const out: KnownHostEntry[] = [];
  for (const f of [...r.userKnownHostsFiles, ...r.globalKnownHostsFiles]) {
    try {
      out.push(...parseKnownHosts(readFileSync(f, 'utf8'), f));
    } catch {
      /* missing or unreadable: nothing known from it */
    }
  }
  return out;
}

/** Host key types to offer first: the ones already known for this host (so a known RSA host is not asked about its ED25519 key). */
export function preferredHostKeyTypes(r: ResolvedSsh): string[] {
  return knownKeyTypes(loadKnownHosts(r), [hostKeyLookupName(r)]);
}

const RULE = '@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@';

/**
 * Decides about a server's host key like ssh's check_host_key: known ->
 * go; @revoked -> refuse; CHANGED -> refuse with OpenSSH's warning (no way
 * around it); unknown -> StrictHostKeyChecking: yes refuses, accept-new/no
 * records it, ask shows the fingerprint and asks yes/no/[fingerprint].
 */
export async function verifyHostKey(r: ResolvedSsh, blob: Buffer, prompts: SshPrompts, ip?: string): Promise<HostKeyResult> {
  const name = hostKeyLookupName(r);
  const type = keyTypeOf(blob);
  const label = keyLabel(type);
  const fp = fingerprintSha256(blob);
  const verdict = checkHostKey(loadKnownHosts(r), [name], blob);
  const failed = 'Host key verification failed.';
  switch (verdict.kind) {
    case 'known':
      return { ok: true, added: false };
    case 'revoked':
      prompts.notice(
        [
          RULE,
          '@       WARNING: REVOKED HOST KEY DETECTED!               @',
          RULE,
          `The ${label} host key for ${name} is marked as revoked.`,
          'This could mean that a stolen key is being used to',
          'impersonate this host.',
          `Revoked key in ${verdict.entry.file}:${verdict.entry.line}`,
        ].join('\n'),
      );
      return { ok: false, error: `${name}: host key ${fp} is REVOKED (${verdict.entry.file}:${verdict.entry.line}); ${failed}` };
    case 'changed': {
      const e = verdict.entry;
      const first = r.userKnownHostsFiles[0] ?? e.file;
      prompts.notice(
        [
          RULE,
          '@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @',
          RULE,
          'IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!',
          'Someone could be eavesdropping on you right now (man-in-the-middle attack)!',
          'It is also possible that a host key has just been changed.',
          `The fingerprint for the ${label} key sent by the remote host is`,
          `${fp}.`,
          'Please contact your system administrator.',
          `Add correct host key in ${first} to get rid of this message.`,
          `Offending ${keyLabel(e.keyType)} key in ${e.file}:${e.line}`,
          `Host key for ${name} has changed and cosi refuses to connect.`,
          failed,
        ].join('\n'),
      );
      return { ok: false, error: `${name}: REMOTE HOST IDENTIFICATION HAS CHANGED (${label} ${fp}); offending key in ${e.file}:${e.line}` };
    }
    case 'unknown':
      break;
  }
  const others = verdict.otherTypes.length > 0;
  if (r.strictHostKeyChecking === 'yes') {
    prompts.notice(`No ${label} host key is known for ${name} and you have requested strict checking.\n${failed}`);
    return { ok: false, error: `${name}: host key is not known (${label} ${fp}) and StrictHostKeyChecking is yes` };
  }
  if (r.strictHostKeyChecking === 'ask') {
    if (others && !r.batchMode) {
      prompts.notice(`Note: keys of another type (${verdict.otherTypes.join(', ')}) are already known for ${name}.`);
    }
    const shown = ip && ip !== r.hostname ? `${name} (${ip})` : name;
    let answer = r.batchMode
      ? null
      : await prompts.ask(
          `The authenticity of host '${shown}' can't be established.\n${label} key fingerprint is ${fp}.\n` +
            `This key is not known by any other names.\nAre you sure you want to continue connecting (yes/no/[fingerprint])? `,
        );
    for (;;) {
      if (answer === null) {
        return { ok: false, error: `${name}: host key is not known (${label} ${fp}) and there is no terminal to confirm it`, retryOption: 'StrictHostKeyChecking=accept-new' };
      }
      const a = answer.trim();
      if (a.toLowerCase() === 'yes' || a === fp) break;
      if (a.toLowerCase() === 'no') return { ok: false, error: `${name}: host key not accepted. ${failed}` };
      if (a !== fp && a.startsWith('SHA256:')) return { ok: false, error: `${name}: the fingerprint typed does not match ${fp}. ${failed}` };
      answer = await prompts.ask(`Please type 'yes', 'no' or the fingerprint: `);
    }
  }
  const wrote = recordHostKey(r, name, blob);
  if (wrote.ok) prompts.notice(`Warning: Permanently added '${name}' (${label}) to the list of known hosts.`);
  else prompts.notice(`Failed to add the host to the list of known hosts (${wrote.error}).`);
  return { ok: true, added: wrote.ok };
}

/** Appends the key to the first user known_hosts file (hashed when HashKnownHosts yes). */
export function recordHostKey(r: ResolvedSsh, name: string, blob: Buffer): { ok: true; file: string } | { ok: false; error: string } {
  const file = r.userKnownHostsFiles[0];
  if (!file) return { ok: false, error: 'UserKnownHostsFile is none' };
  try {
    const dir = dirname(file);
    if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
    let prefix = '';
    if (existsSync(file) && statSync(file).size > 0) {
      const text = readFileSync(file);
      if (text[text.length - 1] !== 0x0a) prefix = '\n';
    }
    appendFileSync(file, prefix + knownHostsLine(name, blob, r.hashKnownHosts) + '\n', { mode: 0o600 });
    return { ok: true, file };
  } catch (err) {
    return { ok: false, error: `${file}: ${(err as Error).message}` };
  }
}
