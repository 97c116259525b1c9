/**
 * Logs rows of `npm run bench` that drive the real TUI (`node bin/cosi.js connect`, the compiled
 * dist/) in a pty on the lab hosts (bench/pty-screen.ts):
 * - the first lines of crashloop.service on the systemd host's 1,000,000-entry journal
 *   (`npx tsx test/lab/lab.ts up journal`), from `L` to the frame that shows them, vs OpenSSH
 *   opening a connection to run `journalctl -u UNIT -n 200 --no-pager` (through `sudo -n`, as
 *   cosi's --sudo: the lab's core user is not in systemd-journal);
 * - following log-chatty (~1,000 lines/s, the user docker, read from the RancherOS-like console):
 *   cosi's RSS growth and keypress -> frame while following vs before following.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { median } from './measure.js';
import { ptyScreen, type PtyScreen } from './pty-screen.js';
import { ROOT } from './first-frame.js';

export const LOG_UNIT = 'crashloop.service';
const COLS = 160;
const ROWS = 45;
/** cosi as users run it (the compiled dist/, its bundle). */
const CLI = ['bin/cosi.js'];
/** Screen lines above a list or the log lines: header, status, tab bar, title. */
const TOP = 4;

function runSsh(config: string, host: string, command: string): Promise<{ ms: number; code: number | null; out: string }> {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const c = spawn('ssh', ['-F', config, '-o', 'ControlMaster=no', '-o', 'ControlPath=none', host, command], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    c.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    c.once('close', (code) => resolve({ ms: Number(process.hrtime.bigint() - t0) / 1e6, code, out }));
  });
}

/** Entries in the systemd host's journal (files' headers), or null when it cannot be read. */
export async function journalEntries(config: string): Promise<number | null> {
  const r = await runSsh(config, 'lab-coreos', 'sudo -n journalctl --header --no-pager');
  if (r.code !== 0) return null;
  return [...r.out.matchAll(/^Entry [Oo]bjects: (\d+)$/gm)].reduce((n, m) => n + Number(m[1]), 0);
}

function rssKiB(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

/** Presses `key` until `ok` holds (a key reaching a busy TUI may be dropped). */
async function press(s: PtyScreen, key: string, ok: (l: string[]) => boolean, what: string): Promise<void> {
  for (let i = 0; i < 8; i++) {
    s.press(key);
    try {
      await s.until(ok, 5000);
      return;
    } catch {
      // pressed again
    }
  }
  throw new Error(`pressing ${JSON.stringify(key)} never showed ${what}:\n${s.lines().join('\n')}`);
}

/** Connects, goes to `tab` (its key), filters for `word` and puts the cursor on the row holding `row`. */
async function openAt(args: string[], tab: string, tabName: string, word: string): Promise<PtyScreen> {
  const s = ptyScreen(args, COLS, ROWS);
  await s.until((l) => l.some((x) => x.includes('● live')), 90_000);
  await press(s, tab, (l) => l.some((x) => x.includes(`[${tab} ${tabName}]`)), `the ${tabName} tab`);
  // The filter, char by char; a dropped or doubled char shows in the prompt: cleared (Esc) and typed again.
  const typed = (l: string[]) => l.some((x) => x.trimEnd().startsWith(`/${word}`) && x.includes('Enter keep'));
  for (let attempt = 0; ; attempt++) {
    await press(s, '/', (l) => l.some((x) => /^\/\S*\s+Enter keep/.test(x)), 'the filter prompt');
    for (const c of word) {
      s.press(c);
      await sleep(300);
    }
    try {
      await s.until((l) => typed(l) && l.some((x) => new RegExp(`^/${word}\\s`).test(x)), 10_000);
      break;
    } catch {
      if (attempt >= 3) throw new Error(`the filter never read ${word}:\n${s.lines().join('\n')}`);
      await press(s, '\u001b', (l) => !l.some((x) => x.includes('Enter keep')), 'the filter cleared');
    }
  }
  await press(s, '\r', (l) => l.some((x) => x.includes('j/k move')), 'the list');
  return s;
}

/** Moves the cursor onto the row that contains `row` (rows may come and go: polled). */
async function cursorOn(s: PtyScreen, row: string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    const at = s.inverseLine(TOP);
    const l = s.lines();
    if (at >= 0 && l[at]!.includes(row)) return;
    const want = l.findIndex((x, j) => j >= TOP && x.includes(row));
    if (want >= 0 && at >= 0) s.press(want > at ? 'j' : 'k');
    await sleep(400);
  }
  throw new Error(`the cursor never reached ${row}:\n${s.lines().join('\n')}`);
}

