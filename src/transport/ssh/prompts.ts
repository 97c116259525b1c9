import { openSync, closeSync } from 'node:fs';
import { ReadStream, WriteStream } from 'node:tty';
import { sanitizeLines } from '../../../parsers/sanitize.js';

/** How the SSH layer talks to the user: host key questions, passphrases, passwords, warnings. */
export interface SshPrompts {
  /** Visible question; resolves to the typed line (without newline), or null when nobody can answer. */
  ask(question: string): Promise<string | null>;
  /** Hidden input; resolves to the typed secret, or null when nobody can answer (or Ctrl-D). */
  secret(prompt: string): Promise<string | null>;
  /** A message for the user (warnings, "Permanently added ..."). */
  notice(text: string): void;
}

/** Prompts that never ask (batch mode, reconnects inside the TUI); notices go to `onNotice`. */
export function noPrompts(onNotice: (text: string) => void = () => {}): SshPrompts {
  return {
    ask: async () => null,
    secret: async () => null,
    notice: onNotice,
  };
}

/**
 * Prompts on the controlling terminal (`/dev/tty`), like ssh: they work even
 * when stdout is piped (`cosi snapshot host --json > x`). Without a terminal
 * every question answers null, so the caller refuses with a clear line.
 * Notices go to stderr.
 */
export function terminalPrompts(): SshPrompts {
  return {
    ask: (q) => readLine(q, false),
    secret: (q) => readLine(q, true),
    notice: (t) => {
      process.stderr.write(`${sanitizeLines(t.replace(/\n$/, ''))}\n`);
    },
  };
}

function openTty(): { input: ReadStream; output: WriteStream; done: () => void } | null {
  let inFd = -1;
  try {
    // Separate descriptors for reading and writing: each stream closes its own.
    inFd = openSync('/dev/tty', 'r');
    const outFd = openSync('/dev/tty', 'w');
    const input = new ReadStream(inFd);
    const output = new WriteStream(outFd);
    return {
      input,
      output,
      done: () => {
        input.destroy();
        output.end();
      },
    };
  } catch {
    if (inFd >= 0) closeSync(inFd);
    if (process.stdin.isTTY && process.stderr.isTTY) {
      return { input: process.stdin as ReadStream, output: process.stderr as WriteStream, done: () => process.stdin.pause() };
    }
    return null;
  }
}

function readLine(prompt: string, hidden: boolean): Promise<string | null> {
  const tty = openTty();
  if (!tty) return Promise.resolve(null);
  const { input, output, done } = tty;
  return new Promise((resolve) => {
    let buf = '';
    const wasRaw = input.isRaw;
    input.setRawMode(true);
    output.write(sanitizeLines(prompt)); // the question may quote server text
    const finish = (value: string | null) => {
      input.off('data', onData);
      input.setRawMode(wasRaw);
      output.write('\r\n');
      done();
      resolve(value);
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return finish(buf);
        if (ch === '\u0003') {
          // Ctrl-C means "stop", as in ssh: restore the terminal, then deliver SIGINT to ourselves.
          finish(null);
          process.kill(process.pid, 'SIGINT');
          return;
        }
        if (ch === '\u0004' && buf === '') return finish(null);
        if (ch === '\u007f' || ch === '\b') {
          if (buf.length > 0) {
            buf = [...buf].slice(0, -1).join('');
            if (!hidden) output.write('\b \b');
          }
          continue;
        }
        if (ch === '\u0015') {
          if (!hidden) output.write('\b \b'.repeat([...buf].length));
          buf = '';
          continue;
        }
        if (ch < ' ') continue;
        buf += ch;
        if (!hidden) output.write(ch);
      }
    };
    input.on('data', onData);
    input.resume();
  });
}
