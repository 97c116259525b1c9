// Process helpers for the lab: every external command goes through here so a
// failure becomes one clear line (command, exit code, last stderr lines) and
// every call has a timeout.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';

export class LabError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabError';
  }
}

export interface RunOptions {
  input?: string | Buffer;
  timeoutMs?: number;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Do not throw on a non-zero exit; the caller inspects `status`. */
  allowFail?: boolean;
}

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

function tail(text: string, n = 6): string {
  return text.trim().split('\n').slice(-n).join('\n');
}

/** Runs `cmd args...` (no shell) and returns its output; throws LabError on failure unless allowFail. */
export function run(cmd: string, args: string[], opts: RunOptions = {}): RunResult {
  const timeout = opts.timeoutMs ?? 120_000;
  const o: SpawnSyncOptions = {
    input: opts.input,
    timeout,
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    maxBuffer: 256 * 1024 * 1024,
    killSignal: 'SIGKILL',
  };
  const r = spawnSync(cmd, args, o);
  const stdout = r.stdout ? r.stdout.toString() : '';
  const stderr = r.stderr ? r.stderr.toString() : '';
  const shown = [cmd, ...args].join(' ');
  if (r.error) {
    const e = r.error as NodeJS.ErrnoException;
    if (e.code === 'ETIMEDOUT') throw new LabError(`timed out after ${timeout / 1000}s: ${shown}`);
    if (e.code === 'ENOENT') throw new LabError(`command not found: ${cmd} (run test/lab/install.sh)`);
    throw new LabError(`cannot run ${shown}: ${e.message}`);
  }
  const status = r.status ?? 128;
  if (status !== 0 && !opts.allowFail) {
    const why = r.signal ? `killed by ${r.signal}` : `exit ${status}`;
    throw new LabError(`${shown}: ${why}\n${tail(stderr || stdout)}`);
  }
  return { status, stdout, stderr };
}

/** Runs a shell snippet with `sh -c`. */
export function sh(script: string, opts: RunOptions = {}): RunResult {
  return run('sh', ['-c', script], opts);
}

/** Polls `check` every `stepMs` until it returns true or `timeoutMs` passes; then throws `what`. */
export async function waitFor(what: string, check: () => boolean, timeoutMs: number, stepMs = 250): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    let ok = false;
    try {
      ok = check();
    } catch {
      ok = false;
    }
    if (ok) return;
    if (Date.now() > end) throw new LabError(`timed out after ${Math.round(timeoutMs / 1000)}s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

export function log(msg: string): void {
  if (process.env.COSI_LAB_QUIET !== '1') process.stderr.write(`lab: ${msg}\n`);
}
