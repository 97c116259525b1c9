import { randomBytes } from 'node:crypto';
import { containerMode, finishLogs } from '../engines/logs-read.js';
import { type After, newLines, nextAfter } from '../logs/follow.js';
import { buildLogsScript, type LogsRequest, readLogsSteps } from '../logs/script.js';
import { sanitize } from '../../parsers/sanitize.js';
import { ringAppend } from '../store/logs.js';
import type { AppStore } from '../store/store.js';
import type { LogsData } from '../store/types.js';
import type { ShellAccess, TickRide, TickRider } from '../transport/types.js';

export interface LogsRiderOptions {
  sudo: boolean;
  /** The ring's bound (`--log-lines`). */
  ringLines: number;
  /** The target's label, for the error lines. */
  host: string;
  /** `--host-root DIR`: the host's journal, files and sockets under DIR. */
  hostRoot?: string;
}

/** Lines of the first read of a target: a few screens back, not the whole ring. */
export const FIRST_READ_LINES = 500;
/** Bytes kept of each step of a read in a tick (the tick's own byte limit grows by the read's). */
export const TICK_LOG_CAP = 4 * 1024 * 1024;

/**
 * The Logs tab's reads, riding in the refresh ticks: the first read of a
 * target (after `L`), then, while following and the tab is on screen, one read
 * per tick of only what came after the last (journal cursor, file offset,
 * container time). Answers for a target the user has left are dropped.
 * Containers are read as `cosi logs` reads them: the tick's script discovers
 * the engines, then the Engine API over the forwarded socket, the CLI in one
 * more script only where the API cannot reach (--via: the CLI in the tick).
 */
export function createLogsRider(store: AppStore, o: LogsRiderOptions): TickRider {
  let after: After | undefined;
  return {
    take(access: ShellAccess): TickRide | null {
      const s = store.getState();
      const ui = s.ui.logs;
      if (!ui.target) return null;
      const d = s.logs;
      const fresh = !d || d.request !== ui.request;
      if (!fresh && !(ui.follow && s.ui.tab === 'logs' && d.state !== 'loading')) return null;
      const request = ui.request;
      const target = ui.target;
      if (fresh) {
        after = undefined;
        store.setState({ logs: { request, target, state: 'loading', lines: [], first: 0, from: null, error: null, notes: [] } });
      }
      const since = fresh ? undefined : after;
      const req: LogsRequest = { target: target.target, lines: fresh ? Math.min(FIRST_READ_LINES, o.ringLines) : o.ringLines, sudo: o.sudo, capBytes: TICK_LOG_CAP, after: since, ...(o.hostRoot ? { hostRoot: o.hostRoot } : {}) };
      const nonce = randomBytes(12).toString('hex');
      const mode = containerMode(req, access);
      const current = (): LogsData | null => {
        const now = store.getState();
        return now.logs && now.logs.request === request && now.ui.logs.request === request ? now.logs : null;
      };
      return {
        script: buildLogsScript(req, nonce, mode),
        maxBytes: 8 * TICK_LOG_CAP,
        async answer(output) {
          if (!current()) return;
          const steps = readLogsSteps(output, nonce);
          const res = await finishLogs(req, mode, steps, access, o.host);
          // The user may have left the target while the containers were read.
          const was = current();
          if (!was) return;
          if (!res.ok) {
            // A followed read that failed keeps the lines it has and says why.
            store.setState({ logs: { ...was, state: fresh ? 'error' : 'ok', error: res.error, notes: res.notes } });
            return;
          }
          const from = fresh ? res.from : (was.from ?? res.from);
          const last = was.lines.length ? was.lines[was.lines.length - 1] : null;
          const add = fresh ? res.lines : newLines(since, from, res.lines, last);
          after = nextAfter(since, steps, res.lines);
          store.setState({ logs: ringAppend({ ...was, state: 'ok', from, error: null, notes: res.notes }, add, o.ringLines) });
        },
        fail(reason) {
          const was = current();
          // A first read that never came is read again with the next tick.
          if (was && fresh) store.setState({ logs: null });
          else if (was) store.setState({ logs: { ...was, notes: [`the last read failed: ${sanitize(reason)}`] } });
        },
      };
    },
  };
}
