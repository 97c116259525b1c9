import { excerpt, sanitize } from './sanitize.js';
import { lines, parsed, type Parsed, type ParseIssue } from './types.js';
import { issue } from './issues.js';
import { isObj, num, type Obj } from './json.js';

/**
 * Docker Engine API answers (also podman's Docker-compatible API, and the
 * docker CLI's `--format '{{json .}}'` output, which carries the same
 * objects). Pure: JSON text in, sanitized values out; never throws.
 */

export interface EngineVersion {
  version: string;
  apiVersion: string;
  os: string;
  arch: string;
  kernel: string;
}

export interface EngineInfo {
  serverVersion: string | null;
  storageDriver: string | null;
  backingFilesystem: string | null;
  rootDir: string | null;
  cgroupDriver: string | null;
  cgroupVersion: string | null;
  containers: number | null;
  running: number | null;
  paused: number | null;
  stopped: number | null;
  images: number | null;
  name: string | null;
  operatingSystem: string | null;
  kernel: string | null;
}

/** One row of `GET /containers/json?all=1` (or `docker ps -a --format '{{json .}}'`). */
export interface ContainerSummary {
  id: string;
  /** First name, without the leading `/`. */
  name: string;
  image: string;
  command: string;
  /** Seconds since the epoch; null when unknown. */
  created: number | null;
  state: string;
  /** The daemon's own status text: "Up 9 minutes", "Exited (0) 2 minutes ago", "Created". */
  status: string;
  /** As `docker ps` prints them: "127.0.0.1:8080->80/tcp, 443/udp". */
  ports: string;
  labels: Record<string, string>;
  networks: string[];
}

/** What `GET /containers/{id}/json` adds to the list row (the fields both answers have are the list row's). */
export interface ContainerDetail extends Pick<ContainerSummary, 'id' | 'name' | 'image' | 'command' | 'created' | 'state' | 'networks' | 'labels'> {
  restarts: number | null;
  /** State.OOMKilled: the last exit was an OOM kill. */
  oomKilled: boolean | null;
  pid: number | null;
  exitCode: number | null;
  startedAt: string | null;
  finishedAt: string | null;
  health: string | null;
  mounts: { source: string; destination: string; mode: string; rw: boolean }[];
  env: { name: string; value: string }[];
  cgroupParent: string | null;
  /** Overlay upper directory of the container's root filesystem (overlay2 driver). */
  upperDir: string | null;
}

export function str(v: unknown): string | null {
  return typeof v === 'string' ? sanitize(v) : null;
}

/** JSON.parse that reports instead of throwing. */
export function parseJson(text: string, what: string): Parsed<unknown> {
  const t = text.trim();
  if (t === '') return parsed(null, [issue('api-empty', { endpoint: what })]);
  try {
    return parsed(JSON.parse(t) as unknown);
  } catch (e) {
    return parsed(null, [issue('api-not-json', { endpoint: what, text: excerpt(t, 60) })]);
  }
}

/** Parses JSON lines (one object per line, like `docker ps --format '{{json .}}'`). */
export function parseJsonLines(text: string, what: string): Parsed<unknown[]> {
  const out: unknown[] = [];
  const issues: ParseIssue[] = [];
  lines(text).forEach((l, i) => {
    if (l.trim() === '') return;
    try {
      out.push(JSON.parse(l) as unknown);
    } catch {
      issues.push(issue('api-line-not-json', { endpoint: what, text: sanitize(l.slice(0, 60)) }, i + 1));
    }
  });
  return parsed(out, issues);
}

/** `GET /version` (or `docker version --format '{{json .Server}}'`). */
export function parseVersion(text: string): Parsed<EngineVersion | null> {
  const j = parseJson(text, '/version');
  const v = j.value;
  if (!isObj(v)) return parsed(null, j.issues.length ? j.issues : [issue('api-not-object', { endpoint: '/version' })]);
  // The CLI's whole-object form wraps the server answer in "Server".
  const s = isObj(v.Server) ? v.Server : v;
  const version = str(s.Version);
  if (version === null) return parsed(null, [issue('api-no-version', {})]);
  return parsed({
    version,
    apiVersion: str(s.ApiVersion) ?? '',
    os: str(s.Os) ?? '',
    arch: str(s.Arch) ?? '',
    kernel: str(s.KernelVersion) ?? '',
  });
}

