/**
 * The Logs rows of `npm run bench` (issue #14), each group runnable alone with `--only`:
 *   logs-journal  first lines of a unit on the 1,000,000-entry journal: `L` -> frame vs ssh + journalctl
 *   logs-follow   following log-chatty (~1,000 lines/s): RSS growth, keypress -> frame vs not following
 *   logs-tick     opening logs on that journal never delays the refresh tick by more than one tick
 * They need the lab (root) and, for logs-journal and logs-tick, `npx tsx test/lab/lab.ts up journal`;
 * otherwise each row says why it was skipped.
 */
import { distBuilt } from './first-frame.js';
import { firstLinesOnBigJournal, followChatty, journalEntries, LOG_UNIT } from './logs-tui.js';
import { tickWhileOpeningLogs } from './logs-tick.js';
import { measurement, skipped, type Measurement } from './measure.js';
import { labConfig, portOpen } from './ssh.js';

export const LOGS_GROUPS = ['logs-journal', 'logs-follow', 'logs-tick'] as const;
export type LogsGroup = (typeof LOGS_GROUPS)[number];

/** Targets of issue #14, never loosened: a miss is reported as a miss. */
const ROWS = {
  journal: [`logs: first lines of ${LOG_UNIT} on the 1,000,000-entry journal, L -> frame vs \`ssh host journalctl -u UNIT -n 200\``, 'ms', { kind: 'ratio', op: '<=', limit: 1.0 }],
  rss: ['logs: RSS growth while following log-chatty (~1,000 lines/s)', 'MB', { kind: 'value', op: '<=', limit: 50 }],
  keys: ['logs: keypress -> frame while following log-chatty vs before following', 'ms', { kind: 'ratio', op: '<=', limit: 2 }],
  tick: ['logs: longest gap between refresh ticks from L on the 1,000,000-entry journal vs the gap without logs', 'ms', { kind: 'ratio', op: '<=', limit: 2 }],
} as const;
type Row = (typeof ROWS)[keyof typeof ROWS];

export const JOURNAL_ENTRIES = 1_000_000;

export interface LogsBenchOptions {
  root: string;
  quick: boolean;
  noSsh: boolean;
  log: (s: string) => void;
  /** Null when the systemd lab host answers (started when root); else why not. */
  labUp: () => Promise<string | null>;
}

export async function logsRows(groups: readonly LogsGroup[], o: LogsBenchOptions): Promise<Measurement[]> {
  const out: Measurement[] = [];
  const skip = (r: Row, why: string) => out.push(skipped(r[0], r[1], `skipped: ${why}`, r[2]));
  const rowsOf = (g: LogsGroup): Row[] => (g === 'logs-journal' ? [ROWS.journal] : g === 'logs-follow' ? [ROWS.rss, ROWS.keys] : [ROWS.tick]);
  const skipAll = (why: string, gs: readonly LogsGroup[] = groups) => gs.flatMap(rowsOf).forEach((r) => skip(r, why));
  if (o.noSsh) return skipAll('--no-ssh'), out;
  if (process.getuid?.() !== 0) return skipAll('not root (the lab hosts need root: run the bench as root)'), out;
  if (!distBuilt()) return skipAll('dist/ is not built (npm run build)'), out;
  const down = await o.labUp();
  if (down) return skipAll(down), out;
  const config = labConfig(o.root);
  const journalGroups = groups.filter((g) => g !== 'logs-follow');
  let bigJournal = false;
  if (journalGroups.length) {
    const n = await journalEntries(config);
    bigJournal = n !== null && n >= JOURNAL_ENTRIES;
    if (!bigJournal) skipAll(`the journal of lab-coreos has ${n ?? 'unknown'} entries, not ${JOURNAL_ENTRIES} (generate them: npx tsx test/lab/lab.ts up journal, a few minutes)`, journalGroups);
    else o.log(`lab-coreos journal: ${n} entries`);
  }
  if (groups.includes('logs-journal') && bigJournal) {
    const reps = o.quick ? 3 : 7;
    o.log(`first lines of ${LOG_UNIT} on the big journal, ${reps} repetitions...`);
    const f = await firstLinesOnBigJournal(config, reps, o.log);
    out.push(measurement(ROWS.journal[0], f.cosiMs, 'ms', f.sshMs, ROWS.journal[2], `medians of ${f.reps}: \`L\` on its row in Services (cosi connect --sudo, channel open) until the frame shows the lines (the first read asks for 500), vs \`ssh HOST sudo -n journalctl -u ${LOG_UNIT} -n 200 --no-pager\` (OpenSSH, a new connection each time; sudo as cosi's --sudo)`));
  }
  if (groups.includes('logs-follow')) {
    if (!(await portOpen(2222))) skipAll('the RancherOS-like lab host (127.0.0.1:2222) is not up: npx tsx test/lab/lab.ts up', ['logs-follow']);
    else {
      const seconds = o.quick ? 60 : 300;
      o.log(`following log-chatty for ${seconds} s...`);
      const f = await followChatty(config, seconds, o.log);
      out.push(measurement(ROWS.rss[0], f.rssGrowthMB, 'MB', null, ROWS.rss[2], `${seconds} s (${o.quick ? '--quick; 5 min without it' : '5 min'}): highest VmRSS while following minus VmRSS when following began (${f.rssStartMB.toFixed(1)} MB); ${f.lines}`));
      out.push(measurement(ROWS.keys[0], f.followKeyMs, 'ms', f.idleKeyMs, ROWS.keys[2], `\`t\` (timestamps on/off) until the first log line changes, in a 160x45 pty; medians: while following vs the same tab before \`f\`; ${f.lines}`));
    }
  }
  if (groups.includes('logs-tick') && bigJournal) {
    const opens = o.quick ? 3 : 6;
    o.log(`refresh ticks while opening ${LOG_UNIT}'s logs ${opens} times...`);
    const f = await tickWhileOpeningLogs(config, LOG_UNIT, opens, o.log);
    out.push(measurement(ROWS.tick[0], f.maxGapWithLogsMs, 'ms', f.baselineGapMs, ROWS.tick[2], `cosi's refresher and Logs rider in-process over SSH (--sudo, 2 s refresh): the longest gap between two tick ends from the first of ${f.opens} \`L\`s vs the median gap before; the first read took ${f.readMs} ms (median)`));
  }
  return out;
}
