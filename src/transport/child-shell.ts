import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { sanitize } from '../../parsers/sanitize.js';
import { AnswerCollector } from './answer.js';
import { AnswerDeadline } from './deadline.js';
import { killGroup, spawnGroup } from './process-group.js';
import { TransportError, type ReadLimits, type ShellChannel, type TargetInfo } from './types.js';

/**
 * A ShellChannel over a child process whose stdin/stdout is a POSIX shell:
 * a local `sh`, or any `--via` command (`docker exec -i console sh`,
 * `ssh host sh`, `kubectl debug ... -- chroot /host sh`). The child stays
 * open between ticks; a hung or runaway tick kills it and the next tick
 * starts a fresh one.
 */
export class ChildShellChannel implements ShellChannel {
  private child: ChildProcessWithoutNullStreams | null = null;
  private stderrTail = '';
  private busy = false;

  constructor(
    readonly target: TargetInfo,
    private readonly command: string,
    private readonly args: readonly string[],
    private readonly useShell = false,
  ) {}

  async open(): Promise<void> {
    if (this.child) return;
    const child = spawnGroup(this.command, this.args, { shell: this.useShell, env: { ...process.env, LC_ALL: 'C' } });
    this.stderrTail = '';
    child.stderr.on('data', (d: Buffer) => {
      this.stderrTail = (this.stderrTail + d.toString('utf8')).slice(-2000);
    });
    child.stdin.on('error', () => undefined); // EPIPE surfaces as 'closed' in run()
    child.on('exit', () => {
      if (this.child === child) this.child = null;
    });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', () => resolve());
      child.once('error', (e) => reject(new TransportError(`cannot start ${this.target.label}: ${e.message}`, 'spawn')));
    });
    this.child = child;
  }

  run(script: string, terminator: string, limits: ReadLimits): Promise<string> {
    const child = this.child;
    if (!child) return Promise.reject(new TransportError(`${this.target.label}: not connected`, 'closed'));
    if (this.busy) return Promise.reject(new TransportError('a probe is already running on this channel', 'protocol'));
    this.busy = true;
    const answer = new AnswerCollector(terminator, limits.maxBytes);
    return new Promise<string>((resolve, reject) => {
      const finish = (err: TransportError | null, text?: string) => {
        deadline.clear();
        child.stdout.off('data', onData);
        child.off('exit', onExit);
        this.busy = false;
        if (err) {
          this.kill();
          reject(err);
        } else resolve(text ?? '');
      };
      const onData = (d: Buffer) => {
        deadline.touch();
        const r = answer.push(d);
        if (r === 'over') finish(new TransportError(`${this.target.label}: the probe printed more than ${limits.maxBytes} bytes; stopped`, 'limit'));
        else if (r !== null) finish(null, r);
      };
      const onExit = (code: number | null) => {
        const why = sanitize(this.stderrTail.trim().split('\n').pop() ?? '');
        finish(new TransportError(`${this.target.label}: shell exited (${code ?? 'signal'})${why ? `: ${why}` : ''}`, 'closed'));
      };
      const deadline = new AnswerDeadline(limits, (why) => finish(new TransportError(`${this.target.label}: ${why}`, 'timeout')));
      child.stdout.on('data', onData);
      child.once('exit', onExit);
      child.stdin.write(script);
    });
  }

  private kill(): void {
    const child = this.child;
    this.child = null;
    if (child) killGroup(child);
  }

  async close(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    // Quitting mid-tick: nothing to wait for.
    if (this.busy) return killGroup(child);
    child.stdin.end();
    // The shell ends at the end of its input; whatever it left running (or a shell that does not end) is killed.
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, 1000);
      if (child.exitCode === null && child.signalCode === null) child.once('exit', () => {
        clearTimeout(t);
        resolve();
      });
      else {
        clearTimeout(t);
        resolve();
      }
    });
    killGroup(child);
  }
}

/** `cosi ... --local`: a child `sh` on this machine. */
export function localChannel(): ChildShellChannel {
  return new ChildShellChannel({ kind: 'local', label: 'local' }, '/bin/sh', []);
}

/** `cosi ... --via CMD`: CMD is run by /bin/sh and must give a POSIX shell on stdin/stdout. */
export function viaChannel(command: string): ChildShellChannel {
  return new ChildShellChannel({ kind: 'command', label: `via ${command}` }, command, [], true);
}
