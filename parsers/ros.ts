import { sanitize } from './sanitize.js';
import { lines, parsed, type Parsed, type ParseIssue } from './types.js';

/** One row of RancherOS `ros service ps`. */
export interface RosServiceRow {
  name: string;
  command: string;
  /** Docker's status text: "Up 9 minutes", "Created", "Exited (0) 2 minutes ago"; "" when the row has none. */
  state: string;
  ports: string;
}

const PORT = /\d+\/(?:tcp|udp|sctp)/;
const EXIT_CODE = /^\(-?\d+\)$/;
const BARE_STATES = new Set(['Created', 'Dead', 'Paused']);

/**
 * Splits "COMMAND STATE [PORTS]" where the command is free text: the state
 * is the leftmost word where a docker status text starts ("Up ...",
 * "Exited (N) ...", "Restarting (N) ...", or a bare "Created"/"Dead"/
 * "Paused"/"Removal In Progress" followed only by ports), and the ports are
 * the trailing words that name a port. One pass over the words: linear on
 * any input (a regex here backtracked quadratically on long blank runs).
 */
function splitStatus(rest: string): { command: string; state: string; ports: string } | null {
  const words: { w: string; at: number }[] = [];
  for (const m of rest.matchAll(/\S+/g)) words.push({ w: m[0], at: m.index ?? 0 });
  const n = words.length;
  // portsFrom = the first index from which every word is a port.
  let portsFrom = n;
  while (portsFrom > 0 && PORT.test(words[portsFrom - 1].w)) portsFrom--;
  const onlyPortsAfter = (i: number) => i >= portsFrom;
  for (let i = 0; i < n; i++) {
    const w = words[i].w;
    let end = -1;
    if ((w === 'Up' && i + 1 < n) || ((w === 'Exited' || w === 'Restarting') && EXIT_CODE.test(words[i + 1]?.w ?? ''))) {
      end = Math.max(portsFrom, i + 2);
    } else if (BARE_STATES.has(w) && onlyPortsAfter(i + 1)) {
      end = i + 1;
    } else if (w === 'Removal' && words[i + 1]?.w === 'In' && words[i + 2]?.w === 'Progress' && onlyPortsAfter(i + 3)) {
      end = i + 3;
    }
    if (end < 0) continue;
    const stateEnd = end < n ? words[end].at : rest.length;
    return {
      command: rest.slice(0, words[i].at).trim(),
      state: rest.slice(words[i].at, stateEnd).trim(),
      ports: end < n ? rest.slice(words[end].at).trim() : '',
    };
  }
  return null;
}

/**
 * `ros service ps`: "Name Command State Ports" then one row per service.
 * Columns are space-padded (transcripts often collapse them to one space),
 * so the state is found by its shape at the end of the row and the command
 * is what lies between the name and it.
 */
export function parseRosServicePs(text: string): Parsed<RosServiceRow[]> {
  const rows: RosServiceRow[] = [];
  const issues: ParseIssue[] = [];
  lines(text).forEach((raw, i) => {
    const l = raw.trim();
    if (l === '') return;
    if (i === 0 && /^Name\s+Command\s+State/.test(l)) return;
    const sp = l.search(/\s/);
    if (sp < 0) {
      rows.push({ name: sanitize(l), command: '', state: '', ports: '' });
      issues.push({ line: i + 1, message: 'ros service ps: row has no command or state' });
      return;
    }
    const name = l.slice(0, sp);
    const rest = l.slice(sp);
    const m = splitStatus(rest);
    if (!m) {
      rows.push({ name: sanitize(name), command: sanitize(rest.trim()), state: '', ports: '' });
      issues.push({ line: i + 1, message: `ros service ps: no state found for ${sanitize(name)}` });
      return;
    }
    rows.push({
      name: sanitize(name),
      command: sanitize(m.command),
      state: sanitize(m.state),
      ports: sanitize(m.ports),
    });
  });
  return parsed(rows, issues);
}
