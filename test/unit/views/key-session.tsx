/** @jsxRuntime automatic @jsxImportSource react */
/**
 * A session of keys on the live render path (the store, dispatchKey and Ink rendering <App> into a
 * test stdout, as bench/keys.tsx times it): each key's state and frame. Run in this process by a
 * test, or in a child process with Ink patched as the bundle patches it (bench/narrow-width hooks).
 */
import chalk from 'chalk';
import { render } from 'ink-testing-library';
import type { HostModel } from '../../../src/model/types.js';
import { createAppStore, initialUi } from '../../../src/store/store.js';
import type { AppState, TabId } from '../../../src/store/types.js';
import { dispatchKey } from '../../../src/tui/live.js';
import { App } from '../../../views/App.js';

export interface Step {
  key: string;
  state: AppState;
  frame: string;
}

/** Key names as the live TUI dispatches them, or a terminal size ("90x24"). */
export async function keySession(model: HostModel, tab: TabId, keys: readonly string[], cols = 100, rows = 30): Promise<Step[]> {
  const level = chalk.level;
  chalk.level = 3;
  const store = createAppStore({ model, now: Date.parse(model.takenAt) || 0, cols, rows, conn: { state: 'static' }, ui: { ...initialUi(), tab } });
  const inst = render(<App store={store} />);
  try {
    const steps: Step[] = [];
    for (const key of keys) {
      const before = inst.frames.length;
      const s0 = store.getState();
      // "90x24": the terminal resized (the state's size, as the live TUI sets it)
      const size = /^(\d+)x(\d+)$/.exec(key);
      if (size) store.setState({ ...s0, size: { cols: Number(size[1]), rows: Number(size[2]) } }, true);
      else dispatchKey(key, store, () => undefined);
      if (store.getState() !== s0) while (inst.frames.length === before) await new Promise((r) => setImmediate(r));
      steps.push({ key, state: store.getState(), frame: inst.lastFrame() ?? '' });
    }
    return steps;
  } finally {
    inst.unmount();
    inst.cleanup();
    chalk.level = level;
  }
}