/** `GET /info` (same object as `docker info --format '{{json .}}'`). */
export function parseInfoJson(text: string): Parsed<EngineInfo | null> {
  const j = parseJson(text, '/info');
  const v = j.value;
  if (!isObj(v)) return parsed(null, j.issues.length ? j.issues : [issue('api-not-object', { endpoint: '/info' })]);
  let backing: string | null = null;
  if (Array.isArray(v.DriverStatus)) {
    for (const pair of v.DriverStatus) {
      if (Array.isArray(pair) && pair[0] === 'Backing Filesystem') backing = str(pair[1]);
    }
  }
  const issues: ParseIssue[] = [];
  if (typeof v.ServerErrors === 'object' && Array.isArray(v.ServerErrors)) {
    for (const e of v.ServerErrors) if (typeof e === 'string') issues.push(issue('api-server-error', { text: sanitize(e) }));
  }
  return parsed(
    {
      serverVersion: str(v.ServerVersion),
      storageDriver: str(v.Driver),
      backingFilesystem: backing,
      rootDir: str(v.DockerRootDir),
      cgroupDriver: str(v.CgroupDriver),
      cgroupVersion: str(v.CgroupVersion),
      containers: num(v.Containers),
      running: num(v.ContainersRunning),
      paused: num(v.ContainersPaused),
      stopped: num(v.ContainersStopped),
      images: num(v.Images),
      name: str(v.Name),
      operatingSystem: str(v.OperatingSystem),
      kernel: str(v.KernelVersion),
    },
    issues,
  );
}

/** Ports of a list row, printed like `docker ps` (sorted, so rows do not jitter). */
export function formatPorts(ports: unknown): string {
  if (!Array.isArray(ports)) return '';
  const out: string[] = [];
  for (const p of ports) {
    if (!isObj(p)) continue;
    const priv = num(p.PrivatePort);
    const type = str(p.Type) ?? 'tcp';
    if (priv === null) continue;
    const pub = num(p.PublicPort);
    const ip = str(p.IP);
    if (pub === null) out.push(`${priv}/${type}`);
    else out.push(`${ip ? (ip.includes(':') ? `[${ip}]` : ip) + ':' : ''}${pub}->${priv}/${type}`);
  }
  return [...new Set(out)].sort().join(', ');
}

/** Null prototype: a label named `__proto__` is a label like any other. */
function labelsOf(v: unknown): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  if (!isObj(v)) return out;
  for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[sanitize(k)] = sanitize(val);
  return out;
}

export function stripSlash(name: string): string {
  return name.startsWith('/') ? name.slice(1) : name;
}

function summaryFromApi(v: Obj): ContainerSummary | null {
  const id = str(v.Id);
  if (!id) return null;
  const names = Array.isArray(v.Names) ? v.Names.filter((n): n is string => typeof n === 'string') : [];
  // A linked container has extra names like "/other/alias": the own name has one slash.
  const own = names.find((n) => stripSlash(n).indexOf('/') < 0) ?? names[0] ?? '';
  const nets = isObj(v.NetworkSettings) && isObj(v.NetworkSettings.Networks) ? Object.keys(v.NetworkSettings.Networks) : [];
  return {
    id,
    name: sanitize(stripSlash(own)),
    image: str(v.Image) ?? '',
    command: str(v.Command) ?? '',
    created: num(v.Created),
    state: str(v.State) ?? '',
    status: str(v.Status) ?? '',
    ports: formatPorts(v.Ports),
    labels: labelsOf(v.Labels),
    networks: nets.map(sanitize).sort(),
  };
}

