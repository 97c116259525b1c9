// Exclusive lock files holding their owner's pid; a lock whose owner is dead is
// taken over. Used for one lab operation at a time across processes (several
// test runs may call labUp at once) and for one lab test run per machine.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RUN } from './paths.js';
import { LabError, log } from './run.js';

const LOCK = join(RUN, 'lock');

function ownerAlive(lock: string): boolean {
  try {
    const pid = Number(readFileSync(lock, 'utf8').trim());
    if (!Number.isInteger(pid) || pid <= 0) return false;
    if (pid === process.pid) return true;
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits (up to `timeoutMs`) until `lock` is ours; says `waiting` once if it has to wait. Returns the release. */
export async function acquirePidLock(lock: string, waiting: string, timeoutMs: number, pollMs = 300): Promise<() => void> {
  mkdirSync(dirname(lock), { recursive: true });
  const end = Date.now() + timeoutMs;
  let said = false;
  for (;;) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return () => rmSync(lock, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      if (!ownerAlive(lock)) {
        rmSync(lock, { force: true });
        continue;
      }
      if (Date.now() > end) throw new LabError(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${lock}`);
      if (!said) log(waiting);
      said = true;
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }
}

export async function withLabLock<T>(what: string, fn: () => Promise<T>, timeoutMs = 600_000): Promise<T> {
  const release = await acquirePidLock(LOCK, `${what}: waiting for another lab operation to finish`, timeoutMs);
  try {
    return await fn();
  } finally {
    release();
  }
}
