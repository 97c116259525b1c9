// One lab test run at a time on a machine: the lab's hosts, ports (2222-2239)
// and test accounts are shared, so a second run (another checkout, a developer
// running one file) waits here instead of racing the first one's users and keys.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { RUN } from './lib/paths.js';

const LOCK = join(RUN, 'test-run.lock');
const WAIT_MS = 45 * 60_000;

function holderAlive(): boolean {
  try {
    const pid = Number(readFileSync(LOCK, 'utf8').trim());
    if (!Number.isInteger(pid) || pid <= 0) return false;
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function setup(): Promise<() => void> {
  mkdirSync(RUN, { recursive: true });
  const end = Date.now() + WAIT_MS;
  let said = false;
  for (;;) {
    try {
      const fd = openSync(LOCK, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      if (!holderAlive()) {
        rmSync(LOCK, { force: true });
        continue;
      }
      if (Date.now() > end) throw new Error(`another lab test run still holds ${LOCK} after ${WAIT_MS / 60_000} min`);
      if (!said) process.stderr.write(`lab: another lab test run is going on (${LOCK}); waiting for it\n`);
      said = true;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  return () => rmSync(LOCK, { force: true });
}
