import type { EnginesDiscovery } from '../../parsers/engines-discovery.js';
import { sanitize } from '../../parsers/sanitize.js';
import type { EngineKind, EngineStatus } from './types.js';
import type { EngineFailure } from '../snapshot/engine-failure.js';

export interface PlanOptions {
  /** `--engine PATH`, repeatable: sockets the user names beyond the well-known ones. */
  engines?: string[];
  /** `--sudo`: root-only sockets are read through `sudo -n` in the shell. */
  sudo?: boolean;
  /**
   * How sockets can be reached: 'socket' = a stream to the unix socket
   * (`--local`: net.connect; ssh: streamlocal forwarding), 'shell' = only
   * the remote shell (`--via`): docker CLI or curl there.
   */
  reach: 'socket' | 'shell';
  /** `--host-root DIR`: the host's sockets are opened under DIR (/var/run as /run: often an absolute link). */
  hostRoot?: string;
}

/** How one engine is read this tick. */
export type EngineMethod =
  /** Docker Engine API over a stream to the socket. */
  | { kind: 'api' }
  /** A script in the shell: `[sudo -n] docker -H unix://SOCK ...` or `[sudo -n] curl --unix-socket SOCK`. */
  | { kind: 'cli' | 'curl'; tool: string; sudo: boolean }
  /** Not read: `status` says why. */
  | { kind: 'none' };

export interface EnginePlanEntry {
  socket: string;
  name: string;
  kind: EngineKind;
  method: EngineMethod;
  /** Set when the engine is not read this tick (method none). */
  status: EngineStatus | null;
  /** Why it is not read (method none). */
  failure: EngineFailure | null;
  /**
   * For API entries: the shell way to read the same socket when the stream
   * cannot be opened (an SSH server with AllowStreamLocalForwarding no says
   * only "open failed"; the CLI then tells the real reason or just works).
   */
  fallback?: EngineMethod;
  /** Where the stream or the shell's tool opens the socket when that is not `socket` (--host-root). */
  at?: string;
}

/** The path the socket is opened at: under the host root when there is one. */
export function socketAt(e: Pick<EnginePlanEntry, 'socket' | 'at'>): string {
  return e.at ?? e.socket;
}

/** Well-known sockets, in the order engines are shown; /var/run is /run on every current distro. */
const KNOWN: { re: RegExp; kind: EngineKind; name: (m: RegExpExecArray) => string }[] = [
  { re: /^\/run\/docker\.sock$/, kind: 'docker', name: () => 'docker' },
  { re: /^\/run\/system-docker\.sock$/, kind: 'system-docker', name: () => 'system-docker' },
  { re: /^\/run\/podman\/podman\.sock$/, kind: 'podman', name: () => 'podman' },
  { re: /^\/run\/user\/(\d+)\/podman\/podman\.sock$/, kind: 'podman', name: (m) => `podman (uid ${m[1]})` },
];

/** "/var/run/x.sock" and "/run/x.sock" are one socket. */
export function socketKey(path: string): string {
  const p = path.replace(/\/+/g, '/');
  return p.startsWith('/var/run/') ? p.slice(4) : p;
}

/** Name and kind of a socket: "system-docker" for /var/run/system-docker.sock, the path itself when unknown. */
export function labelSocket(path: string): { name: string; kind: EngineKind } {
  const key = socketKey(path);
  for (const k of KNOWN) {
    const m = k.re.exec(key);
    if (m) return { name: k.name(m), kind: k.kind };
  }
  const base = key.slice(key.lastIndexOf('/') + 1);
  const kind: EngineKind = base === 'system-docker.sock' ? 'system-docker' : base.startsWith('podman') ? 'podman' : base === 'docker.sock' ? 'docker' : 'other';
  return { name: sanitize(path), kind };
}

/** `systemctl is-active` answers: anything else (empty: no bus, no permission) is unknown. */
const RUNNING = new Set(['active', 'reloading']);
const NOT_LISTENING = new Set(['inactive', 'failed']);
const KNOWN_STATES = new Set([...RUNNING, ...NOT_LISTENING, 'activating', 'deactivating', 'maintenance', 'refreshing']);

/**
 * On a systemd host, whether opening the socket could start its daemon. systemd starts the daemon
 * when its socket unit is listening and the service is not running (Fedora CoreOS, Flatcar; rootless
 * podman's user units). Fail closed: a state cosi could not read or does not know is 'unknown', and
 * the socket is not opened. Sockets without a unit pair of their own (system-docker, --engine) and
 * hosts without systemd are 'safe'.
 */
