/**
 * Time to first frame: a program started in a pseudo-terminal (util-linux
 * `script`, 100x30) until the text of its first frame appears on the pty.
 * cosi runs as users run it (`node bin/cosi.js demo`, the compiled dist/);
 * the baseline is bench/hello.tsx compiled to plain JS and started with the
 * same `node`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(here, '..');

export function haveScript(): boolean {
  return spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Compiles bench/hello.tsx to bench/.build/hello.js (one file, ESM, react-jsx). */
export function buildHello(): string {
  const src = join(here, 'hello.tsx');
  const out = join(here, '.build', 'hello.js');
  if (existsSync(out) && statSync(out).mtimeMs >= statSync(src).mtimeMs) return out;
  const js = ts.transpileModule(readFileSync(src, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, jsx: ts.JsxEmit.ReactJSX },
    fileName: 'hello.tsx',
  }).outputText;
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, js);
  return out;
}

/** ms from spawn until `marker` shows on the pty; the program is then sent `q` and killed if it lingers. */
export function timeToFrame(args: string[], marker: string, timeoutMs = 30_000): Promise<number> {
  return untilFrame(args, marker, async (ms) => ms, timeoutMs);
}

/**
 * Starts `args` in a 100x30 pty (util-linux `script`); once `marker` shows, awaits
 * `atFrame(ms since spawn, the script process)`, then sends `q` and kills what lingers.
 */
export function untilFrame<T>(args: string[], marker: string, atFrame: (ms: number, child: ChildProcess) => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const cmd = `stty cols 100 rows 30; exec ${args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ')}`;
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn('script', ['-qfec', cmd, '/dev/null'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, TERM: 'xterm-256color', COLUMNS: '100', LINES: '30' } });
    let seen = '';
    let framed = false;
    let done = false;
    const timer = setTimeout(() => finish(new Error(`no frame with "${marker}" within ${timeoutMs} ms; output: ${JSON.stringify(seen.slice(-300))}`)), timeoutMs);
    const finish = (err: Error | null, value?: T) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      const settle = () => {
        if (err) reject(err);
        else resolve(value!);
      };
      // Exited already (it failed before its frame): there is no exit event left to wait for.
      if (child.exitCode !== null || child.signalCode !== null) return settle();
      child.stdin.write('q');
      const kill = setTimeout(() => child.kill('SIGKILL'), 2000);
      child.once('exit', () => {
        clearTimeout(kill);
        settle();
      });
    };
    child.stdout.on('data', (d: Buffer) => {
      if (framed) return;
      // eslint-disable-next-line no-control-regex
      seen = (seen + d.toString('utf8')).slice(-20_000);
      if (!seen.replace(/\x1b\[[0-9;?]*[a-zA-Z]/g, '').includes(marker)) return;
      framed = true;
      clearTimeout(timer);
      atFrame(Number(process.hrtime.bigint() - t0) / 1e6, child).then(
        (v) => finish(null, v),
        (e: unknown) => finish(e instanceof Error ? e : new Error(String(e))),
      );
    });
    child.stderr.resume();
    child.once('exit', (code) => finish(new Error(`exited (${code}) before it was done; output: ${JSON.stringify(seen.slice(-300))}`)));
  });
}

export function distBuilt(): boolean {
  return existsSync(join(ROOT, 'dist/src/cli.js'));
}
