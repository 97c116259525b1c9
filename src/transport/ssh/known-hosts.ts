import { createHash, createHmac, randomBytes } from 'node:crypto';
import { matchPatternList } from './patterns.js';

/** One parsed known_hosts line. */
export interface KnownHostEntry {
  file: string;
  line: number;
  marker: 'revoked' | 'cert-authority' | null;
  /** Comma list of patterns, or one hashed `|1|salt|hash` entry. */
  hosts: string;
  keyType: string;
  /** The key blob (SSH wire format). */
  key: Buffer;
}

/** Parses a known_hosts file; bad lines are skipped (ssh ignores them too). Never throws. */
export function parseKnownHosts(text: string, file: string): KnownHostEntry[] {
  const out: KnownHostEntry[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i].replace(/\r$/, '').trim();
    if (l === '' || l.startsWith('#')) continue;
    const f = l.split(/\s+/);
    let marker: KnownHostEntry['marker'] = null;
    if (f[0].startsWith('@')) {
      if (f[0] === '@revoked') marker = 'revoked';
      else if (f[0] === '@cert-authority') marker = 'cert-authority';
      else continue;
      f.shift();
    }
    if (f.length < 3) continue;
    const key = decodeBase64(f[2]);
    if (!key || key.length < 8) continue;
    out.push({ file, line: i + 1, marker, hosts: f[0], keyType: f[1], key });
  }
  return out;
}

function decodeBase64(s: string): Buffer | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(s)) return null;
  return Buffer.from(s, 'base64');
}

/** The name ssh looks up: `host` on port 22, `[host]:port` otherwise. */
export function hostKeyName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** `|1|salt|hash` for a name (HashKnownHosts). */
export function hashHostName(name: string, salt: Buffer = randomBytes(20)): string {
  const h = createHmac('sha1', salt).update(name).digest();
  return `|1|${salt.toString('base64')}|${h.toString('base64')}`;
}

/** True when the entry's host field names `name` (hashed or pattern list with `!`). */
export function entryMatchesHost(hosts: string, name: string): boolean {
  if (hosts.startsWith('|1|')) {
    const parts = hosts.split('|');
    if (parts.length !== 4) return false;
    const salt = Buffer.from(parts[2], 'base64');
    const want = Buffer.from(parts[3], 'base64');
    const got = createHmac('sha1', salt).update(name).digest();
    return want.length === got.length && want.equals(got);
  }
  return matchPatternList(name.toLowerCase(), hosts.split(','));
}

/** The key type named inside a wire-format key blob ("ssh-ed25519", ...). */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) return '';
  const n = blob.readUInt32BE(0);
  if (n > 64 || 4 + n > blob.length) return '';
  return blob.subarray(4, 4 + n).toString('latin1');
}

/** OpenSSH's fingerprint: `SHA256:` + unpadded base64 of sha256(blob). */
export function fingerprintSha256(blob: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(blob).digest('base64').replace(/=+$/, '');
}

/** "ED25519", "ECDSA", "RSA" as ssh names the key in its messages. */
export function keyLabel(type: string): string {
  if (type === 'ssh-ed25519') return 'ED25519';
  if (type.startsWith('ecdsa-')) return 'ECDSA';
  if (type === 'ssh-rsa' || type.startsWith('rsa-')) return 'RSA';
  if (type === 'ssh-dss') return 'DSA';
  if (type.startsWith('sk-ssh-ed25519')) return 'ED25519-SK';
  if (type.startsWith('sk-ecdsa')) return 'ECDSA-SK';
  return type.toUpperCase();
}

export type HostKeyVerdict =
  | { kind: 'known'; entry: KnownHostEntry }
  | { kind: 'revoked'; entry: KnownHostEntry }
  | { kind: 'changed'; entry: KnownHostEntry }
  | { kind: 'unknown'; otherTypes: string[] };

/**
 * Checks a server key against known_hosts entries for any of `names`
 * (the first is the primary `[host]:port` name). A `@revoked` entry with the
 * same key always wins; then an exact match; then an entry of the same type
 * with another key is a CHANGED key; otherwise the host is unknown.
 */
export function checkHostKey(entries: readonly KnownHostEntry[], names: readonly string[], blob: Buffer): HostKeyVerdict {
  const type = keyTypeOf(blob);
  for (const e of entries) if (e.marker === 'revoked' && e.key.equals(blob)) return { kind: 'revoked', entry: e };
  const plain = entries.filter((e) => e.marker === null && names.some((n) => entryMatchesHost(e.hosts, n)));
  const same = plain.find((e) => e.key.equals(blob));
  if (same) return { kind: 'known', entry: same };
  const changed = plain.find((e) => e.keyType === type || keyTypeOf(e.key) === type);
  if (changed) return { kind: 'changed', entry: changed };
  return { kind: 'unknown', otherTypes: [...new Set(plain.map((e) => e.keyType))] };
}

/** Key types already known for the host, to put first in the host key algorithm offer (as ssh does). */
export function knownKeyTypes(entries: readonly KnownHostEntry[], names: readonly string[]): string[] {
  const out: string[] = [];
  for (const e of entries) {
    if (e.marker !== null) continue;
    if (!names.some((n) => entryMatchesHost(e.hosts, n))) continue;
    if (!out.includes(e.keyType)) out.push(e.keyType);
  }
  return out;
}

/** The line ssh appends for a newly accepted key. */
export function knownHostsLine(name: string, blob: Buffer, hashed: boolean): string {
  const host = hashed ? hashHostName(name) : name;
  return `${host} ${keyTypeOf(blob)} ${blob.toString('base64')}`;
}
