/**
 * Keypress -> frame live: `cosi connect HOST` in a 160x45 pty (bench/pty-screen.ts), refreshing
 * every 2 s as users run it; on Mounts and on Services, `j` and `k` in turn, each timed from the
 * key to the frame where the list's cursor (the inverse row) has moved, as the bytes arrive. Keys
 * reach the TUI while its ticks arrive and are parsed, which is what a replay cannot show.
 */
import { median } from './measure.js';
import { ptyScreen, type PtyScreen } from './pty-screen.js';

const COLS = 160;
const ROWS = 45;
/** The first list row below the header and the tab bar. */
const TOP = 4;
/** A key whose frame never comes counts as this (and the run goes on). */
export const LOST_KEY_MS = 10_000;

export interface LiveKeys {
  /** ms per keypress, every tab. */
  all: number[];
  lost: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function tabShown(s: PtyScreen, key: string, title: string): Promise<void> {
  for (let i = 0; i < 8; i++) {
    s.press(key);
    try {
      await s.until((l) => l.some((x) => x.includes(`[${key} ${title}]`)) && s.inverseLine(TOP) >= 0, 30_000);
      return;
    } catch {
      // a key reaching a busy TUI may be lost: pressed again
    }
  }
  throw new Error(`the ${title} tab with a cursor never showed:\n${s.lines().join('\n')}`);
}

/** `presses` keys per tab (Mounts, Services) once the first data is shown (up to `connectMs`). */
export async function liveKeyToFrame(args: string[], presses: number, connectMs: number): Promise<LiveKeys> {
  const s = ptyScreen(args, COLS, ROWS);
  const all: number[] = [];
  let lost = 0;
  try {
    await s.until((l) => l.some((x) => x.includes('● live')), connectMs);
    for (const [key, title] of [['3', 'Mounts'], ['2', 'Services']] as const) {
      await tabShown(s, key, title);
      for (let i = 0; i < presses; i++) {
        const before = s.inverseLine(TOP);
        const t0 = process.hrtime.bigint();
        s.press(i % 2 ? 'k' : 'j');
        const ms = await s.until(() => s.inverseLine(TOP) !== before, LOST_KEY_MS, t0).catch(() => null);
        if (ms === null) lost++;
        all.push(ms ?? LOST_KEY_MS);
        // a person's pace, and a refresh tick or two in between over the run
        await sleep(300);
      }
    }
  } finally {
    await s.close();
  }
  return { all, lost };
}

export function keysNote(k: LiveKeys): string {
  return `${k.all.length} presses, median ${median(k.all).toFixed(0)} ms${k.lost ? `, ${k.lost} lost (counted as ${LOST_KEY_MS} ms)` : ''}`;
}
