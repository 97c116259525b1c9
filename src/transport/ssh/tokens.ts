import { createHash } from 'node:crypto';

/** Values for OpenSSH `%` tokens. */
export interface TokenValues {
  /** %h remote host name (after HostName) */
  host: string;
  /** %n the host as given on the command line */
  originalHost: string;
  /** %p */
  port: number;
  /** %r remote user */
  remoteUser: string;
  /** %u local user */
  localUser: string;
  /** %d local home directory */
  home: string;
  /** %l local host name (fully qualified), %L short */
  localHost: string;
  /** %i local uid */
  uid: number;
  /** %k HostKeyAlias or original host */
  hostKeyAlias?: string;
}

/** Expands `%` tokens the way ssh does for IdentityFile and known hosts files; unknown tokens are kept as typed. */
export function expandTokens(s: string, v: TokenValues): string {
  return s.replace(/%(.)/g, (whole, c: string) => {
    switch (c) {
      case '%':
        return '%';
      case 'h':
        return v.host;
      case 'n':
        return v.originalHost;
      case 'p':
        return String(v.port);
      case 'r':
        return v.remoteUser;
      case 'u':
        return v.localUser;
      case 'd':
        return v.home;
      case 'l':
        return v.localHost;
      case 'L':
        return v.localHost.split('.')[0];
      case 'i':
        return String(v.uid);
      case 'k':
        return v.hostKeyAlias ?? v.originalHost;
      case 'C':
        return createHash('sha1').update(`${v.localHost}${v.host}${v.port}${v.remoteUser}`).digest('hex');
      default:
        return whole;
    }
  });
}

/** `~` and `~/x` become the home directory (ssh does not expand `~user` for us either; it stays as typed). */
export function expandTilde(s: string, home: string): string {
  if (s === '~') return home;
  if (s.startsWith('~/')) return home.replace(/\/$/, '') + s.slice(1);
  return s;
}
