import { render } from 'ink';
import type { HostModel } from '../model/types.js';
import type { RawSnapshot } from '../snapshot/types.js';
import type { Transport } from '../transport/types.js';
import { renderState } from '../../views/render-frame.js';
import type { Effect } from '../../views/key-reducer.js';
import { Live } from './live.js';
import { createRefresher, type Refresher } from '../schedule/refresh.js';
import { clockText, nextClockChange } from '../../views/present/clock.js';
import { cgroupsOnScreen } from '../../views/present/on-screen.js';
import { createAppStore, setFlash, setSize, type AppStore } from '../store/store.js';
import { TAB_TITLES } from '../store/types.js';
import { screenshotTitle } from '../export/title.js';
import { say } from '../say.js';
import { sanitize } from '../../parsers/sanitize.js';
import { createLogsRider } from '../schedule/logs-rider.js';
import { DEFAULT_LOG_LINES } from '../store/logs.js';
import { tunedByFirstTick } from './v8-tuning.js';

export interface ScreenshotFrame {
  ansi: string;
  cols: number;
  rows: number;
  title: string;
  /** The tab shown, part of the saved file's name. */
  tab?: string;
}

export interface StartOptions {
  transport: Transport;
  buildModel: (raw: RawSnapshot) => HostModel;
  refreshMs: number;
  /** Saves a screenshot; returns the path written (shown in the flash line). */
  onScreenshot?: (frame: ScreenshotFrame) => Promise<string>;
  /** The Logs tab: sudo for its reads, and the ring's bound (--log-lines). */
  logs?: { sudo: boolean; ringLines: number; hostRoot?: string };
  /** Shown in the flash line when the TUI starts (e.g. how the target is read). */
  notice?: string | null;
  /** For tests: streams instead of the process's. */
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
}

const ENTER_ALT = '\x1b[?1049h\x1b[?25l';
const LEAVE_ALT = '\x1b[?25h\x1b[?1049l';

/** Runs one key effect that the pure reducer cannot run itself. */
export function runEffect(effect: Effect, store: AppStore, refresher: Refresher, quit: (code: number) => void, onScreenshot?: StartOptions['onScreenshot']): void {
  switch (effect) {
    case 'quit':
      quit(0);
      return;
    case 'logs':
      // The read rides in the next tick: bring that tick forward (a running one is not doubled).
      if (!refresher.static) refresher.refreshNow();
      return;
    case 'pause':
    case 'refresh':
      if (refresher.static) {
        setFlash(store, { text: 'a snapshot: its data does not change (p and r are for live hosts)', tone: 'info' });
        return;
      }
      if (effect === 'pause') {
        refresher.togglePause();
        return;
      }
      // r reads every section, those held back for their cost on a big host too (src/probe/budget.ts).
      setFlash(store, refresher.refreshNow(true) ? { text: 'refreshing…', tone: 'info' } : { text: 'a refresh is running: everything is read right after it', tone: 'info' });
      return;
    case 'screenshot': {
      if (!onScreenshot) {
        setFlash(store, { text: 'screenshots are not available here', tone: 'error' });
        return;
      }
      const s = store.getState();
      const title = s.model ? screenshotTitle(s.model, s.ui.tab) : `cosi · ${TAB_TITLES[s.ui.tab]}`;
      const frame = { ansi: renderState(s, { color: true }), cols: s.size.cols, rows: s.size.rows, title, tab: s.ui.tab };
      setFlash(store, { text: 'saving screenshot…', tone: 'info' });
      onScreenshot(frame).then(
        (path) => setFlash(store, { text: `screenshot saved: ${path}`, tone: 'info' }),
        (e: unknown) => setFlash(store, { text: `screenshot failed: ${e instanceof Error ? e.message : String(e)}`, tone: 'error' }),
      );
      return;
    }
  }
}

/**
 * The full-screen TUI: alternate screen on enter, restored on quit, Ctrl-C, signals
 * and crashes (then a one-line error). Resolves with the process exit code.
 */
export async function startTui(opts: StartOptions): Promise<number> {
  const stdout = opts.stdout ?? process.stdout;
  const stdin = opts.stdin ?? process.stdin;
  const store = createAppStore({ now: Date.now(), cols: stdout.columns || 80, rows: stdout.rows || 24, gap: 1 });
  const refresher = createRefresher({
    transport: opts.transport,
    buildModel: tunedByFirstTick(opts.buildModel, opts.transport.target.kind === 'replay'),
    store,
    refreshMs: opts.refreshMs,
    staticSource: opts.transport.target.kind === 'replay',
    // An idle screen sleeps: the store clock moves only when the header's age or countdown would.
    clockText,
    nextClockChange,
    onScreen: () => cgroupsOnScreen(store.getState()),
  });
  opts.transport.setRider?.(createLogsRider(store, { sudo: opts.logs?.sudo ?? false, hostRoot: opts.logs?.hostRoot, ringLines: opts.logs?.ringLines ?? DEFAULT_LOG_LINES, host: sanitize(opts.transport.target.label) }));

  let restored = false;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    stdout.write(LEAVE_ALT);
  };

  return new Promise<number>((resolve) => {
    let finished = false;
    // eslint-disable-next-line prefer-const
    let instance: ReturnType<typeof render> | undefined;
    const finish = (code: number, message?: string): void => {
      if (finished) return;
      finished = true;
      refresher.stop();
      try {
        instance?.unmount();
      } catch {
        // already gone
      }
      restore();
      process.off('uncaughtException', onCrash);
      process.off('unhandledRejection', onCrash);
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
      process.off('exit', restore);
      stdout.off('resize', onResize);
      if (message) say(message);
      opts.transport.close().then(
        () => resolve(code),
        () => resolve(code),
      );
    };
    const onCrash = (e: unknown): void => finish(70, `crashed: ${e instanceof Error ? e.message : String(e)}`);
    const onTerm = (): void => finish(143);
    const onInt = (): void => finish(130);
    const onResize = (): void => setSize(store, stdout.columns || 80, stdout.rows || 24, 1);
    process.on('uncaughtException', onCrash);
    process.on('unhandledRejection', onCrash);
    process.on('SIGTERM', onTerm);
    process.on('SIGINT', onInt);
    process.on('exit', restore);
    stdout.on('resize', onResize);

    stdout.write(ENTER_ALT);
    const onEffect = (e: Effect): void => runEffect(e, store, refresher, (code) => finish(code), opts.onScreenshot);
    try {
      if (opts.notice) setFlash(store, { text: opts.notice, tone: 'info' });
      refresher.start();
    } catch (e) {
      onCrash(e);
      return;
    }
    // Ink mounts after the tick's promise chain: a first collect that answers at once (the first
    // tick `cosi connect` took before the TUI, a snapshot) is in the store, so the first frame
    // Ink draws has the data; no frame without it drawn first (~30 ms of React and Ink work).
    setImmediate(() => {
      if (finished) return;
      try {
        // Not Ink's incrementalRendering: in a real terminal (tmux, 160x50, a filter being typed) its
        // line bookkeeping drifted, the key bar was written again one line lower each key and rows
        // were lost (test/lab/hostile.test.ts). Whole frames, written only when something changed.
        instance = render(<Live store={store} onEffect={onEffect} />, { stdout, stdin, exitOnCtrlC: false, patchConsole: false });
        instance.waitUntilExit().catch((e: unknown) => onCrash(e));
      } catch (e) {
        onCrash(e);
      }
    });
  });
}
