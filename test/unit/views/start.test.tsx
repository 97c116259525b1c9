import { describe, expect, it } from 'vitest';
import { startTui } from '../../../src/tui/start.js';
import type { RawSnapshot } from '../../../src/snapshot/types.js';
import { rancheros } from '../../fixtures/models/rancheros.js';
import { FakeStdin, FakeStdout } from './fake-tty.js';

/** Waits (without asserting any duration) until the condition holds. */
async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe('startTui', () => {
  it('enters the alternate screen, draws the first snapshot, and restores the terminal on q', async () => {
    const stdout = new FakeStdout();
    const stdin = new FakeStdin();
    let closed = false;
    const transport = {
      target: { kind: 'synthetic' as const, label: 'fake' },
      collect: async () => ({}) as RawSnapshot,
      close: async () => {
        closed = true;
      },
    };
    const done = startTui({ transport, buildModel: () => rancheros, refreshMs: 60_000, notice: 'the server refused a shell: one exec per refresh', stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream });
    await until(() => stdout.out.includes('RancherOS v1.5.5'));
    expect(stdout.out.startsWith('\x1b[?1049h\x1b[?25l')).toBe(true);
    expect(stdout.out).toContain('RancherOS v1.5.5');
    await until(() => stdout.out.includes('one exec per refresh'));
    expect(stdout.out).toContain('the server refused a shell: one exec per refresh');
    stdin.press('q');
    expect(await done).toBe(0);
    expect(closed).toBe(true);
    expect(stdout.out.endsWith('\x1b[?25h\x1b[?1049l')).toBe(true);
  });
});
