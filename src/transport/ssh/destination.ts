/** Where to connect, as typed by the user: `host`, `user@host`, `user@host:port`, `ssh://user@host:port`, `[v6]:port`. */
export interface SshDestination {
  user?: string;
  host: string;
  port?: number;
}

/** The ssh(1)-style flags cosi accepts next to a destination. */
export interface SshFlags {
  /** `-i FILE`, repeatable; tried before the config's IdentityFile entries. */
  identityFiles?: string[];
  /** `-J jump[,jump2]`; `none` disables a configured ProxyJump. */
  proxyJump?: string;
  /** `-p PORT` */
  port?: number;
  /** `-l USER` */
  user?: string;
  /** `-F FILE`: this config instead of ~/.ssh/config and /etc/ssh/ssh_config. */
  configFile?: string;
  /** `-o Key=Value`, in order given (first wins, as in ssh). */
  options?: string[];
  /** `--sudo`: root-only sections run through `sudo -n` (handled by the probe builder). */
  sudo?: boolean;
}

export type DestinationResult = { ok: true; value: SshDestination } | { ok: false; error: string };

/** Parses a destination. Never throws: bad input gives a one-line error. */
export function parseSshDestination(text: string): DestinationResult {
  let s = text.trim();
  if (s === '') return { ok: false, error: 'empty destination' };
  let uri = false;
  if (/^ssh:\/\//i.test(s)) {
    uri = true;
    s = s.slice(6);
    if (s.endsWith('/')) s = s.slice(0, -1);
    if (s.includes('/')) return { ok: false, error: `ssh:// destination must not have a path: ${text}` };
  }
  let user: string | undefined;
  const at = s.lastIndexOf('@');
  if (at >= 0) {
    user = s.slice(0, at);
    s = s.slice(at + 1);
    if (uri) user = safeDecode(user);
    if (user === '') return { ok: false, error: `empty user name in ${text}` };
  }
  let host = s;
  let port: number | undefined;
  const v6 = /^\[([^\]]+)\](?::(.*))?$/.exec(s);
  if (v6) {
    host = v6[1];
    if (v6[2] !== undefined) {
      const p = parsePort(v6[2]);
      if (p === null) return { ok: false, error: `bad port "${v6[2]}" in ${text}` };
      port = p;
    }
  } else {
    const colon = s.indexOf(':');
    // host:port only when there is exactly one colon (a bare IPv6 address has several).
    if (colon >= 0 && s.indexOf(':', colon + 1) < 0) {
      host = s.slice(0, colon);
      const p = parsePort(s.slice(colon + 1));
      if (p === null) return { ok: false, error: `bad port "${s.slice(colon + 1)}" in ${text}` };
      port = p;
    }
  }
  if (host === '') return { ok: false, error: `no host name in ${text}` };
  if (/[\s\u0000-\u001f\u007f]/.test(host)) return { ok: false, error: `host name has spaces or control characters: ${JSON.stringify(host)}` };
  if (host.startsWith('-')) return { ok: false, error: `host name must not start with "-": ${host}` };
  if (user !== undefined && /[\u0000-\u001f\u007f]/.test(user)) return { ok: false, error: `user name has control characters: ${JSON.stringify(user)}` };
  return { ok: true, value: { user, host, port } };
}

/**
 * OpenSSH's rule for a host name typed by the user (valid_hostname in its misc.c): no leading
 * `-`, no quote, `$`, `\`, `;`, `&`, `<`, `>`, `|`, parentheses, braces or comma, no space or
 * control character. It is checked before any `%h` expansion: a ProxyCommand runs through sh.
 */
export function validHostname(s: string): boolean {
  return !s.startsWith('-') && !/[\s\u0000-\u001f\u007f'`"$\\;&<>|(){},]/.test(s);
}

/**
 * OpenSSH's rule for a remote user name typed by the user (valid_ruser): no leading `-`, no
 * control character, quote, `;`, `&`, `<`, `>`, `|`, parentheses or braces, no `-` after a space,
 * no `\` at the end. (`$` is allowed, as for Samba machine accounts: `%r` is quoted anyway.)
 */
export function validRemoteUser(s: string): boolean {
  return !s.startsWith('-') && !/[\u0000-\u001f\u007f'`";&<>|(){}]|\s-|\\$/.test(s);
}

/** Port numbers 1..65535; null for anything else. */
export function parsePort(s: string): number | null {
  if (!/^\d{1,5}$/.test(s)) return null;
  const n = Number(s);
  return n >= 1 && n <= 65535 ? n : null;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export type FlagsResult =
  | { ok: true; flags: SshFlags; rest: string[] }
  | { ok: false; error: string };

/**
 * Takes the ssh flags (-i -J -p -l -F -o --sudo) out of an argument list and
 * returns the rest in order (the destination and cosi's own flags).
 * Accepts `-p 22`, `-p22`, and `--sudo`.
 */
export function takeSshFlags(argv: readonly string[]): FlagsResult {
  const flags: SshFlags = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--sudo') {
      flags.sudo = true;
      continue;
    }
    const m = /^-([iJplFo])(.*)$/.exec(a);
    if (!m) {
      rest.push(a);
      continue;
    }
    const letter = m[1];
    let value = m[2];
    if (value === '') {
      if (i + 1 >= argv.length) return { ok: false, error: `option -${letter} needs a value` };
      value = argv[++i];
    }
    switch (letter) {
      case 'i':
        (flags.identityFiles ??= []).push(value);
        break;
      case 'J':
        if (flags.proxyJump === undefined) flags.proxyJump = value;
        break;
      case 'p': {
        const p = parsePort(value);
        if (p === null) return { ok: false, error: `bad port "${value}" for -p` };
        if (flags.port === undefined) flags.port = p;
        break;
      }
      case 'l':
        if (value === '') return { ok: false, error: 'empty user name for -l' };
        if (flags.user === undefined) flags.user = value;
        break;
      case 'F':
        flags.configFile = value;
        break;
      case 'o':
        if (!/^\s*[A-Za-z]+\s*[= ]/.test(value)) return { ok: false, error: `bad -o option "${value}" (want Key=Value)` };
        (flags.options ??= []).push(value);
        break;
    }
  }
  return { ok: true, flags, rest };
}
