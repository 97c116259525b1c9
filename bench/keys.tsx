/** @jsxRuntime automatic @jsxImportSource react */
/**
 * Keypress -> frame on the live render path: the store the TUI uses, the
 * same `dispatchKey` as src/tui/live.tsx, and Ink rendering <App> into a
 * test stdout (ink-testing-library, debug mode: every render is written at
 * once, no frame throttling). Time runs from the key to the frame's write.
 */
import { render } from 'ink-testing-library';
import type { HostModel } from '../src/model/types.js';
import { createAppStore, initialUi } from '../src/store/store.js';
import type { AppState, TabId } from '../src/store/types.js';
import { dispatchKey } from '../src/tui/live.js';
import { App } from '../views/App.js';
import { median } from './measure.js';

export const KEY_LOOP = ['j', 'G', 'enter', 'g', 'j', 'enter'] as const;

export interface KeyTiming {
  /** All keypresses that produced a frame, in ms. */
  all: number[];
  /** Per key name. */
  byKey: Record<string, number[]>;
}

export interface Session {
  press(key: string): Promise<number | null>;
  /** Changes the state outside the timing (a new tick, a reset) and waits for its frame. */
  set(change: (s: AppState) => AppState): Promise<void>;
  close(): void;
}

export function open(model: HostModel, tab: TabId, cols: number, rows: number): Session {
  const store = createAppStore({ model, now: Date.parse(model.takenAt) || 0, cols, rows, conn: { state: 'static' }, ui: { ...initialUi(), tab } });
  const inst = render(<App store={store} />);
  const nextFrame = async (before: number, t0: bigint, what: string) => {
    while (inst.frames.length === before) {
      if (Number(process.hrtime.bigint() - t0) > 30e9) throw new Error(`no frame within 30 s after ${what}`);
      await new Promise((r) => setImmediate(r));
    }
  };
  return {
    async set(change) {
      const before = inst.frames.length;
      const s0 = store.getState();
      store.setState(change(s0), true);
      if (store.getState() !== s0) await nextFrame(before, process.hrtime.bigint(), 'a state change');
    },
    async press(key) {
      const before = inst.frames.length;
      const s0 = store.getState();
      const t0 = process.hrtime.bigint();
      dispatchKey(key, store, () => undefined);
      if (store.getState() === s0) return null;
      await nextFrame(before, t0, `the key ${key}`);
      return Number(process.hrtime.bigint() - t0) / 1e6;
    },
    close() {
      inst.unmount();
      inst.cleanup();
    },
  };
}

/**
 * Presses KEY_LOOP `loops` times on each host, in alternating blocks (small,
 * big, small, big...) so both see the same machine load. The first press of a
 * block is a warm-up (the list memo belongs to the other host then) and is not counted.
 */
export async function keyToFrame(hosts: { small: HostModel; big: HostModel }, tab: TabId, blocks = 6, loops = 3, cols = 100, rows = 30): Promise<{ small: KeyTiming; big: KeyTiming }> {
  const out = { small: { all: [], byKey: {} } as KeyTiming, big: { all: [], byKey: {} } as KeyTiming };
  const sessions = { small: open(hosts.small, tab, cols, rows), big: open(hosts.big, tab, cols, rows) };
  try {
    for (let b = 0; b < blocks; b++) {
      for (const which of ['small', 'big'] as const) {
        const s = sessions[which];
        await s.press('g');
        await s.press('j');
        for (let l = 0; l < loops; l++) {
          for (const key of KEY_LOOP) {
            let t = await s.press(key);
            // `enter` on a row that does not expand changes nothing: walk down (not timed) to one that does.
            for (let tries = 0; t === null && key === 'enter' && tries < 40; tries++) {
              await s.press('j');
              t = await s.press(key);
            }
            if (t === null) continue;
            out[which].all.push(t);
            (out[which].byKey[key] ??= []).push(t);
          }
        }
      }
    }
  } finally {
    sessions.small.close();
    sessions.big.close();
  }
  return out;
}

export function perKey(t: KeyTiming): string {
  return Object.entries(t.byKey)
    .map(([k, v]) => `${k} ${median(v).toFixed(1)}`)
    .join(', ');
}