/** `GET /containers/json?all=1`: a JSON array. Rows without an id are reported. */
export function parseContainerList(text: string): Parsed<ContainerSummary[]> {
  const issues: ParseIssue[] = [];
  const out: ContainerSummary[] = [];
  const j = parseJson(text, '/containers/json');
  if (!Array.isArray(j.value)) return parsed([], j.issues.length ? j.issues : [issue('api-not-list', { endpoint: '/containers/json' })]);
  j.value.forEach((row, i) => {
    const s = isObj(row) ? summaryFromApi(row) : null;
    if (s) out.push(s);
    else issues.push(issue('api-entry-no-id', { entry: i + 1 }));
  });
  return parsed(out, issues);
}

function epochOf(iso: string | null): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? Math.floor(t / 1000) : null;
}

function realTime(iso: string | null): string | null {
  return iso && !iso.startsWith('0001-') ? iso : null;
}

/** `GET /containers/{id}/json`; also accepts `docker inspect`'s one-element array. */
export function parseInspect(text: string): Parsed<ContainerDetail | null> {
  const j = parseJson(text, '/containers/{id}/json');
  let v = j.value;
  if (Array.isArray(v) && v.length === 1) v = v[0];
  if (!isObj(v)) return parsed(null, j.issues.length ? j.issues : [issue('api-not-object', { endpoint: '/containers/{id}/json' })]);
  const id = str(v.Id);
  if (!id) return parsed(null, [issue('api-inspect-no-id', {})]);
  const state = isObj(v.State) ? v.State : {};
  const config = isObj(v.Config) ? v.Config : {};
  const host = isObj(v.HostConfig) ? v.HostConfig : {};
  const graph = isObj(v.GraphDriver) && isObj(v.GraphDriver.Data) ? v.GraphDriver.Data : {};
  const nets = isObj(v.NetworkSettings) && isObj(v.NetworkSettings.Networks) ? Object.keys(v.NetworkSettings.Networks) : [];
  const mounts: ContainerDetail['mounts'] = [];
  if (Array.isArray(v.Mounts)) {
    for (const m of v.Mounts) {
      if (!isObj(m)) continue;
      mounts.push({
        source: str(m.Source) ?? str(m.Name) ?? '',
        destination: str(m.Destination) ?? '',
        mode: str(m.Mode) ?? '',
        rw: m.RW !== false,
      });
    }
  }
  const env: ContainerDetail['env'] = [];
  if (Array.isArray(config.Env)) {
    for (const e of config.Env) {
      if (typeof e !== 'string') continue;
      const eq = e.indexOf('=');
      env.push(eq < 0 ? { name: sanitize(e), value: '' } : { name: sanitize(e.slice(0, eq)), value: sanitize(e.slice(eq + 1)) });
    }
  }
  const args = Array.isArray(v.Args) ? v.Args.filter((a): a is string => typeof a === 'string') : [];
  const path = typeof v.Path === 'string' ? v.Path : '';
  const health = isObj(state.Health) ? str(state.Health.Status) : null;
  const pid = num(state.Pid);
  return parsed({
    id,
    name: stripSlash(str(v.Name) ?? ''),
    image: str(config.Image) ?? str(v.Image) ?? '',
    command: sanitize([path, ...args].filter((s) => s !== '').join(' ')),
    created: epochOf(str(v.Created)),
    state: str(state.Status) ?? '',
    restarts: num(v.RestartCount),
    oomKilled: typeof state.OOMKilled === 'boolean' ? state.OOMKilled : null,
    pid: pid && pid > 0 ? pid : null,
    exitCode: num(state.ExitCode),
    startedAt: realTime(str(state.StartedAt)),
    finishedAt: realTime(str(state.FinishedAt)),
    health: health && health !== 'none' ? health : null,
    mounts,
    networks: nets.map(sanitize).sort(),
    labels: labelsOf(config.Labels),
    env,
    cgroupParent: str(host.CgroupParent) || null,
    upperDir: str(graph.UpperDir),
  });
}

/** An API error body `{"message": "..."}`, or the text itself, as one clean line. */
export function apiErrorMessage(text: string): string {
  const t = text.trim();
  try {
    const v = JSON.parse(t) as unknown;
    if (isObj(v) && typeof v.message === 'string') return sanitize(v.message.trim());
  } catch {
    /* plain text */
  }
  return sanitize(t.split('\n')[0] ?? '').slice(0, 200);
}
