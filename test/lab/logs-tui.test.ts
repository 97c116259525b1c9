// Logs of the systemd lab host's own units, read by cosi as the journal has them:
// in a real terminal (tmux), Services -> crashloop.service -> L shows the lines it prints before
// each exit, and Esc goes back to the same row; `cosi logs` of nostart.service (its program is
// missing) prints PID 1's lines about it, the only place its reason is.
// Everything compared is made and observed first: the test waits until `journalctl` (as root on
// the host) has the lines before cosi runs, and compares with what journalctl prints.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosiAsync } from '../support/cli.js';
import { labUp, sshConfigFor } from './lab.js';
import { onHost } from './support/peers.js';
import { tmuxPane } from './support/tmux.js';

interface JournalEntry {
  __REALTIME_TIMESTAMP: string;
  MESSAGE: string;
  PRIORITY?: string;
  SYSLOG_IDENTIFIER?: string;
  _PID?: string;
  JOB_RESULT?: string;
}

const shq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `journalctl ARGS -o json` as root on the systemd host: one entry per line. */
async function journal(args: string): Promise<JournalEntry[]> {
  const out = await onHost('systemd', `journalctl --no-pager -o json ${args}`);
  return out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as JournalEntry);
}

/** Polls `probe` (up to `ms`) until it returns something other than null. */
async function waitFor<T>(what: string, probe: () => Promise<T | null>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== null) return v;
    if (Date.now() > end) throw new Error(`never happened within ${ms / 1000} s: ${what}`);
    await sleep(500);
  }
}

beforeAll(async () => {
  await labUp('systemd');
}, 600_000);