const logsShown = (title: RegExp) => (l: string[]) => l.some((x) => title.test(x)) && l.slice(TOP + 1).filter((x) => x.trim()).length > 10;

export interface JournalFigures {
  cosiMs: number;
  sshMs: number;
  reps: number;
}

/** `L` on crashloop.service -> the frame with its lines, vs ssh + journalctl -n 200, alternately. */
export async function firstLinesOnBigJournal(config: string, reps: number, log: (s: string) => void): Promise<JournalFigures> {
  const s = await openAt([process.execPath, ...CLI, 'connect', '-F', config, 'lab-coreos', '--sudo'], '2', 'Services', 'crashloop');
  const cosi: number[] = [];
  const ssh: number[] = [];
  try {
    for (let i = 0; i < reps; i++) {
      await cursorOn(s, LOG_UNIT);
      const t0 = process.hrtime.bigint();
      s.press('L');
      cosi.push(await s.until(logsShown(new RegExp(`Logs · unit ${LOG_UNIT.replace('.', '\\.')} · journal · \\d+ lines`)), 120_000, t0));
      const r = await runSsh(config, 'lab-coreos', `sudo -n journalctl -u ${LOG_UNIT} -n 200 --no-pager`);
      if (r.code !== 0 || r.out.split('\n').length < 50) throw new Error(`ssh journalctl failed (${r.code}): ${r.out.slice(0, 200)}`);
      ssh.push(r.ms);
      log(`  L -> lines ${cosi.at(-1)!.toFixed(0)} ms; ssh journalctl ${r.ms.toFixed(0)} ms`);
      await press(s, '\u001b', (l) => l.some((x) => x.includes('[2 Services]')), 'Services again');
    }
  } finally {
    await s.close();
  }
  return { cosiMs: median(cosi), sshMs: median(ssh), reps };
}

export interface FollowFigures {
  rssGrowthMB: number;
  rssStartMB: number;
  followKeyMs: number;
  idleKeyMs: number;
  seconds: number;
  lines: string;
}

/** `t` (timestamps on/off) -> the frame where the first log line has (or lost) its time. */
async function toggleTime(s: PtyScreen): Promise<number> {
  const stamped = (l: string[]) => /^\d\d-\d\d \d\d:\d\d:\d\d /.test(l[TOP] ?? '');
  const was = stamped(s.lines());
  const t0 = process.hrtime.bigint();
  s.press('t');
  // A key that never gets its frame is counted at the timeout (and as lost): a miss, not a crash.
  return s.until((l) => stamped(l) !== was, LOST_KEY_MS, t0).catch(() => LOST_KEY_MS);
}
const LOST_KEY_MS = 10_000;

/** Follows log-chatty for `seconds`: RSS growth, and `t` -> frame while following vs before. */
export async function followChatty(config: string, seconds: number, log: (s: string) => void): Promise<FollowFigures> {
  const s = await openAt([process.execPath, ...CLI, 'connect', '-F', config, 'lab-rancher'], '4', 'Engines', 'log-chatty');
  try {
    await cursorOn(s, 'log-chatty');
    await press(s, 'L', logsShown(/Logs · container log-chatty/), 'the logs of log-chatty');
    const idle: number[] = [];
    for (let i = 0; i < 10; i++) {
      idle.push(await toggleTime(s));
      await sleep(300);
    }
    const pid = s.pid();
    await press(s, 'f', (l) => l.some((x) => /following/.test(x)), 'following');
    await sleep(3000);
    const rss0 = rssKiB(pid);
    let rssMax = rss0;
    const follow: number[] = [];
    const end = Date.now() + seconds * 1000;
    while (Date.now() < end) {
      await sleep(2000);
      follow.push(await toggleTime(s));
      rssMax = Math.max(rssMax, rssKiB(pid));
    }
    const title = s.lines().find((x) => x.startsWith('Logs ·')) ?? '';
    log(`  following ${seconds} s: RSS ${(rss0 / 1024).toFixed(1)} -> max ${(rssMax / 1024).toFixed(1)} MB; t -> frame ${median(idle).toFixed(0)} ms before, ${median(follow).toFixed(0)} ms following; ${title.trim()}`);
    const lost = [...idle, ...follow].filter((x) => x >= LOST_KEY_MS).length;
    const lines = `${title.trim()}${lost ? `; ${lost} of ${idle.length + follow.length} t presses never got their frame (counted as ${LOST_KEY_MS / 1000} s)` : ''}`;
    return { rssGrowthMB: (rssMax - rss0) / 1024, rssStartMB: rss0 / 1024, followKeyMs: median(follow), idleKeyMs: median(idle), seconds, lines };
  } finally {
    await s.close();
  }
}

export { ROOT };
