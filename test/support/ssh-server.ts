import type { AddressInfo } from 'node:net';
import ssh2 from 'ssh2';

export interface RefusingServer {
  port: number;
  close(): Promise<void>;
}

/**
 * An ssh2 server on 127.0.0.1 with a fresh ed25519 host key that refuses every authentication,
 * naming `methods` as the ones it would accept (a hostile server chooses these words).
 */
export async function startRefusingServer(methods: string[]): Promise<RefusingServer> {
  const { Server } = ssh2;
  const server = new Server({ hostKeys: [hostKey()] }, (client) => {
    client.on('authentication', (ctx) => ctx.reject(methods as never));
    client.on('error', () => undefined);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/**
 * A fresh ed25519 private key that ssh2 can read: about one key in 300 that ssh2 1.17's
 * generateKeyPairSync makes is refused by its own parser ("Malformed OpenSSH private key"), which
 * failed this suite now and then.
 */
export function hostKey(): string {
  for (let i = 0; ; i++) {
    const key = ssh2.utils.generateKeyPairSync('ed25519').private;
    if (!(ssh2.utils.parseKey(key) instanceof Error) || i >= 50) return key;
  }
}
