import { type LogContext, type LogLine, decodeBytes, line, rfc3339 } from './log-line.js';
import { parseJson, str, stripSlash } from './docker-api.js';
import { isObj } from './json.js';
import { type ParseIssue, parsed, type Parsed } from './types.js';
import { issue } from './issues.js';

/**
 * The Engine API's `GET /containers/{id}/logs` body. Without a TTY it is
 * multiplexed: frames of an 8-byte header (byte 0 the stream: 0 stdin,
 * 1 stdout, 2 stderr; bytes 4..7 the payload size, big-endian) and the
 * payload. With a TTY it is the raw terminal stream, no headers (`tty`).
 * A long line may be split over frames: text is joined per stream up to its
 * newline. With `timestamps=1` each line starts with an RFC 3339 time.
 */
export function parseDockerLogFrames(body: Uint8Array, ctx: LogContext, opts: { tty: boolean; timestamps: boolean }): Parsed<LogLine[]> {
  const issues: ParseIssue[] = [];
  if (opts.tty) return parsed(splitLines(body, 'stdout', ctx, opts.timestamps), issues);
  const frames: { stream: string; payload: Uint8Array }[] = [];
  let pos = 0;
  while (pos < body.length) {
    if (body.length - pos < 8) {
      issues.push(issue('frame-header-cut', { bytes: body.length - pos }));
      break;
    }
    const kind = body[pos];
    const size = ((body[pos + 4] << 24) >>> 0) + (body[pos + 5] << 16) + (body[pos + 6] << 8) + body[pos + 7];
    if (kind > 2 || body[pos + 1] !== 0 || body[pos + 2] !== 0 || body[pos + 3] !== 0) {
      issues.push(issue('frame-not-frame', { byte: pos }));
      frames.push({ stream: 'stdout', payload: body.subarray(pos) });
      break;
    }
    const end = pos + 8 + size;
    if (end > body.length) issues.push(issue('frame-cut', { announced: size, received: body.length - pos - 8 }));
    frames.push({ stream: kind === 2 ? 'stderr' : kind === 1 ? 'stdout' : 'stdin', payload: body.subarray(pos + 8, Math.min(end, body.length)) });
    pos = end;
  }
  // A line longer than the log driver's 16 KiB comes as several frames of one stream, each with
  // its own copy of the timestamp; all but the last lack the newline. They are one line again.
  const parts: { stream: string; bytes: Uint8Array[] }[] = [];
  let open: { stream: string; bytes: Uint8Array[] } | null = null;
  for (const f of frames) {
    let payload = f.payload;
    if (open && open.stream === f.stream) {
      if (opts.timestamps) payload = payload.subarray(Math.max(0, payload.indexOf(0x20) + 1));
      open.bytes.push(payload);
    } else {
      open = { stream: f.stream, bytes: [payload] };
      parts.push(open);
    }
    if (payload[payload.length - 1] === 0x0a) open = null;
  }
  return parsed(byTime(parts.flatMap((p) => splitLines(concat(p.bytes), p.stream, ctx, opts.timestamps))), issues);
}

/** stdout and stderr lines in time order (a stable sort: lines without time keep their place among equals). */
export function byTime(ls: LogLine[]): LogLine[] {
  if (ls.some((l) => l.time === null)) return ls;
  return ls
    .map((l, i) => ({ l, i, k: timeKey(l.time as string) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i))
    .map((x) => x.l);
}

/** RFC 3339 UTC times compare as text once the fraction has 9 digits (Docker trims trailing zeros). */
function timeKey(t: string): string {
  const m = /^([^.Z+]+)(?:\.(\d+))?Z$/.exec(t);
  return m ? `${m[1]}.${(m[2] ?? '').padEnd(9, '0')}Z` : t;
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(chunks.reduce((a, c) => a + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function splitLines(bytes: Uint8Array, stream: string, ctx: LogContext, timestamps: boolean): LogLine[] {
  const text = decodeBytes(bytes);
  const ls = text.split('\n');
  if (ls[ls.length - 1] === '') ls.pop();
  return ls.map((l) => {
    const m = l.endsWith('\r') ? l.slice(0, -1) : l;
    return timestamps ? stamped(m, stream, ctx) : line(ctx, null, stream, null, m);
  });
}

/** "2026-12-01T14:00:00.123456789Z message": the Docker timestamp and the rest. */
export function stamped(l: string, stream: string, ctx: LogContext): LogLine {
  const sp = l.indexOf(' ');
  const time = sp > 0 ? rfc3339(l.slice(0, sp)) : rfc3339(l);
  if (time === null) return line(ctx, null, stream, null, l);
  return line(ctx, time, stream, null, sp > 0 ? l.slice(sp + 1) : '');
}

/** What reading a container's logs needs of `GET /containers/{name}/json`: its id, name, and whether it has a TTY. */
export interface LogsTarget {
  id: string;
  name: string;
  tty: boolean;
  state: string;
}

export function parseLogsTarget(text: string): Parsed<LogsTarget | null> {
  const j = parseJson(text, '/containers/{id}/json');
  const v = j.value;
  const id = isObj(v) ? str(v.Id) : null;
  if (!isObj(v) || !id) return parsed(null, j.issues.length ? j.issues : [issue('api-inspect-no-id', {})]);
  const config = isObj(v.Config) ? v.Config : {};
  const state = isObj(v.State) ? v.State : {};
  return parsed({ id, name: stripSlash(str(v.Name) ?? ''), tty: config.Tty === true, state: str(state.Status) ?? '' });
}
