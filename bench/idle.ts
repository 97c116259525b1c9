/**
 * cosi's own CPU while idle: a program started in a pseudo-terminal (like
 * bench/first-frame.ts) until its first frame shows, then left alone for
 * `seconds` (after 3 s to settle); CPU seconds (utime+stime of the node
 * process, from /proc) per wall second.
 */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { untilFrame } from './first-frame.js';

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

export function idleCpu(args: string[], marker: string, seconds: number): Promise<number> {
  return untilFrame(
    args,
    marker,
    async (_ms, child) => {
      await sleep(3000);
      const pid = childOf(child.pid!);
      const c0 = cpuTicks(pid);
      const t0 = process.hrtime.bigint();
      await sleep(seconds * 1000);
      return (cpuTicks(pid) - c0) / 100 / (Number(process.hrtime.bigint() - t0) / 1e9);
    },
    60_000,
  );
}
