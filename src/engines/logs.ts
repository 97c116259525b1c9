import { parseDockerLogFrames, parseLogsTarget } from '../../parsers/docker-log-frames.js';
import type { LogLine } from '../../parsers/log-line.js';
import type { ParseIssue } from '../../parsers/types.js';
import { type ApiLimits, apiGet, apiGetBytes, EngineApiError, type StreamFactory } from './api.js';

/** Which lines: the last `tail`, and with `since` only those at or after it. */
export interface ContainerLogsQuery {
  tail: number;
  /** The API's `since`: unix seconds with up to 9 digits of fraction (sinceOption, sinceAfter). */
  since?: string;
}

export type ContainerLogs =
  | { ok: true; id: string; name: string; tty: boolean; state: string; lines: LogLine[]; issues: ParseIssue[] }
  /** The engine knows no container of that name or id (HTTP 404): ask the next engine. */
  | { ok: false; code: 'no-such-container' }
  /** The stream could not be opened (forwarding refused, no socket): the shell may still read it. */
  | { ok: false; code: 'unreachable'; message: string }
  | { ok: false; code: 'error'; message: string };

/** Per answer: the last 10,000 lines of 16 KiB each fit; a bigger answer says to ask for fewer lines. */
export const LOGS_MAX_BYTES = 32 * 1024 * 1024;

/**
 * A container's logs through the Engine API's logs endpoint over one stream
 * factory (docker, system-docker, podman's compatible API): its inspect
 * answer says whether it has a TTY (then the body is the raw terminal stream)
 * or not (then stdout and stderr come multiplexed in frames), and the logs
 * are asked with timestamps, `tail` and `since`. Read-only: two GETs.
 */
export async function readContainerLogs(connect: StreamFactory, target: string, q: ContainerLogsQuery, source: string, limits: ApiLimits): Promise<ContainerLogs> {
  let opened = false;
  const tracked: StreamFactory = async () => {
    const s = await connect();
    opened = true;
    return s;
  };
  try {
    const t = parseLogsTarget(await apiGet(tracked, `/containers/${encodeURIComponent(target)}/json`, limits)).value;
    if (!t) return { ok: false, code: 'error', message: `the engine's answer about '${target}' has no container id` };
    const params = new URLSearchParams({ stdout: '1', stderr: '1', timestamps: '1', tail: String(q.tail) });
    if (q.since !== undefined) params.set('since', q.since);
    const body = await apiGetBytes(tracked, `/containers/${encodeURIComponent(t.id)}/logs?${params.toString()}`, { ...limits, maxBytes: Math.max(limits.maxBytes, LOGS_MAX_BYTES) });
    const p = parseDockerLogFrames(body, { source, target }, { tty: t.tty, timestamps: true });
    return { ok: true, id: t.id, name: t.name, tty: t.tty, state: t.state, lines: p.value.slice(-q.tail), issues: p.issues };
  } catch (e) {
    if (e instanceof EngineApiError && e.status === 404) return { ok: false, code: 'no-such-container' };
    const message = e instanceof Error ? e.message : String(e);
    return opened ? { ok: false, code: 'error', message } : { ok: false, code: 'unreachable', message };
  }
}

/** `--since` as the API's `since`: `10m`/`2h`/`1d` before `now` (ms), or a date in the local time zone (as the docker CLI reads it). */
export function sinceOption(since: string, now: number): string | null {
  const rel = /^(\d+)([smhd])$/.exec(since);
  if (rel) return String(Math.floor(now / 1000) - Number(rel[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[rel[2] as 's' | 'm' | 'h' | 'd']);
  const d = /^(\d{4})-(\d\d)-(\d\d)(?: (\d\d):(\d\d)(?::(\d\d))?)?$/.exec(since);
  if (!d) return null;
  const [, y, mo, day, h = '0', mi = '0', s = '0'] = d;
  const t = new Date(Number(y), Number(mo) - 1, Number(day), Number(h), Number(mi), Number(s)).getTime();
  return Number.isNaN(t) ? null : String(Math.floor(t / 1000));
}

/**
 * The `since` that asks for the lines after one the engine stamped `time`
 * (RFC 3339 UTC, up to nanoseconds): that time plus one nanosecond, computed
 * in text (a double cannot hold unix nanoseconds). Null for another format.
 */
export function sinceAfter(time: string): string | null {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z$/.exec(time);
  if (!m) return null;
  const sec = Date.parse(`${m[1]}Z`) / 1000;
  if (!Number.isFinite(sec)) return null;
  const ns = Number((m[2] ?? '').padEnd(9, '0')) + 1;
  return ns >= 1e9 ? `${sec + 1}.000000000` : `${sec}.${String(ns).padStart(9, '0')}`;
}
