import { render, cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppStore } from '../../../src/store/store.js';
import { Live } from '../../../src/tui/live.js';
import { rancheros } from '../../fixtures/models/rancheros.js';

// Several keys that reach the TUI in ONE read (fast typing while a big frame renders, a paste, a
// slow ssh link to the user's terminal) must count as those keys. Found with the live TUI in tmux
// (test/lab/hostile.test.ts): typed filter text lost characters under load.
const tick = () => new Promise((r) => setTimeout(r, 30));
afterEach(() => cleanup());

function mount() {
  const store = createAppStore({ model: rancheros, cols: 100, rows: 30, now: Date.parse(rancheros.takenAt) });
  const app = render(<Live store={store} onEffect={() => undefined} />);
  return { store, app };
}

describe('keys that arrive together', () => {
  it('one key per read types the filter (the check itself)', async () => {
    const { app } = mount();
    for (const k of ['3', '/', 's', 'd', 'a']) {
      app.stdin.write(k);
      await tick();
    }
    expect(app.lastFrame()).toContain('filter: sda');
  });

  // src/keys/names.ts keyNames(): a multi-character read is one key per character.
  it('a filter word that arrives in one read is typed, not dropped', async () => {
    const { app } = mount();
    app.stdin.write('3');
    await tick();
    app.stdin.write('/');
    await tick();
    app.stdin.write('sda');
    await tick();
    expect(app.lastFrame()).toContain('filter: sda');
  });
});
