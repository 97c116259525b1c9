/**
 * The `runtimes` section: containerd's (and k3s's) task bundles and CRI-O's container state, as
 * the runtime keeps them on disk, plus the kubelet's pod log file names. Lines:
 *
 *   @root KIND DIR SOCKET        KIND containerd|k3s|cri-o; DIR the state dir; SOCKET 1 when the socket file exists
 *   @pid REL PID ALIVE           REL = NS/ID/init.pid (containerd) or ID/userdata/pidfile (CRI-O); ALIVE 1 when /proc/PID exists
 *   PATH:JSON                    `grep -H ''` of each bundle's config.json (the OCI spec: annotations, cgroupsPath, args)
 *   @mtime SECONDS PATH          `stat` of each bundle's config.json (DIR/NS/ID/config.json, or ./NS/ID/... under a host root): when it was written
 *   @pods                        then one line per /var/log/pods file: NS_POD_UID/CONTAINER/ATTEMPT.log
 *   @status DIR                  then DIR/ID/status:JSON (containerd's CRI: CreatedAt, ExitCode, FinishedAt in ns, Reason)
 *                                or DIR/ID:CODE (CRI-O's exit files)
 *   @links                       then /var/log/containers names: POD_NS_CONTAINER-ID.log
 *
 * Nothing here came from a socket: this reads what the runtime wrote, so it works with containerd
 * and kubelet down and wakes nothing (docs/engines.md).
 */
import { isObj, type Obj } from './json.js';
import { excerpt, sanitize } from './sanitize.js';
import { lines, toInt, type Parsed, type ParseIssue } from './types.js';
import { issue, type RuntimeLineProblem } from './issues.js';

export type RuntimeKind = 'containerd' | 'k3s' | 'cri-o';

export interface RuntimeTask {
  /** containerd namespace (k8s.io, moby, default, ...); '' for CRI-O, which has none. */
  namespace: string;
  id: string;
  pid: number | null;
  /** The task's process exists (/proc/PID). */
  alive: boolean;
  /** OCI annotations of the bundle's config.json (the CRI's pod and container names live here). */
  annotations: Record<string, string>;
  /** linux.cgroupsPath: "/kubepods/besteffort/pod<uid>/<id>" or systemd's "slice:prefix:name". */
  cgroupsPath: string | null;
  args: string[];
  /** Unix seconds the bundle's config.json was written (the task's creation); null when not read. */
  bundleWritten: number | null;
}

export interface RuntimeRoot {
  kind: RuntimeKind;
  dir: string;
  socket: boolean;
  tasks: RuntimeTask[];
}

/** A kubelet log file /var/log/pods/NS_POD_UID/CONTAINER/ATTEMPT.log: the attempt is the restart count. */
export interface PodLogFile {
  namespace: string;
  pod: string;
  uid: string;
  container: string;
  attempt: number;
}

/** How a container's task last ended, as the runtime recorded it. */
export interface ExitRecord {
  code: number;
  /** Unix seconds; null when the runtime does not say (CRI-O's exit files). */
  finishedAt: number | null;
  /** The CRI's reason ("Error", "OOMKilled", "Completed"); '' when none. */
  reason: string;
}

/** A /var/log/containers link name: which pod and container a runtime id is. */
export interface ContainerLink {
  namespace: string;
  pod: string;
  container: string;
  id: string;
}

export interface RuntimeState {
  roots: RuntimeRoot[];
  podLogs: PodLogFile[];
  /** Runtime id -> its last exit (only containers that finished). */
  exits: Record<string, ExitRecord>;
  /** Runtime id -> Unix seconds the CRI created it (containerd's CRI status file CreatedAt). */
  created: Record<string, number>;
  links: ContainerLink[];
}

const KINDS: readonly string[] = ['containerd', 'k3s', 'cri-o'];

