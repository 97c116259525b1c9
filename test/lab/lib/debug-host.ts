// A "debug container" host, as `kubectl debug node/NAME` or Bottlerocket's admin container give:
// a privileged container on the lab's user docker with this machine's root at /host (read-only)
// and the machine's PID namespace, reached with `--via` and `--host-root /host`. Not part of
// `lab up`: test/lab/host-root.test.ts starts it (idempotent) and `lab down` removes it (it has
// the lab's label).
import { DAEMONS, dockerAt } from './daemons.js';
import { ensureContainer, PRIVILEGED_OPTIONS } from './containers.js';
import { ensureDebianImage } from './images.js';
import { waitFor } from './run.js';

export const DEBUG_CONTAINER = 'cosi-debug';
export const DEBUG_HOST_ROOT = '/host';

export interface DebugHost {
  /** `--via` command: a shell in the debug container. */
  via: string;
  hostRoot: string;
}

export async function ensureDebugHost(): Promise<DebugHost> {
  const user = DAEMONS.docker;
  const image = ensureDebianImage(user);
  ensureContainer(user, {
    name: DEBUG_CONTAINER,
    image,
    want: 'running',
    options: [
      '--pid', 'host', '--net', 'none',
      ...PRIVILEGED_OPTIONS,
      // docker binds recursively: the host's submounts (/proc, /run, /sys/fs/cgroup ...) are under /host too.
      '-v', `/:${DEBUG_HOST_ROOT}:ro`,
      // The debug image brings its own docker CLI (here: the machine's), as a node shell image would.
      '-v', '/usr/bin/docker:/usr/local/bin/docker:ro',
    ],
    command: ['sleep', 'infinity'],
  });
  await waitFor(`${DEBUG_CONTAINER} to answer`, () => dockerAt(user, ['exec', DEBUG_CONTAINER, 'test', '-e', `${DEBUG_HOST_ROOT}/etc/os-release`], { allowFail: true, timeoutMs: 10_000 }).status === 0, 30_000, 300);
  return { via: `docker -H unix://${user.socket} exec -i ${DEBUG_CONTAINER} sh`, hostRoot: DEBUG_HOST_ROOT };
}
