import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Answers captured from a real dockerd, keyed by request path. */
export function capturedAnswers(sub: string): Record<string, string> {
  const dir = new URL(`../../fixtures/docker/${sub}/`, import.meta.url);
  const fx = (f: string) => readFileSync(new URL(f, dir), 'utf8');
  const out: Record<string, string> = {
    '/version': fx('version.json'),
    '/info': fx('info.json'),
    '/containers/json?all=1': fx('containers.json'),
  };
  for (const f of readdirSync(dir)) {
    if (!f.startsWith('inspect-')) continue;
    const t = fx(f);
    out[`/containers/${(JSON.parse(t) as { Id: string }).Id}/json`] = t;
  }
  return out;
}

export interface FakeDaemon {
  socket: string;
  requests: string[];
  /** Behaviour per path: a body (text, or bytes like the logs endpoint's frames), or 'hang' (never answers), or a status + body. */
  routes: Record<string, string | Buffer | 'hang' | { status: number; body: string }>;
  close(): Promise<void>;
}

/** An HTTP server on a unix socket that replays real daemon answers (the API client under test speaks real HTTP to it). */
export async function startFakeDaemon(routes: FakeDaemon['routes']): Promise<FakeDaemon> {
  const dir = mkdtempSync(join(tmpdir(), 'cosi-fake-'));
  const socket = join(dir, 'docker.sock');
  const requests: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const r = fake.routes[req.url ?? ''];
    if (r === 'hang') return;
    if (r === undefined) {
      res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"message":"page not found"}\n');
      return;
    }
    const { status, body } = typeof r === 'string' || Buffer.isBuffer(r) ? { status: 200, body: r } : r;
    res.writeHead(status, { 'Content-Type': 'application/json' }).end(body);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  const fake: FakeDaemon = {
    socket,
    requests,
    routes,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return fake;
}

export const connectUnix = (path: string) =>
  new Promise<net.Socket>((resolve, reject) => {
    const s = net.connect(path);
    s.once('connect', () => resolve(s));
    s.once('error', reject);
  });