export function parseRuntimeState(text: string): Parsed<RuntimeState> {
  const issues: ParseIssue[] = [];
  const value: RuntimeState = { roots: [], podLogs: [], exits: Object.create(null) as Record<string, ExitRecord>, created: Object.create(null) as Record<string, number>, links: [] };
  let root: RuntimeRoot | null = null;
  let byId = new Map<string, RuntimeTask>();
  let list: 'pods' | 'links' | 'status' | null = null;
  let statusDir = '';
  const all = lines(text);
  for (let n = 0; n < all.length; n++) {
    const line = all[n]!;
    if (line === '') continue;
    const bad = (problem: RuntimeLineProblem) => issues.push(issue('runtime-bad-line', { problem, text: excerpt(line) }, n + 1));
    if (line.startsWith('@root ')) {
      const m = /^@root (\S+) (\S+) ([01])$/.exec(line);
      if (!m || !KINDS.includes(m[1]!)) {
        bad('root');
        root = null;
        continue;
      }
      root = { kind: m[1] as RuntimeKind, dir: sanitize(m[2]!), socket: m[3] === '1', tasks: [] };
      byId = new Map();
      value.roots.push(root);
      list = null;
    } else if (line === '@pods' || line === '@links' || line.startsWith('@status ')) {
      list = line === '@pods' ? 'pods' : line === '@links' ? 'links' : 'status';
      statusDir = line.slice('@status '.length);
      root = null;
    } else if (list === 'pods') {
      const f = podLogFile(line);
      if (f) value.podLogs.push(f);
      else bad('pod-log');
    } else if (list === 'links') {
      const m = CONTAINER_LINK.exec(line);
      if (m) value.links.push({ pod: sanitize(m[1]!), namespace: sanitize(m[2]!), container: sanitize(m[3]!), id: m[4]! });
      else bad('link');
    } else if (list === 'status') {
      if (!readExit(line, statusDir, value)) bad('exit-status');
    } else if (!root) {
      bad('before-root');
    } else if (line.startsWith('@pid ')) {
      const m = /^@pid (\S+) (\d*) ([01])$/.exec(line);
      const key = m ? taskKey(root.kind, m[1]!) : null;
      if (!m || !key) {
        bad('pid');
        continue;
      }
      task(root, byId, key).pid = toInt(m[2]) ?? null;
      task(root, byId, key).alive = m[3] === '1';
    } else if (line.startsWith('@mtime ')) {
      // "DIR/REL" or, read from inside DIR under a host root, "./REL"
      const m = /^@mtime (\d{1,12}) (.+)\/config\.json$/.exec(line);
      const path = m?.[2];
      const rel = path?.startsWith('./') ? path.slice(2) : path?.startsWith(`${root.dir}/`) ? path.slice(root.dir.length + 1) : null;
      const key = m && rel ? taskKey(root.kind, `${rel}/x`) : null;
      if (!m || !key) {
        bad('mtime');
        continue;
      }
      task(root, byId, key).bundleWritten = Number(m[1]);
    } else {
      // Read from inside DIR under a host root (--host-root): "./NS/ID/config.json:".
      const prefix = line.startsWith('./') ? './' : `${root.dir}/`;
      const at = line.indexOf('/config.json:');
      if (!line.startsWith(prefix) || at < 0) {
        bad('config');
        continue;
      }
      const key = taskKey(root.kind, `${line.slice(prefix.length, at)}/x`);
      if (!key) {
        bad('config-path');
        continue;
      }
      readSpec(task(root, byId, key), line.slice(at + '/config.json:'.length), n + 1, issues);
    }
  }
  return { value, issues };
}

/** "NS/ID/init.pid" (containerd) or "ID/userdata/pidfile" (CRI-O) -> namespace and id. */
function taskKey(kind: RuntimeKind, rel: string): { namespace: string; id: string } | null {
  const parts = rel.split('/');
  if (parts.length !== 3 || parts.some((p) => p === '' || p === '.' || p === '..')) return null;
  if (kind === 'cri-o') return parts[1] === 'userdata' ? { namespace: '', id: sanitize(parts[0]!) } : null;
  return { namespace: sanitize(parts[0]!), id: sanitize(parts[1]!) };
}

