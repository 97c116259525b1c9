import type { LogLine } from '../../parsers/log-line.js';
import { sanitize } from '../../parsers/sanitize.js';
import { type LogsAccess, readLogsWithSteps } from '../engines/logs-read.js';
import { newLines, nextAfter } from '../logs/follow.js';
import type { LogsStep, LogsRequest } from '../logs/script.js';
import { say } from '../say.js';

/** Seconds between two followed reads. */
export const FOLLOW_INTERVAL_MS = 2000;

/**
 * `cosi logs -f`: after the first read, every 2 s one read of only what came
 * after the last (journal cursor, file offset, container time: the Logs tab's
 * follow, src/logs/follow.ts), new lines handed to `emit`. Returns when
 * SIGINT or SIGTERM arrives (a read under way is left; the caller closes the
 * shell, which kills its process group). A read that fails is said and the
 * next one tried.
 */
export async function followLogs(req: LogsRequest, access: LogsAccess, host: string, first: { steps: Map<string, LogsStep>; lines: LogLine[]; from: string }, emit: (lines: LogLine[]) => void): Promise<void> {
  let stopNow: () => void = () => {};
  const stop = new Promise<'stop'>((resolve) => (stopNow = () => resolve('stop')));
  // Our own handlers: process-group.ts then leaves the signal to us (cosi exits 0, not of the signal).
  const signals = ['SIGINT', 'SIGTERM'] as const;
  for (const sig of signals) process.once(sig, stopNow);
  try {
    let after = nextAfter(undefined, first.steps, first.lines);
    let last = first.lines.length ? first.lines[first.lines.length - 1]! : null;
    for (;;) {
      let timer: NodeJS.Timeout | undefined;
      const waited = await Promise.race([stop, new Promise<'tick'>((resolve) => (timer = setTimeout(() => resolve('tick'), FOLLOW_INTERVAL_MS)))]);
      clearTimeout(timer);
      if (waited === 'stop') return;
      const since = after;
      const read = readLogsWithSteps({ ...req, after: since }, access, host).then(
        (r) => ({ r }),
        (e: unknown) => ({ e }),
      );
      const got = await Promise.race([stop, read]);
      if (got === 'stop') return;
      if ('e' in got) throw got.e;
      const { res, steps } = got.r;
      if (!res.ok) {
        say(`the last read failed: ${sanitize(res.error)}`);
        continue;
      }
      const add = newLines(since, first.from, res.lines, last);
      after = nextAfter(since, steps, res.lines);
      if (add.length) {
        last = add[add.length - 1]!;
        emit(add);
      }
    }
  } finally {
    for (const sig of signals) process.off(sig, stopNow);
  }
}
