import { existsSync } from 'node:fs';
import { hostname as osHostname, userInfo } from 'node:os';
import { join } from 'node:path';
import type { SshDestination, SshFlags } from './destination.js';
import { parsePort, parseSshDestination, validHostname, validRemoteUser } from './destination.js';
import { splitConfigLine, walkConfig, type ConfigLine } from './config-file.js';
import { evalMatch, type ConfigOptions } from './match.js';
import { matchPatternList } from './patterns.js';
import { expandTilde, expandTokens, type TokenValues } from './tokens.js';

export type StrictHostKeyChecking = 'yes' | 'no' | 'ask' | 'accept-new';

/** Everything needed to open one SSH connection, resolved like `ssh -G`. */
export interface ResolvedSsh {
  /** The host as typed (alias). */
  host: string;
  /** HostName after `%h` expansion, lowercased. */
  hostname: string;
  user: string;
  port: number;
  /** Identity files, `~` and `%` tokens expanded, in the order ssh tries them. */
  identityFiles: string[];
  identitiesOnly: boolean;
  /** Agent socket path, or null when IdentityAgent none / SSH_AUTH_SOCK unset. */
  identityAgent: string | null;
  /** Jump hosts, outermost first (each fully resolved). Empty for a direct connection. */
  jumps: ResolvedSsh[];
  /** ProxyCommand as written (run with /bin/sh; %h %p %r %n expanded at connect time), or null. */
  proxyCommand: string | null;
  /** Raw ProxyJump value as ssh -G prints it, or null. */
  proxyJump: string | null;
  strictHostKeyChecking: StrictHostKeyChecking;
  userKnownHostsFiles: string[];
  globalKnownHostsFiles: string[];
  hashKnownHosts: boolean;
  hostKeyAlias: string | null;
  /** ConnectTimeout in ms, or null (none). */
  connectTimeoutMs: number | null;
  /** ServerAliveInterval seconds as configured (0 = not set; the channel then uses 15). */
  serverAliveInterval: number;
  serverAliveCountMax: number;
  batchMode: boolean;
  passwordAuthentication: boolean;
  kbdInteractiveAuthentication: boolean;
  pubkeyAuthentication: boolean;
  numberOfPasswordPrompts: number;
  /** --sudo, passed through to the probe builder. */
  sudo: boolean;
  /** Non-fatal problems (unreadable -i file, bad config line). */
  warnings: string[];
}

export interface ResolveEnv {
  home: string;
  env: Record<string, string | undefined>;
  /** Local user name (default: os.userInfo()). */
  localUser?: string;
  uid?: number;
  localHost?: string;
  /** System config; default /etc/ssh/ssh_config. Not read when flags.configFile is set. */
  systemConfig?: string;
}

export type ResolveResult = { ok: true; value: ResolvedSsh } | { ok: false; error: string };

const DEFAULT_IDENTITIES = ['id_rsa', 'id_ecdsa', 'id_ecdsa_sk', 'id_ed25519', 'id_ed25519_sk', 'id_xmss', 'id_dsa'];

/** Collected options, first value wins (except the list keywords). */
type Opts = ConfigOptions;
const LIST_KEYWORDS = new Set(['identityfile', 'certificatefile']);

/**
 * Resolves a destination like `ssh -G` does: destination, then flags, then
 * `-o` options, then ~/.ssh/config (or -F FILE), then /etc/ssh/ssh_config;
 * the first value obtained for each keyword wins. Never throws.
 */
export function resolveSshConfig(dest: SshDestination | string, flags: SshFlags, env: ResolveEnv): ResolveResult {
  return resolveDepth(dest, flags, env, 0);
}

