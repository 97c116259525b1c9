import { sanitize } from '../../../parsers/sanitize.js';
import { connect as netConnect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import ssh2 from 'ssh2';
import type { Client as ClientType, ConnectConfig } from 'ssh2';
import { TransportError } from '../types.js';
import { authFailureLine, makeAuthHandler, type AuthLog, type AuthMemory } from './auth.js';
import type { ResolvedSsh } from './config.js';
import { hostKeyLookupName, preferredHostKeyTypes, verifyHostKey } from './hostkey.js';
import { hostKeyName } from './known-hosts.js';
import { spawnProxyCommand } from './proxy-command.js';
import type { SshPrompts } from './prompts.js';

const { Client } = ssh2;

/** What a connection attempt needs besides the resolved config. */
export interface ConnectContext {
  prompts: SshPrompts;
  memory: AuthMemory;
  home: string;
  /** Host keys accepted in this process (name -> blob), so a reconnect never asks twice. */
  accepted: Map<string, Buffer>;
  /** TCP connect + SSH banner timeout when ConnectTimeout is not set. */
  defaultConnectTimeoutMs: number;
  /** Called once the target's key exchange is done, its host key accepted (before authentication). */
  onKeyExchange?: () => void;
}

export interface Connection {
  client: ClientType;
  /** Jump host clients, outermost first; closed together with `client`. */
  hops: ClientType[];
}

const HOST_KEY_ALGOS = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];

/** Host key algorithms with the types already known for the host first (ssh does the same). */
export function hostKeyAlgorithms(knownTypes: readonly string[]): string[] {
  const first: string[] = [];
  for (const t of knownTypes) {
    const algos = t === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [t];
    for (const a of algos) if (HOST_KEY_ALGOS.includes(a) && !first.includes(a)) first.push(a);
  }
  return [...first, ...HOST_KEY_ALGOS.filter((a) => !first.includes(a))];
}

/** Opens the connection to `r`, through its jump hosts first. Rejects with a one-line TransportError. */
export async function connectSsh(r: ResolvedSsh, ctx: ConnectContext): Promise<Connection> {
  const hops: ClientType[] = [];
  try {
    let prev: ClientType | null = null;
    for (const hop of [...r.jumps, r]) {
      const label = hop === r ? '' : `jump host ${hop.host}: `;
      try {
        let sock: Duplex;
        let why = async () => '';
        if (prev) sock = await forwardTo(prev, hop);
        else if (hop.proxyCommand !== null) {
          const p = await spawnProxyCommand(hop);
          sock = p.stream;
          why = p.stderrTail;
        } else sock = await tcpConnect(hop, ctx);
        const client = await handshake(hop, sock, ctx, hop === r ? ctx.onKeyExchange : undefined).catch(async (e: unknown) => {
          const extra = await why();
          if (extra && e instanceof TransportError && ['closed', 'other', 'protocol'].includes(e.reason)) {
            throw new TransportError(`${hop.hostname} port ${hop.port}: ProxyCommand ended before the SSH handshake: ${extra}`, 'closed');
          }
          throw e;
        });
        if (hop !== r) hops.push(client);
        prev = client;
      } catch (e) {
        const te = e instanceof TransportError ? e : new TransportError(String((e as Error).message ?? e), 'other');
        throw new TransportError(label + te.message, te.reason, te.retryOption);
      }
    }
    return { client: prev as ClientType, hops };
  } catch (e) {
    for (const h of hops.reverse()) h.end();
    throw e;
  }
}

function timeoutOf(r: ResolvedSsh, ctx: ConnectContext): number {
  return r.connectTimeoutMs ?? ctx.defaultConnectTimeoutMs;
}

/** TCP connect with ConnectTimeout; DNS / refused / timeout become one-line errors. */
export function tcpConnect(r: ResolvedSsh, ctx: ConnectContext): Promise<Socket> {
  const ms = timeoutOf(r, ctx);
  return new Promise((resolve, reject) => {
    // No Nagle: ssh2 writes a packet in pieces (length, body, MAC), and with Nagle the pieces after the
    // first wait for the server's delayed ACK (40 ms on Linux) on every packet of the handshake and
    // every tick's script: ~0.4 s of a first connect (OpenSSH sets TCP_NODELAY too).
    const sock = netConnect({ host: r.hostname, port: r.port, noDelay: true });
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new TransportError(`${r.hostname} port ${r.port}: connection timed out after ${Math.round(ms / 1000)} s`, 'timeout'));
    }, ms);
    sock.once('connect', () => {
      clearTimeout(timer);
      sock.removeAllListeners('error');
      resolve(sock);
    });
    sock.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(socketError(r, err));
    });
  });
}

function socketError(r: ResolvedSsh, err: NodeJS.ErrnoException): TransportError {
  const where = `${r.hostname} port ${r.port}`;
  switch (err.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
    case 'EAI_FAIL':
      return new TransportError(`could not resolve host name ${r.hostname}`, 'dns');
    case 'ECONNREFUSED':
      return new TransportError(`${where}: connection refused`, 'refused');
    case 'ETIMEDOUT':
      return new TransportError(`${where}: connection timed out`, 'timeout');
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new TransportError(`${where}: no route to host`, 'timeout');
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ERR_STREAM_PREMATURE_CLOSE':
    case 'ERR_STREAM_DESTROYED':
    case 'ERR_STREAM_WRITE_AFTER_END':
      return new TransportError(`${where}: connection closed by the remote side`, 'closed');
    default:
      return new TransportError(`${where}: ${sanitize(err.message)}`, 'other');
  }
}