function activation(kind: EngineKind, key: string, discovery: EnginesDiscovery | null): 'safe' | 'socket-activated' | 'unknown' {
  if (!discovery) return 'safe';
  const systemd = discovery.init !== undefined ? discovery.init === 'systemd' : Object.keys(discovery.units).length > 0;
  if (!systemd) return 'safe';
  let units: Record<string, string> | undefined;
  if (kind === 'docker' && key === '/run/docker.sock') units = discovery.units;
  else if (kind === 'podman' && key === '/run/podman/podman.sock') units = discovery.units;
  else {
    const uid = /^\/run\/user\/(\d+)\/podman\/podman\.sock$/.exec(key)?.[1];
    if (uid === undefined) return 'safe';
    units = discovery.userUnits?.[uid] ?? {};
  }
  const [sockUnit, svcUnit] = kind === 'docker' ? ['docker.socket', 'docker.service'] : ['podman.socket', 'podman.service'];
  const sock = units[sockUnit] ?? '';
  const svc = units[svcUnit] ?? '';
  if (!KNOWN_STATES.has(sock) || !KNOWN_STATES.has(svc)) return 'unknown';
  if (RUNNING.has(svc) || NOT_LISTENING.has(sock)) return 'safe';
  return 'socket-activated';
}

/** The shell tool that reads this engine: the docker CLI (or system-docker's own), else curl. */
function shellTool(kind: EngineKind, tools: Record<string, string>): { kind: 'cli' | 'curl'; tool: string } | null {
  if (tools.docker) return { kind: 'cli', tool: tools.docker };
  if (kind === 'system-docker' && tools['system-docker']) return { kind: 'cli', tool: tools['system-docker'] };
  if (tools.curl) return { kind: 'curl', tool: tools.curl };
  return null;
}

/**
 * Decides, per socket, whether and how cosi reads it this tick. Pure.
 * Order: discovered sockets (docker, system-docker, podman, rootless podman),
 * then `--engine` paths not already listed.
 */
export function planEngines(discovery: EnginesDiscovery | null, opts: PlanOptions): EnginePlanEntry[] {
  const sockets = discovery?.sockets ?? [];
  const tools = discovery?.tools ?? {};
  const seen = new Map<string, { path: string; access: 'rw' | 'denied' | 'unknown' }>();
  for (const s of sockets) if (!seen.has(socketKey(s.path))) seen.set(socketKey(s.path), { path: s.path, access: s.access });
  for (const p of opts.engines ?? []) if (!seen.has(socketKey(p))) seen.set(socketKey(p), { path: p, access: 'unknown' });

  const rank = (key: string) => {
    const i = KNOWN.findIndex((k) => k.re.test(key));
    return i < 0 ? KNOWN.length : i;
  };
  const entries = [...seen.entries()].sort((a, b) => rank(a[0]) - rank(b[0]));

  return entries.map(([key, s]) => {
    const { name, kind } = labelSocket(s.path);
    const root = (opts.hostRoot ?? '').replace(/\/+$/, '');
    const base = { socket: sanitize(s.path), name, kind, ...(root ? { at: root + key } : {}) };
    const act = activation(kind, key, discovery);
    if (act === 'socket-activated') {
      return { ...base, method: { kind: 'none' }, status: 'socket-activated', failure: { code: 'socket-activated' } };
    }
    if (act === 'unknown') {
      return { ...base, method: { kind: 'none' }, status: 'unknown', failure: { code: 'unit-unknown' } };
    }
    const denied = s.access === 'denied';
    if (opts.reach === 'socket' && !denied) {
      const alt = shellTool(kind, tools);
      return { ...base, method: { kind: 'api' }, status: null, failure: null, ...(alt ? { fallback: { ...alt, sudo: false } } : {}) };
    }
    if (denied && !opts.sudo) {
      return { ...base, method: { kind: 'none' }, status: 'permission-denied', failure: { code: 'permission-denied' } };
    }
    if (denied && !tools.sudo) {
      return { ...base, method: { kind: 'none' }, status: 'error', failure: { code: 'no-sudo' } };
    }
    const tool = shellTool(kind, tools);
    if (!tool) {
      return { ...base, method: { kind: 'none' }, status: 'error', failure: { code: 'no-tool' } };
    }
    return { ...base, method: { ...tool, sudo: denied && opts.sudo === true }, status: null, failure: null };
  });
}
