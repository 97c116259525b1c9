// An OpenSSH server on this machine that forbids socket forwarding
// (AllowStreamLocalForwarding no), with one key-only user in the docker group:
// the host whose engines cosi must read through the docker CLI in the shell.
import { chmodSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { addUser, genKey, removeUser, Sshd, tempDir } from '../sshd-fixture.js';

export interface NoForwardingHost {
  user: string;
  port: number;
  dir: string;
  /** The user's private key. */
  key: string;
  /** `cosi` ssh flags for it: the key, a known_hosts of its own, accept-new. */
  cosiArgs: string[];
  dispose(): Promise<void>;
}

export async function startNoForwardingSshd(user: string, port: number): Promise<NoForwardingHost> {
  const dir = tempDir(`cosi-${user}-`);
  chmodSync(dir, 0o755);
  addUser(user, dir);
  execFileSync('usermod', ['-aG', 'docker', user]);
  const key = genKey(join(dir, 'id'));
  const sshd = new Sshd({ port, settings: 'AllowStreamLocalForwarding no\n' });
  sshd.authorize(user, `${key}.pub`);
  await sshd.start();
  const knownHosts = join(dir, 'known_hosts');
  return {
    user,
    port,
    dir,
    key,
    cosiArgs: ['-i', key, '-F', '/dev/null', '-o', 'StrictHostKeyChecking=accept-new', '-o', `UserKnownHostsFile=${knownHosts}`, `${user}@127.0.0.1:${port}`],
    dispose: async () => {
      await sshd.dispose();
      removeUser(user);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
