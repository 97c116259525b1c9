// One lab test run at a time on a machine: the lab's hosts, ports (2222-2259)
// and test accounts are shared, so a second run (another checkout, a developer
// running one file) waits here instead of racing the first one's users and keys.
import { join } from 'node:path';
import { RUN } from './lib/paths.js';
import { acquirePidLock } from './lib/lock.js';

export async function setup(): Promise<() => void> {
  const lock = join(RUN, 'test-run.lock');
  return acquirePidLock(lock, `another lab test run is going on (${lock}); waiting for it`, 45 * 60_000, 1000);
}
