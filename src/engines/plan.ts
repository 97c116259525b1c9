import type { EnginesDiscovery } from '../../parsers/engines-discovery.js';
import { sanitize } from '../../parsers/sanitize.js';
import type { EngineKind, EngineStatus } from './types.js';
import { MESSAGES } from './errors.js';

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
  message: string | null;
  /**
   * For API entries: the shell way to read the same socket when the stream
   * cannot be opened (an SSH server with AllowStreamLocalForwarding no says
   * only "open failed"; the CLI then tells the real reason or just works).
   */
  fallback?: EngineMethod;
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

/**
 * systemd starts the daemon when its socket unit is active and the service
 * is not: connecting would change the host (Fedora CoreOS, Flatcar).
 */
function socketActivated(kind: EngineKind, key: string, units: Record<string, string>): boolean {
  const pair =
    kind === 'docker' && key === '/run/docker.sock'
      ? ['docker.socket', 'docker.service']
      : kind === 'podman' && key === '/run/podman/podman.sock'
        ? ['podman.socket', 'podman.service']
        : null;
  if (!pair) return false;
  const sock = units[pair[0]];
  const svc = units[pair[1]];
  return sock === 'active' && svc !== 'active' && svc !== 'reloading';
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
  const units = discovery?.units ?? {};
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
    const base = { socket: sanitize(s.path), name, kind };
    if (socketActivated(kind, key, units)) {
      return { ...base, method: { kind: 'none' }, status: 'socket-activated', message: MESSAGES.socketActivated };
    }
    const denied = s.access === 'denied';
    if (opts.reach === 'socket' && !denied) {
      const alt = shellTool(kind, tools);
      return { ...base, method: { kind: 'api' }, status: null, message: null, ...(alt ? { fallback: { ...alt, sudo: false } } : {}) };
    }
    if (denied && !opts.sudo) {
      return { ...base, method: { kind: 'none' }, status: 'permission-denied', message: MESSAGES.permissionDenied };
    }
    if (denied && !tools.sudo) {
      return { ...base, method: { kind: 'none' }, status: 'error', message: MESSAGES.noSudo };
    }
    const tool = shellTool(kind, tools);
    if (!tool) {
      return { ...base, method: { kind: 'none' }, status: 'error', message: MESSAGES.noTool };
    }
    return { ...base, method: { ...tool, sudo: denied && opts.sudo === true }, status: null, message: null };
  });
}