function task(root: RuntimeRoot, byId: Map<string, RuntimeTask>, key: { namespace: string; id: string }): RuntimeTask {
  const k = `${key.namespace}/${key.id}`;
  let t = byId.get(k);
  if (!t) {
    t = { namespace: key.namespace, id: key.id, pid: null, alive: false, annotations: {}, cgroupsPath: null, args: [], bundleWritten: null };
    byId.set(k, t);
    root.tasks.push(t);
  }
  return t;
}

function readSpec(t: RuntimeTask, json: string, line: number, issues: ParseIssue[]): void {
  let spec: unknown;
  try {
    spec = JSON.parse(json);
  } catch {
    issues.push(issue('runtime-config-not-json', { task: t.id }, line));
    return;
  }
  Object.assign(t, specFields(spec));
}

/** What cosi reads of an OCI runtime spec (a bundle's config.json, containerd's record of it), sanitized. */
export function specFields(spec: unknown): Pick<RuntimeTask, 'annotations' | 'cgroupsPath' | 'args'> {
  const out: Pick<RuntimeTask, 'annotations' | 'cgroupsPath' | 'args'> = { annotations: {}, cgroupsPath: null, args: [] };
  if (!isObj(spec)) return out;
  const ann = spec.annotations;
  if (isObj(ann)) {
    const a: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [k, v] of Object.entries(ann)) if (typeof v === 'string') a[sanitize(k)] = sanitize(v);
    out.annotations = a;
  }
  const linux = spec.linux;
  if (isObj(linux) && typeof linux.cgroupsPath === 'string') out.cgroupsPath = sanitize(linux.cgroupsPath);
  const proc = spec.process as Obj | undefined;
  if (isObj(proc) && Array.isArray(proc.args)) out.args = proc.args.filter((a): a is string => typeof a === 'string').map(sanitize);
  return out;
}

const CONTAINER_LINK = /^([^_/]+)_([^_/]+)_([^/]+)-([0-9a-f]{64})\.log$/;

/** One status line: containerd's CRI status JSON of DIR/ID/status (exit, creation), or CRI-O's DIR/ID exit code. */
function readExit(line: string, dir: string, value: Pick<RuntimeState, 'exits' | 'created'>): boolean {
  const exits = value.exits;
  const prefix = line.startsWith('./') ? './' : `${dir}/`;
  if (!line.startsWith(prefix)) return false;
  const rest = line.slice(prefix.length);
  const colon = rest.indexOf(':');
  if (colon < 0) return false;
  const path = rest.slice(0, colon);
  const body = rest.slice(colon + 1);
  const cri = /^([^/]+)\/status$/.exec(path);
  if (cri) {
    let v: unknown;
    try {
      v = JSON.parse(body);
    } catch {
      return false;
    }
    if (!isObj(v)) return false;
    if (typeof v.CreatedAt === 'number' && v.CreatedAt > 0) value.created[sanitize(cri[1]!)] = Math.floor(v.CreatedAt / 1e9);
    const finished = typeof v.FinishedAt === 'number' ? v.FinishedAt : 0;
    // A container still running has FinishedAt 0: no exit to tell.
    if (finished > 0 && typeof v.ExitCode === 'number') {
      exits[sanitize(cri[1]!)] = { code: v.ExitCode, finishedAt: Math.floor(finished / 1e9), reason: typeof v.Reason === 'string' ? sanitize(v.Reason) : '' };
    }
    return true;
  }
  if (path.includes('/') || !/^-?\d{1,10}$/.test(body.trim())) return false;
  exits[sanitize(path)] = { code: Number(body.trim()), finishedAt: null, reason: '' };
  return true;
}

const POD_LOG = /^([^_/]+)_([^_/]+)_([^_/]+)\/([^/]+)\/(\d{1,9})\.log$/;

function podLogFile(line: string): PodLogFile | null {
  const m = POD_LOG.exec(line);
  if (!m) return null;
  return { namespace: sanitize(m[1]!), pod: sanitize(m[2]!), uid: sanitize(m[3]!), container: sanitize(m[4]!), attempt: Number(m[5]) };
}
