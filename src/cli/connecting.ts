import type { RawSnapshot } from '../snapshot/types.js';
import type { SshPrompts } from '../transport/ssh/prompts.js';
import type { Transport } from '../transport/types.js';
import { sayText } from '../say.js';
import { NoTerminalError } from './errors.js';

/**
 * The first connect, before the TUI takes the screen: "cosi: connecting to X ..." stays on ONE
 * line that is erased once connected (or on quitting), and q or Ctrl-C quits at once, whatever
 * the target does (a --via command that never answers, an SSH server that never replies). SSH
 * questions (host key, passphrase) take the terminal while they are asked: see pausedDuring.
 */
class ConnectPhase {
  private active = false;
  private shown = false;
  private onKey: ((d: Buffer) => void) | null = null;

  /** Starts watching q / Ctrl-C and shows the status line; resolves with the exit code when the user quits. */
  start(label: string): Promise<number> {
    this.active = true;
    const err = process.stderr;
    if (err.isTTY) {
      err.write(sayText(`connecting to ${label} ...`).replace(/\n$/, ''));
      this.shown = true;
    } else err.write(sayText(`connecting to ${label} ...`));
    return new Promise<number>((resolve) => {
      const quit = (code: number) => {
        this.stop();
        resolve(code);
      };
      this.onKey = (d: Buffer) => {
        const s = d.toString('latin1');
        if (s.includes('\u0003')) quit(130);
        else if (/q/i.test(s)) quit(0);
      };
      this.onSigint = () => quit(130);
      process.on('SIGINT', this.onSigint);
      this.listen();
    });
  }

  private onSigint: (() => void) | null = null;

  private listen(): void {
    const stdin = process.stdin;
    if (!this.active || !this.onKey || !stdin.isTTY) return;
    stdin.setRawMode(true);
    stdin.on('data', this.onKey);
    stdin.resume();
  }

  private unlisten(): void {
    const stdin = process.stdin;
    if (!this.onKey || !stdin.isTTY) return;
    stdin.off('data', this.onKey);
    stdin.setRawMode(false);
    stdin.pause();
  }

  /**
   * Resolves once stdin is really idle after stop() or a release. Node stops a paused TTY stdin
   * one tick AFTER pause() ("readStop" on the next tick) and forgets the read still pending: a
   * reader that attaches before that tick (Ink's 'readable' listener, when the TUI module is
   * already loaded as the first tick lands) sees a read "in progress" and never starts one, and
   * every key typed afterwards is lost. Past one turn of the event loop that tick has run, and
   * the next reader starts its own read.
   */
  settled(): Promise<void> {
    return new Promise((done) => setImmediate(done));
  }

  /** Connected, failed or quit: the keys go back to the terminal and the status line is erased. */
  stop(): void {
    if (!this.active) return;
    this.active = false;
    this.unlisten();
    this.onKey = null;
    if (this.onSigint) process.off('SIGINT', this.onSigint);
    this.onSigint = null;
    if (this.shown) process.stderr.write('\r\u001b[2K');
    this.shown = false;
  }

  /**
   * Prompts that hand the terminal over while they ask: the status line is ended (kept, the
   * question goes below it) and the key watch paused, so the answer reaches the question.
   */
  pausedDuring(p: SshPrompts): SshPrompts {
    const around = async <T>(f: () => Promise<T>): Promise<T> => {
      this.release();
      await this.settled();
      try {
        return await f();
      } finally {
        this.listen();
      }
    };
    return {
      ask: (q) => around(() => p.ask(q)),
      secret: (q) => around(() => p.secret(q)),
      notice: (t) => {
        this.release();
        p.notice(t);
      },
    };
  }

  private release(): void {
    if (!this.active) return;
    this.unlisten();
    if (this.shown) process.stderr.write('\n');
    this.shown = false;
  }
}

export const connectPhase = new ConnectPhase();

/** The TUI needs a terminal on both sides: without one, the transport is closed and NoTerminalError thrown. */
export async function needTerminal(t: Transport): Promise<void> {
  if (process.stdout.isTTY && process.stdin.isTTY) return;
  await t.close();
  throw new NoTerminalError();
}

export type FirstTick = { first: RawSnapshot } | { quit: number };

/** The first tick, or the exit code when the user quit first. */
export async function firstTick(t: Transport): Promise<FirstTick> {
  const quit = connectPhase.start(t.target.label);
  try {
    return await Promise.race([t.collect().then((first) => ({ first })), quit.then((code) => ({ quit: code }))]);
  } finally {
    connectPhase.stop();
    // The TUI reads stdin next: only once the pause above has fully taken effect.
    await connectPhase.settled();
  }
}
