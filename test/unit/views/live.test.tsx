import { afterEach, beforeAll, afterAll, describe, expect, it, vi } from 'vitest';
import { render, cleanup } from 'ink-testing-library';
import chalk from 'chalk';
import { Live, dispatchKey } from '../../../src/tui/live.js';
import { runEffect } from '../../../src/tui/start.js';
import { createAppStore, setModel } from '../../../src/store/store.js';
import type { Refresher } from '../../../src/schedule/refresh.js';
import type { Effect } from '../../../views/key-reducer.js';
import { rancheros } from '../../fixtures/models/rancheros.js';
import { coreos } from '../../fixtures/models/coreos.js';
import { cursorLine, strip } from './helpers.js';

const tick = () => new Promise((r) => setTimeout(r, 30));

let level = chalk.level;
beforeAll(() => {
  level = chalk.level;
  chalk.level = 3;
});
afterAll(() => {
  chalk.level = level;
});
afterEach(() => cleanup());

function mount(model = rancheros) {
  const store = createAppStore({ model, cols: 100, rows: 30, now: Date.parse(model.takenAt) });
  const effects: Effect[] = [];
  const app = render(<Live store={store} onEffect={(e) => effects.push(e)} />);
  return { store, effects, app };
}

describe('the live app (ink-testing-library)', () => {
  it('keys typed on stdin switch tabs and move the cursor', async () => {
    const { app } = mount(coreos);
    expect(strip(app.lastFrame()!)).toContain('Warnings (');
    app.stdin.write('2');
    await tick();
    expect(strip(app.lastFrame()!)).toContain('cgroup tree (hybrid)');
    app.stdin.write('\x1b[B'); // down arrow
    await tick();
    app.stdin.write('j');
    await tick();
    expect(cursorLine(app.lastFrame()!)).toMatch(/1 \/usr\/lib\/systemd\/systemd/);
    app.stdin.write('\t');
    await tick();
    expect(strip(app.lastFrame()!)).toContain('grouped by device');
    app.stdin.write('\x1b[Z'); // shift-tab
    await tick();
    expect(strip(app.lastFrame()!)).toContain('cgroup tree (hybrid)');
  });

  it('Enter and arrows expand and collapse, / filters, Esc clears', async () => {
    const { app } = mount();
    app.stdin.write('3');
    await tick();
    app.stdin.write('\r');
    await tick();
    expect(strip(app.lastFrame()!)).toContain('/var/lib/kubelet');
    app.stdin.write('\x1b[D'); // left: collapse
    await tick();
    expect(strip(app.lastFrame()!)).not.toContain('/var/lib/kubelet');
    app.stdin.write('/');
    await tick();
    for (const ch of 'shm') {
      app.stdin.write(ch);
      await tick();
    }
    expect(strip(app.lastFrame()!)).toContain('/shm');
    expect(strip(app.lastFrame()!)).not.toContain('overlay');
    app.stdin.write('\x1b');
    await tick();
    await tick();
    expect(strip(app.lastFrame()!)).toContain('overlay');
  });

  it('a new model from the scheduler re-renders with the cursor on the same item', async () => {
    const { app, store } = mount(coreos);
    app.stdin.write('2');
    await tick();
    for (let i = 0; i < 8; i++) {
      app.stdin.write('j');
      await tick();
    }
    expect(cursorLine(app.lastFrame()!)).toMatch(/docker\.service/);
    const root = coreos.cgroups!;
    const extra = { ...root.children[1].children[0], path: '/system.slice/audit.service', name: 'audit.service', unit: 'audit.service', pids: [540] };
    setModel(store, { ...coreos, cgroups: { ...root, children: root.children.map((c, i) => (i === 1 ? { ...c, children: [extra, ...c.children] } : c)) } }, 5000);
    await tick();
    expect(strip(app.lastFrame()!)).toContain('audit.service');
    expect(cursorLine(app.lastFrame()!)).toMatch(/docker\.service/);
  });

  it('p, r, s and q reach the effect handler', async () => {
    const { app, effects } = mount();
    for (const k of ['p', 'r', 's', 'q']) {
      app.stdin.write(k);
      await tick();
    }
    expect(effects).toEqual(['pause', 'refresh', 'screenshot', 'quit']);
  });

  it('Ctrl-C quits', async () => {
    const { app, effects } = mount();
    app.stdin.write('\x03');
    await tick();
    expect(effects).toEqual(['quit']);
  });
});

function fakeRefresher(running = false, isStatic = false): Refresher & { paused: boolean } {
  return {
    static: isStatic,
    paused: false,
    start() {},
    stop() {},
    togglePause() {
      this.paused = !this.paused;
      return this.paused;
    },
    refreshNow: () => !running,
    running,
  };
}

describe('effects', () => {
  it('screenshot hands an ANSI frame of the current screen to onScreenshot and flashes the path', async () => {
    const store = createAppStore({ model: rancheros, cols: 100, rows: 30 });
    dispatchKey('3', store, () => {});
    const onScreenshot = vi.fn(async (f: { ansi: string; cols: number; rows: number; title: string }) => {
      expect(f.cols).toBe(100);
      expect(f.rows).toBe(30);
      expect(f.title).toBe('rancher · Mounts · 2019-12-31 13:47 UTC');
      expect(f.ansi).toMatch(/\x1b\[/);
      expect(strip(f.ansi)).toContain('grouped by device');
      return '/tmp/cosi-rancher-mounts.png';
    });
    runEffect('screenshot', store, fakeRefresher(), () => {}, onScreenshot);
    await tick();
    expect(onScreenshot).toHaveBeenCalledOnce();
    expect(store.getState().flash).toEqual({ text: 'screenshot saved: /tmp/cosi-rancher-mounts.png', tone: 'info' });
  });

  it('a failing screenshot says why', async () => {
    const store = createAppStore({ model: rancheros, cols: 100, rows: 30 });
    runEffect('screenshot', store, fakeRefresher(), () => {}, async () => {
      throw new Error('EACCES: permission denied');
    });
    await tick();
    expect(store.getState().flash).toEqual({ text: 'screenshot failed: EACCES: permission denied', tone: 'error' });
  });

  it('refresh while one runs says so; quit passes exit code 0', () => {
    const store = createAppStore({ model: rancheros, cols: 100, rows: 30 });
    runEffect('refresh', store, fakeRefresher(true), () => {});
    expect(store.getState().flash?.text).toBe('a refresh is running: everything is read right after it');
    const quit = vi.fn();
    runEffect('quit', store, fakeRefresher(), quit);
    expect(quit).toHaveBeenCalledWith(0);
  });

  it('p and r on a snapshot say its data does not change, and change nothing', () => {
    const store = createAppStore({ model: rancheros, cols: 100, rows: 30 });
    const r = fakeRefresher(false, true);
    for (const e of ['pause', 'refresh'] as const) {
      runEffect(e, store, r, () => {});
      expect(store.getState().flash?.text).toBe('a snapshot: its data does not change (p and r are for live hosts)');
    }
    expect(r.paused).toBe(false);
  });

  it('the next key clears the flash line', () => {
    const store = createAppStore({ model: rancheros, cols: 100, rows: 30 });
    store.setState({ flash: { text: 'resumed', tone: 'info' } });
    dispatchKey('j', store, () => {});
    expect(store.getState().flash).toBeNull();
  });
});
