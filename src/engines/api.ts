import http from 'node:http';
import type { Duplex } from 'node:stream';
import { apiErrorMessage } from '../../parsers/docker-api.js';

/** Opens a fresh byte stream to the engine's socket (net.connect locally, ssh streamlocal forwarding remotely). */
export type StreamFactory = () => Promise<Duplex>;

export interface ApiLimits {
  /** Per request, from connect to the last byte. */
  timeoutMs: number;
  /** Per answer: a larger body is abandoned (a runaway daemon cannot exhaust our memory). */
  maxBytes: number;
  /** Bytes left for all answers of this tick, shared by every request (and engine) that gets it. */
  budget?: { left: number };
}

export const DEFAULT_API_LIMITS: ApiLimits = { timeoutMs: 5000, maxBytes: 8 * 1024 * 1024 };

/** A failed request; `message` is one line for the user. */
export class EngineApiError extends Error {
  constructor(
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'EngineApiError';
  }
}

/** The tick's total of engine answers was reached: the answer was abandoned. */
export class EngineBudgetError extends EngineApiError {
  override name = 'EngineBudgetError';
}

/**
 * GET one Docker Engine API path over a new stream; resolves to the body
 * text of a 2xx answer. Unversioned paths: the daemon answers in its own
 * API version, so old engines (RancherOS 1.x: 1.38/1.40) work too.
 */
export async function apiGet(connect: StreamFactory, path: string, limits: ApiLimits = DEFAULT_API_LIMITS): Promise<string> {
  return (await apiGetBytes(connect, path, limits)).toString('utf8');
}

/** apiGet's body as bytes (the logs endpoint's multiplexed frames are binary). */
export function apiGetBytes(connect: StreamFactory, path: string, limits: ApiLimits = DEFAULT_API_LIMITS): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let done = false;
    let stream: Duplex | null = null;
    const finish = (err: Error | null, body?: Buffer) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (err) {
        req.destroy();
        stream?.destroy();
        reject(err);
      } else resolve(body ?? Buffer.alloc(0));
    };
    const timer = setTimeout(() => finish(new EngineApiError(`no answer to ${path} within ${limits.timeoutMs} ms`)), limits.timeoutMs);
    const req = http.request({
      method: 'GET',
      path,
      host: 'docker',
      headers: { Host: 'docker', Accept: 'application/json', Connection: 'close' },
      createConnection: (_opts: unknown, cb: (err: Error | null, s?: Duplex) => void) => {
        connect().then(
          (s) => {
            stream = s;
            if (done) s.destroy();
            else cb(null, s);
          },
          (e: unknown) => cb(e instanceof Error ? e : new Error(String(e))),
        );
        return undefined;
      },
    } as http.RequestOptions);
    req.on('error', (e) => finish(e));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let bytes = 0;
      const budget = limits.budget;
      res.on('data', (c: Buffer) => {
        if (done) return;
        bytes += c.length;
        if (budget) budget.left -= c.length;
        if (bytes > limits.maxBytes) {
          if (budget) budget.left += bytes;
          finish(new EngineApiError(`answer to ${path} is larger than ${limits.maxBytes} bytes`));
          return;
        }
        if (budget && budget.left < 0) {
          // Give back what this answer took: only answers that are kept count.
          budget.left += bytes;
          finish(new EngineBudgetError(`the engine answers of this refresh reached cosi's limit before ${path}`));
          return;
        }
        chunks.push(c);
      });
      res.on('error', (e) => {
        if (budget && !done) budget.left += bytes;
        finish(e);
      });
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) finish(null, body);
        else finish(new EngineApiError(`${path}: HTTP ${status}: ${apiErrorMessage(body.toString('utf8')) || res.statusMessage || ''}`.trim(), status));
      });
    });
    req.end();
  });
}
