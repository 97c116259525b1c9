import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { parseContainerList } from '../../parsers/docker-api.js';
import type { RawEngine } from '../snapshot/types.js';
import { apiGet, DEFAULT_API_LIMITS, EngineBudgetError, type ApiLimits } from './api.js';
import { buildEngineScript, engineTerminator, rawEngineFromSteps, readEngineSteps } from './shell-reader.js';
import { describeFailure } from './errors.js';
import { socketAt, type EnginePlanEntry } from './plan.js';

/** How engines are reached this tick; pass both when the transport has both (ssh: forwarding + shell). */
export type EngineAccess =
  /** A stream to a unix socket: `net.connect(path)` locally, ssh `openssh_forwardOutStreamLocal` remotely. */
  | { kind: 'socket'; connect(path: string): Promise<Duplex> }
  /** The target's shell: runs one script, resolves with its output up to the terminator line. */
  | { kind: 'shell'; run(script: string, terminator: string): Promise<string> };

export interface CollectOptions {
  limits?: ApiLimits;
  /** Inspect answers of the previous tick, reused for containers whose list row did not change. */
  previous?: RawEngine[];
  /** Inspect requests in flight at once per engine. */
  concurrency?: number;
  /** All API answers of one tick, every engine together (DEFAULT_TOTAL_BYTES). */
  totalBytes?: number;
}

/**
 * What one tick keeps of engine answers in all: 100 containers x 8 MiB inspect answers once took
 * 2.6 GB. Containers past it show from the list alone, and the pane says how many.
 */
export const DEFAULT_TOTAL_BYTES = 64 * 1024 * 1024;

/**
 * Reads every planned engine. One engine failing (stopped mid-session,
 * timeout, permission) only sets its own `failure`; the others go on. Every
 * plan entry yields one RawEngine, in plan order, so snapshots replay the
 * "socket-activated" and "permission denied" sections too.
 */
export async function collectEngines(plan: EnginePlanEntry[], access: EngineAccess | EngineAccess[], opts: CollectOptions = {}): Promise<RawEngine[]> {
  const list = Array.isArray(access) ? access : [access];
  const socket = list.find((a): a is Extract<EngineAccess, { kind: 'socket' }> => a.kind === 'socket');
  const shell = list.find((a): a is Extract<EngineAccess, { kind: 'shell' }> => a.kind === 'shell');
  const out: RawEngine[] = plan.map((e) => ({ socket: e.socket, name: e.name, via: 'none', answers: {}, ...(e.failure ? { failure: e.failure } : {}) }));

  const shellEntries = plan.map((entry, index) => ({ entry, index })).filter(({ entry }) => entry.method.kind === 'cli' || entry.method.kind === 'curl');
  const jobs: Promise<void>[] = [];
  const totalBytes = opts.totalBytes ?? DEFAULT_TOTAL_BYTES;
  // The shell path's share of the total (half when API engines read too), less room for its
  // version, info and list answers; the API engines share what is left.
  const hasApi = plan.some((e) => e.method.kind === 'api');
  const shellShare = shellEntries.length === 0 ? 0 : hasApi ? totalBytes / 2 : totalBytes;
  const shellInspect = shellShare - Math.min(8 * 1024 * 1024, shellShare / 8);
  const budget = { left: totalBytes - shellShare };

  plan.forEach((entry, i) => {
    if (entry.method.kind !== 'api') return;
    if (!socket) {
      out[i] = { ...out[i], failure: { code: 'no-socket-access' } };
      return;
    }
    const prev = opts.previous?.find((p) => p.socket === entry.socket && p.via === 'api');
    jobs.push(
      collectApi(entry, () => socket.connect(socketAt(entry)), opts, prev, budget, totalBytes).then((r) => {
        out[i] = r;
      }),
    );
  });

  if (shellEntries.length > 0) {
    if (!shell) {
      for (const { index } of shellEntries) out[index] = { ...out[index], failure: { code: 'no-shell' } };
    } else {
      jobs.push(
        collectShell(shellEntries, shell, shellInspect, totalBytes).then((rs) => {
          for (const [index, r] of rs) out[index] = r;
        }),
      );
    }
  }
  await Promise.all(jobs);

  // Streams the SSH server would not open: read those sockets through the shell instead.
  const retry = plan
    .map((entry, index) => ({ entry, index }))
    .filter(({ entry, index }) => entry.method.kind === 'api' && entry.fallback && out[index].failure?.code === 'forward-failed');
  if (retry.length > 0 && shell) {
    const rs = await collectShell(
      retry.map(({ entry, index }) => ({ index, entry: { ...entry, method: entry.fallback as EnginePlanEntry['method'] } })),
      shell,
      Math.max(0, budget.left - 8 * 1024 * 1024),
      totalBytes,
    );
    for (const [index, r] of rs) out[index] = r;
  }
  return out;
}