/** Asks the previous hop to open a TCP stream to `r` (ssh -J / direct-tcpip). */
function forwardTo(prev: ClientType, r: ResolvedSsh): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    prev.forwardOut('127.0.0.1', 0, r.hostname, r.port, (err, stream) => {
      if (err) {
        const msg = sanitize(err.message || 'open failed');
        const reason = /refused|connect failed/i.test(msg) ? 'refused' : /resolve|name/i.test(msg) ? 'dns' : 'other';
        reject(new TransportError(`${r.hostname} port ${r.port}: the jump host could not connect (${msg})`, reason));
      } else resolve(stream);
    });
  });
}

/** SSH handshake, host key check and authentication over an open stream; `onKeyExchange` once the keys are exchanged. */
function handshake(r: ResolvedSsh, sock: Duplex, ctx: ConnectContext, onKeyExchange?: () => void): Promise<ClientType> {
  const client = new Client();
  const log: AuthLog = { tried: [], offered: null };
  const auth = makeAuthHandler(r, ctx.prompts, ctx.memory, ctx.home, log);
  const name = hostKeyLookupName(r);
  let hostKeyError: string | null = null;
  let hostKeyRetry: string | undefined;
  let settled = false;
  const ms = timeoutOf(r, ctx);
  const aliveSec = r.serverAliveInterval > 0 ? r.serverAliveInterval : 15;
  return new Promise((resolve, reject) => {
    const fail = (e: TransportError) => {
      if (settled) return;
      settled = true;
      clearTimeout(bannerTimer);
      client.removeAllListeners('ready');
      client.on('error', () => undefined);
      client.end();
      sock.destroy();
      reject(e);
    };
    // Until the server shows its host key; prompts after that are not timed.
    const bannerTimer = setTimeout(() => fail(new TransportError(`${r.hostname} port ${r.port}: no SSH answer within ${Math.round(ms / 1000)} s`, 'timeout')), ms);
    const config: ConnectConfig = {
      sock: sock as unknown as ConnectConfig['sock'],
      username: r.user,
      readyTimeout: 0,
      keepaliveInterval: aliveSec * 1000,
      keepaliveCountMax: r.serverAliveCountMax,
      authHandler: auth.handler,
      algorithms: { serverHostKey: hostKeyAlgorithms(preferredHostKeyTypes(r)) as never },
      hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => {
        clearTimeout(bannerTimer);
        const seen = ctx.accepted.get(name);
        if (seen && seen.equals(key)) return verify(true);
        const ip = (sock as Socket).remoteAddress;
        verifyHostKey(r, key, ctx.prompts, ip).then(
          (res) => {
            if (res.ok) ctx.accepted.set(name, Buffer.from(key));
            else {
              hostKeyError = res.error;
              hostKeyRetry = res.retryOption;
            }
            verify(res.ok);
          },
          (err: Error) => {
            hostKeyError = `${name}: host key check failed: ${err.message}`;
            verify(false);
          },
        );
      },
    };
    // ssh2 says 'handshake' once the key exchange is done: after hostVerifier accepted the key.
    if (onKeyExchange) client.once('handshake', () => !settled && onKeyExchange());
    client.once('ready', () => {
      if (settled) return;
      settled = true;
      clearTimeout(bannerTimer);
      auth.succeeded();
      client.on('error', () => undefined); // later errors surface as 'close' in the channel
      resolve(client);
    });
    client.on('error', (err: Error & { level?: string; code?: string }) => {
      if (hostKeyError !== null) return fail(new TransportError(hostKeyError, 'hostkey', hostKeyRetry));
      if (err.level === 'client-authentication') return fail(new TransportError(authFailureLine(r, log), 'auth'));
      if (err.level === 'client-timeout') return fail(new TransportError(`${r.hostname} port ${r.port}: timed out`, 'timeout'));
      if (err.code) return fail(socketError(r, err as NodeJS.ErrnoException));
      if (/lost before handshake/i.test(err.message)) return fail(new TransportError(`${r.hostname} port ${r.port}: connection closed during the SSH handshake`, 'closed'));
      if (/verification failed|host denied/i.test(err.message)) return fail(new TransportError(`${hostKeyName(r.hostname, r.port)}: host key verification failed`, 'hostkey'));
      fail(new TransportError(`${r.hostname} port ${r.port}: ${sanitize(err.message)}`, 'protocol'));
    });
    client.on('close', () => {
      if (hostKeyError !== null) return fail(new TransportError(hostKeyError, 'hostkey', hostKeyRetry));
      fail(new TransportError(`${r.hostname} port ${r.port}: connection closed during the SSH handshake`, 'closed'));
    });
    try {
      client.connect(config);
    } catch (err) {
      fail(new TransportError(`${r.hostname}: ${(err as Error).message}`, 'other'));
    }
  });
}
