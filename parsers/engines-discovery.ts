/**
 * Engines discovery section: which engine sockets exist and whether we may
 * open them, which engine tools are installed, and the state of their
 * systemd units. Lines: `socket PATH rw|denied`, `tool NAME PATH`,
 * `init COMM` (PID 1's name), `unit NAME STATE` and, for a rootless podman
 * socket, `userunit UID NAME STATE` (STATE may be empty when systemctl printed
 * nothing).
 */
import { excerpt, sanitize } from './sanitize.js';
import { lines, type Parsed, type ParseIssue } from './types.js';
import { issue } from './issues.js';

export interface EngineSocket {
  path: string;
  access: 'rw' | 'denied';
}

export interface EnginesDiscovery {
  sockets: EngineSocket[];
  /** Tool name -> its path ("docker" -> "/usr/bin/docker"). */
  tools: Record<string, string>;
  /** Unit name -> `systemctl is-active` answer ("active", "inactive", "failed", ...; "" when none). */
  units: Record<string, string>;
  /** PID 1's command name when the probe said it ("systemd"); absent in older snapshots. */
  init?: string;
  /** uid -> that user's units (`systemctl --user is-active`), for rootless podman sockets. */
  userUnits?: Record<string, Record<string, string>>;
}

export function parseEnginesDiscovery(text: string): Parsed<EnginesDiscovery> {
  const issues: ParseIssue[] = [];
  const value: EnginesDiscovery = { sockets: [], tools: {}, units: {} };
  const all = lines(text);
  for (let n = 0; n < all.length; n++) {
    const line = all[n]!;
    if (line.trim() === '') continue;
    const kind = line.split(' ', 1)[0];
    const rest = line.slice(kind!.length + 1);
    if (kind === 'socket') {
      const m = /^(.+) (rw|denied)$/.exec(rest.trimEnd());
      if (m) value.sockets.push({ path: sanitize(m[1]!), access: m[2] as 'rw' | 'denied' });
      else issues.push(issue('discovery-bad-socket', { text: excerpt(line) }, n + 1));
    } else if (kind === 'tool') {
      const m = /^(\S+) (.+)$/.exec(rest.trimEnd());
      if (m) put(value.tools, m[1]!, m[2]!);
      else issues.push(issue('discovery-bad-tool', { text: excerpt(line) }, n + 1));
    } else if (kind === 'unit') {
      readUnits(rest, value.units, n + 1, issues);
    } else if (kind === 'init') {
      value.init = sanitize(rest.trim());
    } else if (kind === 'userunit') {
      const m = /^(\d{1,10}) (\S+) ?(.*)$/.exec(rest);
      if (!m) issues.push(issue('discovery-bad-userunit', { text: excerpt(line) }, n + 1));
      else {
        value.userUnits ??= Object.create(null) as Record<string, Record<string, string>>;
        const forUid = (value.userUnits[m[1]!] ??= Object.create(null) as Record<string, string>);
        put(forUid, m[2]!, m[3]!.trim());
      }
    } else {
      issues.push(issue('discovery-unknown-line', { text: excerpt(line) }, n + 1));
    }
  }
  return { value, issues };
}

/**
 * `unit NAME STATE`. When systemctl prints nothing (no bus access), the
 * probe's `printf 'unit %s '` lines run together on one line:
 * `unit a.service unit b.socket ...`: each NAME then has no state.
 */
function readUnits(rest: string, units: Record<string, string>, line: number, issues: ParseIssue[]): void {
  const words = rest.split(' ').filter((w) => w !== '');
  if (words.length === 0) {
    issues.push(issue('discovery-unit-no-name', {}, line));
    return;
  }
  let i = 0;
  while (i < words.length) {
    const name = words[i]!;
    const next = words[i + 1];
    if (next === undefined || next === 'unit') {
      put(units, name, '');
      i += 2;
    } else {
      put(units, name, words.slice(i + 1).join(' '));
      return;
    }
  }
}

/** Own property even for a host-chosen key like "__proto__". */
function put(rec: Record<string, string>, key: string, val: string): void {
  Object.defineProperty(rec, sanitize(key), { value: sanitize(val), enumerable: true, writable: true, configurable: true });
}
