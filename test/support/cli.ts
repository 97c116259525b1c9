import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the cosi CLI from source (tsx), as a user would run it, and captures everything. */
export function cosi(args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv } = {}): CliResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    encoding: 'utf8',
    input: opts.input ?? '',
    env: { ...process.env, ...opts.env },
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Like `cosi` but without blocking the event loop: for tests whose server runs in this process. */
export function cosiAsync(args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli.ts'), ...args], {
      env: { ...process.env, ...opts.env },
      cwd: opts.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A directory holding a `cosi` command that runs this checkout from source: put it on PATH to run printed commands as printed. */
export function cosiBinDir(): string {
  const bin = join(mkdtempSync(join(tmpdir(), 'cosi-bin-')), 'bin');
  mkdirSync(bin);
  const tsxDir = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const loader = join(tsxDir, (JSON.parse(readFileSync(join(tsxDir, 'package.json'), 'utf8')) as { exports: { '.': string } }).exports['.']);
  writeFileSync(join(bin, 'cosi'), `#!/bin/sh\nTSX_TSCONFIG_PATH='${join(ROOT, 'tsconfig.json')}' exec '${process.execPath}' --import '${loader}' '${join(ROOT, 'src/cli.ts')}' "$@"\n`);
  chmodSync(join(bin, 'cosi'), 0o755);
  return bin;
}

/** Runs a command line as printed (bash, pipefail) with this checkout's `cosi` first on PATH. */
export function runPrinted(line: string, bin: string, cwd: string): CliResult {
  const r = spawnSync('bash', ['-o', 'pipefail', '-c', line], { cwd, encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}` }, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
