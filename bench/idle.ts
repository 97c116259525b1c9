/**
 * cosi's own CPU while idle: a program started in a pseudo-terminal (util-linux
 * `script`, 100x30, like bench/first-frame.ts) until its first frame shows, then
 * left alone for `seconds`; CPU seconds (utime+stime of the node process, from
 * /proc) per wall second.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ROOT } from './first-frame.js';

function cpuTicks(pid: number): number {
  const line = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = line.slice(line.lastIndexOf(')') + 2).split(' ');
  return Number(f[11]) + Number(f[12]);
}

/** The program `script` started: its child (the shell that exec'd node). */
function childOf(pid: number): number {
  const kids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).map(Number);
  if (!kids[0]) throw new Error(`no child under script (${pid})`);
  return kids[0];
}

export function idleCpu(args: string[], marker: string, seconds: number, timeoutMs = 60_000): Promise<number> {
  const cmd = `stty cols 100 rows 30; exec ${args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ')}`;
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', cmd, '/dev/null'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, TERM: 'xterm-256color', COLUMNS: '100', LINES: '30' } });
    let seen = '';
    let started = false;
    let done = false;
    const finish = (err: Error | null, value?: number) => {
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
    const timer = setTimeout(() => finish(new Error(`no frame with "${marker}" within ${timeoutMs} ms`)), timeoutMs);
    child.stdout.on('data', (d: Buffer) => {
      if (started) return;
      // eslint-disable-next-line no-control-regex
      seen = (seen + d.toString('utf8')).slice(-20_000);
      if (!seen.replace(/\x1b\[[0-9;?]*[a-zA-Z]/g, '').includes(marker)) return;
      started = true;
      clearTimeout(timer);
      // Let the start settle (first ticks, JIT), then measure.
      setTimeout(() => {
        try {
          const pid = childOf(child.pid!);
          const c0 = cpuTicks(pid);
          const t0 = process.hrtime.bigint();
          setTimeout(() => {
            try {
              const cpu = (cpuTicks(pid) - c0) / 100;
              finish(null, cpu / (Number(process.hrtime.bigint() - t0) / 1e9));
            } catch (e) {
              finish(e as Error);
            }
          }, seconds * 1000);
        } catch (e) {
          finish(e as Error);
        }
      }, 3000);
    });
    child.stderr.resume();
    child.once('exit', (code) => finish(new Error(`exited (${code}) while idle; output: ${JSON.stringify(seen.slice(-300))}`)));
  });
}