function resolveDepth(destIn: SshDestination | string, flags: SshFlags, env: ResolveEnv, depth: number): ResolveResult {
  let dest: SshDestination;
  if (typeof destIn === 'string') {
    const d = parseSshDestination(destIn);
    if (!d.ok) return d;
    dest = d.value;
  } else dest = destIn;
  // Typed names go into %h %n %r of a ProxyCommand run by sh: refused like OpenSSH does (CVE-2023-51385).
  if (!validHostname(dest.host)) return { ok: false, error: `host name contains invalid characters: ${dest.host}` };
  for (const u of [dest.user, flags.user]) {
    if (u !== undefined && !validRemoteUser(u)) return { ok: false, error: `remote user name contains invalid characters: ${u}` };
  }
  const warnings: string[] = [];
  const home = env.home;
  const localUser = env.localUser ?? safeUser();
  const opts: Opts = new Map();
  const set = (k: string, args: string[]) => {
    if (LIST_KEYWORDS.has(k)) {
      const cur = opts.get(k) ?? [];
      for (const a of args) if (!cur.includes(a)) cur.push(a);
      opts.set(k, cur);
    } else if (!opts.has(k)) opts.set(k, args);
  };
  if (dest.user !== undefined) set('user', [dest.user]);
  if (dest.port !== undefined) set('port', [String(dest.port)]);
  if (flags.user !== undefined) set('user', [flags.user]);
  if (flags.port !== undefined) set('port', [String(flags.port)]);
  if (flags.proxyJump !== undefined) set('proxyjump', [flags.proxyJump]);
  for (const f of flags.identityFiles ?? []) {
    const p = expandTilde(f, home);
    if (!existsSync(p)) warnings.push(`Warning: Identity file ${f} not accessible: No such file or directory.`);
    else set('identityfile', [f]);
  }
  for (const o of flags.options ?? []) {
    const sp = splitConfigLine(o);
    if (!sp || sp.keyword === '' || sp.keyword === 'host' || sp.keyword === 'match' || sp.keyword === 'include') {
      return { ok: false, error: `bad -o option: ${o}` };
    }
    set(sp.keyword, sp.keyword === 'proxycommand' ? [sp.raw] : sp.args);
  }
  const matcher = (keyword: 'host' | 'match', args: string[]): boolean => {
    if (keyword === 'host') return matchPatternList(dest.host, args);
    return evalMatch(args, dest.host, opts, localUser);
  };
  const onLine = (l: ConfigLine) => set(l.keyword, l.keyword === 'proxycommand' ? [l.raw] : l.args);
  const warn = (m: string) => warnings.push(m);
  const sshDir = join(home, '.ssh');
  if (flags.configFile !== undefined) {
    const f = expandTilde(flags.configFile, home);
    if (!existsSync(f)) return { ok: false, error: `cannot read ssh config ${flags.configFile}: no such file` };
    walkConfig(f, home, sshDir, matcher, onLine, warn);
  } else {
    walkConfig(join(sshDir, 'config'), home, sshDir, matcher, onLine, warn);
    walkConfig(env.systemConfig ?? '/etc/ssh/ssh_config', home, '/etc/ssh', matcher, onLine, warn);
  }

  const one = (k: string): string | undefined => opts.get(k)?.[0];
  const yesNo = (k: string, dflt: boolean): boolean => {
    const v = one(k)?.toLowerCase();
    if (v === undefined) return dflt;
    return v === 'yes' || v === 'true';
  };
  const user = one('user') ?? localUser;
  const portText = one('port');
  let port = 22;
  if (portText !== undefined) {
    const p = parsePort(portText);
    if (p === null) return { ok: false, error: `bad port "${portText}"` };
    port = p;
  }
  const hostnameRaw = one('hostname');
  const hostname = (hostnameRaw === undefined ? dest.host : hostnameRaw.replace(/%(.)/g, (w, c: string) => (c === 'h' ? dest.host : c === '%' ? '%' : w))).toLowerCase();
  const hostKeyAlias = one('hostkeyalias') ?? null;
  const tv: TokenValues = {
    host: hostname,
    originalHost: dest.host,
    port,
    remoteUser: user,
    localUser,
    home,
    localHost: env.localHost ?? osHostname(),
    uid: env.uid ?? (process.getuid ? process.getuid() : 0),
    hostKeyAlias: hostKeyAlias ?? undefined,
  };
  const pathOf = (p: string) => expandTilde(expandTokens(p, tv), home);
  const idRaw = opts.get('identityfile') ?? DEFAULT_IDENTITIES.map((n) => `~/.ssh/${n}`);
  const identityFiles = idRaw.filter((p) => p.toLowerCase() !== 'none').map(pathOf);

  let identityAgent: string | null = env.env.SSH_AUTH_SOCK ?? null;
  const ia = one('identityagent');
  if (ia !== undefined) {
    if (ia.toLowerCase() === 'none') identityAgent = null;
    else if (ia === 'SSH_AUTH_SOCK') identityAgent = env.env.SSH_AUTH_SOCK ?? null;
    else if (ia.startsWith('$')) identityAgent = env.env[ia.slice(1)] ?? null;
    else identityAgent = pathOf(ia.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_w, n: string) => env.env[n] ?? ''));
  }

  const shkRaw = (one('stricthostkeychecking') ?? 'ask').toLowerCase();
  const shkMap: Record<string, StrictHostKeyChecking> = { yes: 'yes', true: 'yes', no: 'no', off: 'no', false: 'no', ask: 'ask', 'accept-new': 'accept-new' };
  const strictHostKeyChecking = shkMap[shkRaw];
  if (!strictHostKeyChecking) return { ok: false, error: `bad StrictHostKeyChecking value "${shkRaw}"` };

  const filesOf = (k: string, dflt: string[]): string[] => {
    const v = opts.get(k);
    if (!v) return dflt.map(pathOf);
    if (v.length === 1 && v[0].toLowerCase() === 'none') return [];
    return v.map(pathOf);
  };
  const userKnownHostsFiles = filesOf('userknownhostsfile', ['~/.ssh/known_hosts', '~/.ssh/known_hosts2']);
  const globalKnownHostsFiles = filesOf('globalknownhostsfile', ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2']);

  const seconds = (k: string): number | null | 'bad' => {
    const v = one(k);
    if (v === undefined || v.toLowerCase() === 'none') return null;
    if (!/^\d+$/.test(v)) return 'bad';
    return Number(v);
  };
  const ct = seconds('connecttimeout');
  if (ct === 'bad') return { ok: false, error: `bad ConnectTimeout "${one('connecttimeout')}"` };
  const sai = seconds('serveraliveinterval');
  if (sai === 'bad') return { ok: false, error: `bad ServerAliveInterval "${one('serveraliveinterval')}"` };
  const sac = seconds('serveralivecountmax');
  if (sac === 'bad') return { ok: false, error: `bad ServerAliveCountMax "${one('serveralivecountmax')}"` };
  const npp = seconds('numberofpasswordprompts');

  // ProxyJump and ProxyCommand: whichever came first wins (opts keeps first values; flags come first).
  let proxyJump = one('proxyjump') ?? null;
  let proxyCommand = opts.has('proxycommand') ? opts.get('proxycommand')!.join(' ') : null;
  if (proxyJump !== null && proxyJump.toLowerCase() === 'none') proxyJump = null;
  if (proxyCommand !== null && proxyCommand.toLowerCase() === 'none') proxyCommand = null;
  // Both set: prefer the jump, which cosi can follow itself.
  if (proxyJump !== null) proxyCommand = null;

  // A jump through the host itself (same name, port and user): ssh refuses ("jumphost loop"); for a hop, the setting is ignored.
  if (proxyJump !== null && proxyJump.split(',').some((h) => isSelf(h, dest.host, port, user))) {
    if (depth === 0) return { ok: false, error: `jumphost loop via ${dest.host}` };
    proxyJump = null;
  }
  const jumps: ResolvedSsh[] = [];
  if (proxyJump !== null) {
    if (depth > 8) return { ok: false, error: 'ProxyJump chain too long (loop in ssh config?)' };
    const hops = proxyJump.split(',');
    for (let i = 0; i < hops.length; i++) {
      const d = parseSshDestination(hops[i]);
      if (!d.ok) return { ok: false, error: `bad ProxyJump "${proxyJump}": ${d.error}` };
      // The first hop keeps its own ProxyJump from the config; later hops are reached through the previous one.
      // Like ssh's -J, hops get the same config file; cosi also hands them the -o options.
      const hopFlags: SshFlags = { configFile: flags.configFile, options: flags.options };
      if (i > 0) hopFlags.proxyJump = 'none';
      const r = resolveDepth(d.value, hopFlags, env, depth + 1);
      if (!r.ok) return { ok: false, error: `jump host ${hops[i]}: ${r.error}` };
      if (i === 0) jumps.push(...r.value.jumps);
      jumps.push({ ...r.value, jumps: [] });
    }
  }

  return {
    ok: true,
    value: {
      host: dest.host,
      hostname,
      user,
      port,
      identityFiles,
      identitiesOnly: yesNo('identitiesonly', false),
      identityAgent,
      jumps,
      proxyCommand,
      proxyJump,
      strictHostKeyChecking,
      userKnownHostsFiles,
      globalKnownHostsFiles,
      hashKnownHosts: yesNo('hashknownhosts', false),
      hostKeyAlias,
      connectTimeoutMs: ct === null ? null : ct * 1000,
      serverAliveInterval: sai ?? 0,
      serverAliveCountMax: sac ?? 3,
      batchMode: yesNo('batchmode', false),
      passwordAuthentication: yesNo('passwordauthentication', true),
      kbdInteractiveAuthentication: yesNo('kbdinteractiveauthentication', yesNo('challengeresponseauthentication', true)),
      pubkeyAuthentication: yesNo('pubkeyauthentication', true),
      numberOfPasswordPrompts: npp === null || npp === 'bad' ? 3 : npp,
      sudo: flags.sudo === true,
      warnings,
    },
  };
}

function isSelf(spec: string, host: string, port: number, user: string): boolean {
  const d = parseSshDestination(spec);
  return d.ok && d.value.host === host && (d.value.port ?? 22) === port && (d.value.user ?? user) === user;
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'root';
  }
}
