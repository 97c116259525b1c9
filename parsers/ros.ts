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

// Docker status texts, anchored at the end of the row (the command before them is free text).
const STATE =
  /\s+((?:Up|Exited \(-?\d+\)|Restarting \(-?\d+\)) .*?(?: \((?:Paused|healthy|unhealthy|health: starting)\))?|Created|Dead|Removal In Progress|Paused)((?:\s+\S*(?:\d+\/(?:tcp|udp|sctp))\S*)*)\s*$/;

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
    const m = STATE.exec(rest);
    if (!m) {
      rows.push({ name: sanitize(name), command: sanitize(rest.trim()), state: '', ports: '' });
      issues.push({ line: i + 1, message: `ros service ps: no state found for ${sanitize(name)}` });
      return;
    }
    rows.push({
      name: sanitize(name),
      command: sanitize(rest.slice(0, m.index).trim()),
      state: sanitize(m[1].trim()),
      ports: sanitize((m[2] ?? '').trim()),
    });
  });
  return parsed(rows, issues);
}
