/**
 * The counters of the cgroups on screen (issue #13): while the cost budget holds the cgroup tree
 * back (minutes on a big node), each tick reads only the counter files of the cgroups whose rows
 * the user sees, so their CPU, memory and tasks stay live.
 *
 * The paths come from the host (a container or unit name may hold quotes, $, backticks): they
 * reach the script as data, one single-quoted shell word of lines that a builtin loop splits, and
 * never as code. A path with a newline, a `..` or `.` component, a backslash (the sanitizer's
 * escapes: not the host's real name) or any control character is not asked for; every file read is
 * <a cgroup mount point the cgroups section listed> + <path> + <a counter file name of ours>.
 * The body (counters-script.ts) is inline: builtins only, no process.
 */
import { unmangle } from '../../parsers/mountinfo.js';
import { shQuote } from './build.js';

/** Cgroups asked for in one tick at most (a screen's rows of two lists, with room). */
export const MAX_COUNTER_PATHS = 200;

/** A path this section may ask for: absolute, printable, no newline, no `.`/`..` component, no backslash. */
export function askablePath(p: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (!p.startsWith('/') || /[\u0000-\u001f\u007f-\u009f\\]/.test(p)) return false;
  return !p.split('/').some((c) => c === '.' || c === '..');
}

/** A hierarchy's "@root KIND MOUNTPOINT" line of the cgroups section's text (they come first). */
interface Root {
  kind: string;
  mp: string;
}

function rootsOf(cgroupsText: string): Root[] {
  const out: Root[] = [];
  let at = 0;
  while (at < cgroupsText.length) {
    const end = cgroupsText.indexOf('\n', at);
    const line = cgroupsText.slice(at, end < 0 ? undefined : end);
    at = end < 0 ? cgroupsText.length : end + 1;
    if (!line.startsWith('@')) break;
    const m = /^@root (\S+) (\/.*)$/.exec(line);
    if (m) out.push({ kind: m[1]!, mp: unmangle(m[2]!).replace(/\/+$/, '') });
  }
  return out;
}

/**
 * The counter files of each hierarchy, as the cgroups section reads them (scripts.ts): v1's
 * memory, pids and cpu hierarchies where mounted, else the unified one's; none for the others.
 */
function filesOf(kind: string, kinds: Set<string>): string {
  if (kind === 'memory') return 'memory.usage_in_bytes';
  if (kind === 'pids') return 'pids.current';
  if (kind === 'cpu') return 'cpuacct.usage cpu.stat';
  if (kind !== 'unified') return '';
  return [kinds.has('cpu') ? '' : 'cpu.stat', kinds.has('memory') ? '' : 'memory.current', kinds.has('pids') ? '' : 'pids.current'].filter(Boolean).join(' ');
}

/**
 * The data of one tick's read (`_cosi_cq=...`, one single-quoted word), or null when there is
 * nothing to read: no askable path, or no hierarchy with counters in the cgroups section's text.
 */
export function counterData(cgroupsText: string, paths: readonly string[]): string | null {
  const asked = [...new Set(paths)].filter(askablePath).slice(0, MAX_COUNTER_PATHS);
  if (asked.length === 0) return null;
  const roots = rootsOf(cgroupsText);
  const kinds = new Set(roots.map((r) => r.kind));
  const lines: string[] = [];
  for (const r of roots) {
    const files = filesOf(r.kind, kinds);
    if (files === '' || r.mp.includes('\n') || !r.mp.startsWith('/')) continue;
    lines.push(`r${r.mp}`, ...files.split(' ').map((f) => `f${f}`), ...asked.map((p) => `p${p === '/' ? '' : p}`));
  }
  if (lines.length === 0) return null;
  return `_cosi_cq=${shQuote(lines.join('\n') + '\n')}`;
}
