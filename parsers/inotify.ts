/**
 * The inotify section: "@pid PID UID COMM" per process holding inotify instances, then
 * "/proc/PID/fdinfo/FD:N" per instance (N = its watches, the "inotify wd:" lines of its fdinfo).
 */
import { excerpt, sanitize } from './sanitize.js';
import { issue, type ParseIssue } from './issues.js';
import { lines, type Parsed } from './types.js';

export interface InotifyHolder {
  pid: number;
  /** Real uid: the per-user limits (max_user_instances, max_user_watches) count per user. */
  uid: number;
  comm: string;
  instances: number;
  watches: number;
}

const PID = /^@pid (\d{1,10}) (\d{1,10}) ?(.*)$/;
const FD = /^\/proc\/(\d{1,10})\/fdinfo\/\d{1,10}:(\d{1,10})$/;

/** Holders in the order the probe named them; instances of a pid it did not name are left out. */
export function parseInotify(text: string): Parsed<InotifyHolder[]> {
  const issues: ParseIssue[] = [];
  const byPid = new Map<number, InotifyHolder>();
  lines(text).forEach((raw, i) => {
    if (raw.trim() === '') return;
    const p = PID.exec(raw);
    if (p) {
      byPid.set(Number(p[1]), { pid: Number(p[1]), uid: Number(p[2]), comm: sanitize(p[3]), instances: 0, watches: 0 });
      return;
    }
    const f = FD.exec(raw);
    if (!f) {
      issues.push(issue('inotify-bad-line', { text: excerpt(raw) }, i + 1));
      return;
    }
    const h = byPid.get(Number(f[1]));
    if (!h) return;
    h.instances++;
    h.watches += Number(f[2]);
  });
  return { value: [...byPid.values()], issues };
}