async function collectApi(
  entry: EnginePlanEntry,
  connect: () => Promise<Duplex>,
  opts: CollectOptions,
  prev: RawEngine | undefined,
  budget: { left: number },
  totalBytes: number,
): Promise<RawEngine> {
  const limits = { ...(opts.limits ?? DEFAULT_API_LIMITS), budget };
  const raw: RawEngine = { socket: entry.socket, name: entry.name, via: 'api', answers: {} };
  const get = (path: string) => apiGet(connect, path, limits);
  let cut = 0;
  try {
    raw.answers['/version'] = await get('/version');
  } catch (e) {
    raw.failure = describeFailure(e instanceof Error ? e.message : String(e));
    return raw;
  }
  const [info, list] = await Promise.allSettled([get('/info'), get('/containers/json?all=1')]);
  if (info.status === 'fulfilled') raw.answers['/info'] = info.value;
  if (list.status === 'rejected') {
    raw.failure = describeFailure(list.reason instanceof Error ? list.reason.message : String(list.reason));
    return raw;
  }
  raw.answers['/containers/json?all=1'] = list.value;

  // Inspect each container, reusing last tick's answer when its list row is unchanged.
  const rows = parseContainerList(list.value).value;
  const prevRows = new Map(prev ? parseContainerList(prev.answers['/containers/json?all=1'] ?? '[]').value.map((r) => [r.id, r]) : []);
  const todo: string[] = [];
  for (const r of rows) {
    const key = `/containers/${r.id}/json`;
    const old = prevRows.get(r.id);
    const cached = prev?.answers[key];
    const size = cached === undefined ? 0 : Buffer.byteLength(cached);
    if (old && cached !== undefined && old.state === r.state && old.status === r.status && size <= budget.left) {
      budget.left -= size;
      raw.answers[key] = cached;
    } else todo.push(r.id);
  }
  const width = Math.max(1, opts.concurrency ?? 8);
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const id = todo[next++];
      if (budget.left <= 0) {
        cut++;
        continue;
      }
      try {
        raw.answers[`/containers/${id}/json`] = await get(`/containers/${encodeURIComponent(id)}/json`);
      } catch (e) {
        // Removed between the list and the inspect (404), or slow: the row still shows from the list.
        if (e instanceof EngineBudgetError) cut++;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, todo.length) }, worker));
  if (cut > 0) raw.cut = { containers: cut, capBytes: totalBytes };
  return raw;
}

async function collectShell(
  entries: { index: number; entry: EnginePlanEntry }[],
  shell: Extract<EngineAccess, { kind: 'shell' }>,
  inspectBytes: number,
  totalBytes: number,
): Promise<Map<number, RawEngine>> {
  const nonce = randomBytes(12).toString('hex');
  const result = new Map<number, RawEngine>();
  let output: string;
  try {
    output = await shell.run(buildEngineScript(entries, nonce, inspectBytes), engineTerminator(nonce));
  } catch (e) {
    const failure = describeFailure(e instanceof Error ? e.message : String(e));
    for (const { index, entry } of entries) {
      result.set(index, { socket: entry.socket, name: entry.name, via: entry.method.kind === 'curl' ? 'curl' : 'cli', answers: {}, failure });
    }
    return result;
  }
  const steps = readEngineSteps(output, nonce);
  for (const { index, entry } of entries) result.set(index, rawEngineFromSteps(entry, steps.filter((s) => s.engine === index), totalBytes));
  return result;
}

