/**
 * A program in a pseudo-terminal (util-linux `script`, like bench/first-frame.ts) whose output
 * is kept on a headless xterm screen, so a bench can wait for what the screen shows and time a
 * keypress to the frame that answers it at the moment the bytes arrive (no polling).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import xterm from '@xterm/headless';
import { ROOT } from './first-frame.js';

export interface PtyScreen {
  /** The screen's lines (text only). */
  lines(): string[];
  /** Index of the first line at or below `from` drawn in inverse video (the list cursor), or -1. */
  inverseLine(from: number): number;
  press(keys: string): void;
  /** Resolves with ms since `t0` (hrtime ns) once `ok(lines)` holds; rejects after `timeoutMs`. */
  until(ok: (lines: string[]) => boolean, timeoutMs: number, t0?: bigint): Promise<number>;
  /** The pid of the program (script's child, the shell that exec'd it). */
  pid(): number;
  close(): Promise<void>;
}

export function ptyScreen(args: string[], cols: number, rows: number): PtyScreen {
  const cmd = `stty cols ${cols} rows ${rows}; exec ${args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ')}`;
  const child: ChildProcess = spawn('script', ['-qfec', cmd, '/dev/null'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, TERM: 'xterm-256color', COLUMNS: String(cols), LINES: String(rows) } });
  const term = new xterm.Terminal({ cols, rows, scrollback: 0, allowProposedApi: true });
  const waiters = new Set<() => void>();
  let exited = false;
  child.stdout!.on('data', (d: Buffer) => term.write(d, () => waiters.forEach((w) => w())));
  child.stderr!.resume();
  child.once('exit', () => {
    exited = true;
    waiters.forEach((w) => w());
  });
  const lines = (): string[] => {
    const buf = term.buffer.active;
    const out: string[] = [];
    for (let y = 0; y < rows; y++) out.push(buf.getLine(y)?.translateToString(true) ?? '');
    return out;
  };
  return {
    lines,
    inverseLine(from: number): number {
      const buf = term.buffer.active;
      const cell = buf.getNullCell();
      for (let y = from; y < rows; y++) {
        const line = buf.getLine(y);
        if (line?.getCell(2, cell) && cell.isInverse()) return y;
      }
      return -1;
    },
    press(keys: string): void {
      child.stdin!.write(keys);
    },
    until(ok, timeoutMs, t0 = process.hrtime.bigint()): Promise<number> {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (ok(lines())) {
            done();
            resolve(Number(process.hrtime.bigint() - t0) / 1e6);
          } else if (exited) {
            done();
            reject(new Error(`the program exited; its screen:\n${lines().join('\n')}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`not on the screen within ${timeoutMs} ms; the screen:\n${lines().join('\n')}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    pid(): number {
      const kids = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/).map(Number);
      if (!kids[0]) throw new Error(`no child under script (${child.pid})`);
      return kids[0];
    },
    close(): Promise<void> {
      if (exited) return Promise.resolve();
      child.stdin!.write('q');
      return new Promise((resolve) => {
        const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
        child.once('exit', () => {
          clearTimeout(kill);
          term.dispose();
          resolve();
        });
      });
    },
  };
}
