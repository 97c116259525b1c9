import { execFileSync } from 'node:child_process';

/**
 * One tmux server of a lab test (its own socket name), with one session "cosi": start a shell
 * command in a fresh pane, read the screen, wait for text, press keys.
 */
export function tmuxPane(socket: string) {
  const tmux = (args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  const kill = () => {
    try {
      tmux(['kill-server']);
    } catch {
      // no server
    }
  };
  const screen = () => tmux(['capture-pane', '-p', '-t', 'cosi']);
  return {
    tmux,
    kill,
    screen,
    /** The pane with its SGR attributes (a list's cursor row is drawn in inverse video, ESC [ 7 m). */
    screenSgr: () => tmux(['capture-pane', '-p', '-e', '-t', 'cosi']),
    /** A fresh server and session running `command` in a cols x rows pane. */
    start(command: string, cols: number, rows: number): void {
      kill();
      // The previous test's server may still be going away ("server exited unexpectedly"): try again.
      for (let attempt = 1; ; attempt++) {
        try {
          tmux(['new-session', '-d', '-s', 'cosi', '-x', String(cols), '-y', String(rows), command]);
          return;
        } catch (e) {
          if (attempt >= 5) throw e;
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
          kill();
        }
      }
    },
    /** The screen once it matches `re` (polled for up to `ms`, a minute by default). */
    async waitScreen(re: RegExp, ms = 60_000): Promise<string> {
      for (let i = 0; i < ms / 250; i++) {
        const s = screen();
        if (re.test(s)) return s;
        await new Promise((r) => setTimeout(r, 250));
      }
      throw new Error(`the pane never showed ${re}:\n${screen()}`);
    },
  };
}
