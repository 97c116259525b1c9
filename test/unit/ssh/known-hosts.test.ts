import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkHostKey,
  entryMatchesHost,
  fingerprintSha256,
  hashHostName,
  hostKeyName,
  keyTypeOf,
  knownHostsLine,
  knownKeyTypes,
  parseKnownHosts,
} from '../../../src/transport/ssh/known-hosts.js';

const fx = (f: string) => readFileSync(join(__dirname, 'fixtures', f), 'utf8');
// Real keys from ssh-keygen; *.fp is `ssh-keygen -lf` output for them.
const k1 = fx('k1.pub').trim().split(' ');
const k2 = fx('k2.pub').trim().split(' ');
const blob1 = Buffer.from(k1[1], 'base64');
const blob2 = Buffer.from(k2[1], 'base64');

describe('fingerprints', () => {
  it('match ssh-keygen -lf', () => {
    expect(fingerprintSha256(blob1)).toBe(fx('k1.fp').split(' ')[1]);
    expect(fingerprintSha256(blob2)).toBe(fx('k2.fp').split(' ')[1]);
    expect(keyTypeOf(blob1)).toBe('ssh-ed25519');
    expect(keyTypeOf(blob2)).toBe('ssh-rsa');
  });
});

describe('parseKnownHosts', () => {
  it('reads markers, skips comments and bad lines with their line numbers kept', () => {
    const text = [
      '# comment',
      '',
      `host1,10.0.0.1 ${k1[0]} ${k1[1]} me@laptop`,
      'garbage line',
      `@revoked * ${k2[0]} ${k2[1]}`,
      `@cert-authority *.example ${k1[0]} ${k1[1]}`,
      `@unknown-marker x ${k1[0]} ${k1[1]}`,
      `host2 ssh-ed25519 not*base64`,
    ].join('\n');
    const e = parseKnownHosts(text, 'kh');
    expect(e.map((x) => [x.line, x.marker, x.hosts, x.keyType])).toEqual([
      [3, null, 'host1,10.0.0.1', 'ssh-ed25519'],
      [5, 'revoked', '*', 'ssh-rsa'],
      [6, 'cert-authority', '*.example', 'ssh-ed25519'],
    ]);
    expect(e[0].key.equals(blob1)).toBe(true);
  });
});

describe('entryMatchesHost', () => {
  it('plain names, comma lists, wildcards and negation', () => {
    expect(entryMatchesHost('host1,10.0.0.1', 'host1')).toBe(true);
    expect(entryMatchesHost('host1,10.0.0.1', '10.0.0.1')).toBe(true);
    expect(entryMatchesHost('host1', 'host2')).toBe(false);
    expect(entryMatchesHost('*.lab,!bad.lab', 'n1.lab')).toBe(true);
    expect(entryMatchesHost('*.lab,!bad.lab', 'bad.lab')).toBe(false);
    expect(entryMatchesHost('10.0.0.?', '10.0.0.7')).toBe(true);
    expect(entryMatchesHost('HOST1', 'host1')).toBe(true);
  });

  it('[host]:port names only match the port-qualified form', () => {
    expect(hostKeyName('node7', 22)).toBe('node7');
    expect(hostKeyName('node7', 2222)).toBe('[node7]:2222');
    expect(entryMatchesHost('[node7]:2222', '[node7]:2222')).toBe(true);
    expect(entryMatchesHost('[node7]:2222', 'node7')).toBe(false);
    expect(entryMatchesHost('node7', '[node7]:2222')).toBe(false);
  });

  it('hashed entries written by ssh-keygen -H', () => {
    const e = parseKnownHosts(fx('hashed_known_hosts'), 'h');
    expect(e).toHaveLength(2);
    expect(entryMatchesHost(e[0].hosts, 'host.example')).toBe(true);
    expect(entryMatchesHost(e[0].hosts, 'other.example')).toBe(false);
    expect(entryMatchesHost(e[1].hosts, '[node7]:2222')).toBe(true);
    expect(entryMatchesHost(e[1].hosts, 'node7')).toBe(false);
  });

  it('our hashed names match our own check and have the |1| format', () => {
    const h = hashHostName('[10.1.2.3]:2200');
    expect(h).toMatch(/^\|1\|[A-Za-z0-9+/]{27}=\|[A-Za-z0-9+/]{27}=$/);
    expect(entryMatchesHost(h, '[10.1.2.3]:2200')).toBe(true);
    expect(entryMatchesHost(h, '10.1.2.3')).toBe(false);
  });
});

describe('checkHostKey', () => {
  const kh = (lines: string[]) => parseKnownHosts(lines.join('\n'), '/home/u/.ssh/known_hosts');

  it('known when the same key is filed under the name', () => {
    const v = checkHostKey(kh([`other ${k2[0]} ${k2[1]}`, `node7 ${k1[0]} ${k1[1]}`]), ['node7'], blob1);
    expect(v.kind).toBe('known');
  });

  it('changed when another key of the same type is filed, naming file and line', () => {
    const other = Buffer.from(blob1);
    other[other.length - 1] ^= 1;
    const v = checkHostKey(kh(['# c', `node7 ${k1[0]} ${k1[1]}`]), ['node7'], other);
    expect(v.kind).toBe('changed');
    if (v.kind === 'changed') expect([v.entry.file, v.entry.line]).toEqual(['/home/u/.ssh/known_hosts', 2]);
  });

  it('unknown (with the other known types) when only another key type is filed', () => {
    const v = checkHostKey(kh([`node7 ${k2[0]} ${k2[1]}`]), ['node7'], blob1);
    expect(v).toEqual({ kind: 'unknown', otherTypes: ['ssh-rsa'] });
  });

  it('revoked wins even over a matching entry', () => {
    const v = checkHostKey(kh([`node7 ${k1[0]} ${k1[1]}`, `@revoked * ${k1[0]} ${k1[1]}`]), ['node7'], blob1);
    expect(v.kind).toBe('revoked');
  });

  it('cert-authority lines are not host keys', () => {
    const v = checkHostKey(kh([`@cert-authority node7 ${k1[0]} ${k1[1]}`]), ['node7'], blob1);
    expect(v).toEqual({ kind: 'unknown', otherTypes: [] });
  });

  it('a key filed for port 22 does not vouch for another port', () => {
    const v = checkHostKey(kh([`node7 ${k1[0]} ${k1[1]}`]), ['[node7]:2222'], blob1);
    expect(v.kind).toBe('unknown');
  });

  it('knownKeyTypes lists the types filed for the host', () => {
    expect(knownKeyTypes(kh([`node7 ${k2[0]} ${k2[1]}`, `x ${k1[0]} ${k1[1]}`]), ['node7'])).toEqual(['ssh-rsa']);
  });

  it('knownHostsLine writes a line that reads back as known', () => {
    for (const hashed of [false, true]) {
      const line = knownHostsLine('[h]:2200', blob1, hashed);
      expect(line.startsWith(hashed ? '|1|' : '[h]:2200 ')).toBe(true);
      expect(checkHostKey(parseKnownHosts(line, 'f'), ['[h]:2200'], blob1).kind).toBe('known');
    }
  });
});
