// One lab operation at a time across processes (several test runs may call
// labUp at once): an exclusive lock file holding the owner's pid; a lock whose
// owner is dead is taken over.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { RUN } from './paths.js';
import { LabError, log } from './run.js';

const LOCK = join(RUN, 'lock');

function ownerAlive(): boolean {
  try {
    const pid = Number(readFileSync(LOCK, 'utf8').trim());
    if (!Number.isInteger(pid) || pid <= 0) return false;
    if (pid === process.pid) return true;
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function withLabLock<T>(what: string, fn: () => Promise<T>, timeoutMs = 600_000): Promise<T> {
  mkdirSync(RUN, { recursive: true });
  const end = Date.now() + timeoutMs;
  let said = false;
  for (;;) {
    try {
      const fd = openSync(LOCK, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      if (!ownerAlive()) {
        rmSync(LOCK, { force: true });
        continue;
      }
      if (Date.now() > end) throw new LabError(`timed out waiting for another lab operation (lock ${LOCK})`);
      if (!said) log(`${what}: waiting for another lab operation to finish`);
      said = true;
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(LOCK, { force: true });
  }
}