describe('crashloop.service in the TUI: Services -> L -> its lines -> Esc', () => {
  const pane = tmuxPane('cosi-logs-tui-test');
  const send = (k: string) => pane.tmux(['send-keys', '-t', 'cosi', ...(/^[A-Z][a-z]+$/.test(k) ? [k] : ['-l', k])]);
  /** The pane with SGR attributes: the list cursor is drawn in inverse video (ESC [ 7 m). */
  const screenSgr = () => pane.tmux(['capture-pane', '-p', '-e', '-t', 'cosi']);
  /** Index of the cursor's line (the tab bar above the list draws the current tab inverse too: skipped). */
  const cursorAt = () => screenSgr().split('\n').findIndex((l, i) => i > 3 && /\u001b\[[0-9;]*\b7[;m]/.test(l));
  const selected = () => pane.screen().split('\n')[cursorAt()] ?? '';

  async function seen(re: RegExp, ms: number): Promise<boolean> {
    for (let t = 0; t < ms; t += 200) {
      if (re.test(pane.screen())) return true;
      await sleep(200);
    }
    return false;
  }
  /** Presses `key` until the screen matches `re` (a key that reaches a busy TUI may be dropped). */
  async function press(key: string, re: RegExp): Promise<void> {
    for (let i = 0; i < 8; i++) {
      send(key);
      if (await seen(re, 4000)) return;
    }
    throw new Error(`pressing ${key} never showed ${re}:\n${pane.screen()}`);
  }
  /**
   * Moves the cursor onto the crashloop.service row: its cgroup while its process runs, a yellow
   * row while it waits to restart. On a loaded machine cosi's cost budget may hold the unit list
   * and the tree back for many ticks; a user would press `r` (read everything now), and so does this.
   */
  async function cursorOnCrashloop(): Promise<void> {
    for (let i = 0; i < 60; i++) {
      if (selected().includes('crashloop.service')) return;
      const lines = pane.screen().split('\n');
      const row = lines.findIndex((l) => l.includes('crashloop.service'));
      const at = cursorAt();
      if (row >= 0 && at >= 0) send(row > at ? 'j' : 'k');
      else if (row < 0 && i % 5 === 4) send('r');
      await sleep(700);
    }
    throw new Error(`the cursor never reached crashloop.service:\n${pane.screen()}`);
  }

  beforeAll(() => {
    expect(() => execFileSync('tmux', ['-V']), 'tmux is needed (test/lab/install.sh)').not.toThrow();
  });
  afterAll(() => pane.kill());

  it('shows the message it prints before each exit, as the journal has it, and Esc comes back to its row', async () => {
    // The unit has said why it died at least once: journalctl sees it before cosi runs.
    const fatal = await waitFor('crashloop.service logged an error line', async () => {
      const e = await journal('_SYSTEMD_UNIT=crashloop.service PRIORITY=3 -n 1');
      return e.length ? e[0].MESSAGE : null;
    });
    const { configPath, alias } = sshConfigFor('systemd');
    const cmd = ['cd', shq(process.cwd()), '&&', shq(process.execPath), '--import', 'tsx', 'src/cli.ts', 'connect', '-F', shq(configPath), alias, '--sudo'].join(' ');
    pane.start(`sleep 1; ${cmd}; echo "EXIT=$?"; sleep 600`, 200, 50);
    await pane.waitScreen(/● live/);
    await press('2', /\[2 Services\]/);
    send('/');
    await sleep(500);
    const word = 'crashloop';
    for (let i = 1; i <= word.length; i++) await press(word[i - 1], new RegExp(`filter: ${word.slice(0, i)}`));
    await press('Enter', /j\/k move/);
    // Its cgroup comes and goes with its process (8 s running, 3 s waiting to restart); between
    // two runs it is a yellow row of its own.
    let logs = '';
    for (let attempt = 0; attempt < 5 && !logs; attempt++) {
      await cursorOnCrashloop();
      send('L');
      if (await seen(/Logs · unit crashloop\.service · journal · \d+ lines/, 15_000)) logs = pane.screen();
    }
    expect(logs, pane.screen()).not.toBe('');
    // The lines on screen are the journal's, in its order (journalctl read after cosi holds them all).
    const after = await journal('-u crashloop.service -n 500');
    const journalLines = after.map((e) => `${e.SYSLOG_IDENTIFIER}[${e._PID}]: ${e.MESSAGE}`);
    const body = logs.split('\n').slice(4).map((l) => l.replace(/^\d\d-\d\d \d\d:\d\d:\d\d /, '').trimEnd()).filter(Boolean);
    const shown = body.filter((l) => /^\S+\[\d+\]: /.test(l));
    expect(shown.length).toBeGreaterThan(2);
    // systemd's lines repeat word for word each cycle ("Started crashloop.service."): the shown
    // lines must be one run of the journal's, wherever it starts
    const runAt = journalLines.findIndex((_, i) => shown.every((l, k) => journalLines[i + k] === l));
    expect(runAt, `the lines on screen are not a run of the journal's:\n${shown.join('\n')}`).toBeGreaterThanOrEqual(0);
    expect(shown.some((l) => l.endsWith(`: ${fatal}`)), `"${fatal}" not on screen`).toBe(true);
    // Esc: Services again, the filter kept and the cursor on crashloop.service (once its row is there).
    await press('Escape', /\[2 Services\]/);
    expect(pane.screen()).toContain('filter: crashloop');
    const back = await waitFor('the cursor back on crashloop.service', async () => (selected().includes('crashloop.service') ? selected() : null), 30_000);
    expect(back).toContain('crashloop.service');
    send('q');
    expect(await pane.waitScreen(/EXIT=\d+/)).toContain('EXIT=0');
  });
});

describe('nostart.service: its program is missing, the reason only in PID 1 lines', () => {
  afterAll(async () => {
    // broken.service stays the host's only failed unit for the other tests
    await onHost('systemd', 'systemctl reset-failed nostart.service 2>/dev/null || true');
  });

  it('cosi logs prints the lines journalctl -u has, PID 1 lines included', async () => {
    const failedJobs = async () => (await journal('_PID=1 UNIT=nostart.service JOB_RESULT=failed')).length;
    const before = await failedJobs();
    await onHost('systemd', 'systemctl start --no-block nostart.service');
    await waitFor('PID 1 logged the failed start of nostart.service', async () => ((await failedJobs()) > before ? true : null));
    const { configPath, alias } = sshConfigFor('systemd');
    const r = await cosiAsync(['logs', '-F', configPath, alias, 'nostart.service', '--sudo', '--json', '-n', '200']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const mine = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { time: string; stream: string; priority: number | null; message: string });
    const theirs = await journal('-u nostart.service -n 200');
    expect(theirs.some((e) => e._PID === '1' && e.JOB_RESULT === 'failed')).toBe(true);
    expect(mine.map((l) => [Date.parse(l.time), l.stream, l.priority, l.message])).toEqual(
      theirs.map((e) => [Math.floor(Number(e.__REALTIME_TIMESTAMP) / 1000), `${e.SYSLOG_IDENTIFIER}[${e._PID}]`, e.PRIORITY === undefined ? null : Number(e.PRIORITY), e.MESSAGE]),
    );
  }, 180_000);
});
