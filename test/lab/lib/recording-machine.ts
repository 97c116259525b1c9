// Describes the machine a demo is recorded on, for the leak check (demo-leaks.ts):
// its hostname, login users, the checkout and lab paths, and its own cgroups.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { RecordingMachine } from './demo-leaks.js';
import { REPO_DIR, RUN, STATE } from './paths.js';

/** cgroup directories below `root`, as paths from it ("/process_api"), down to `depth` levels. */
function cgroupDirs(root: string, depth: number, rel = ''): string[] {
  if (depth === 0) return [];
  const out: string[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(join(root, rel));
  } catch {
    return out;
  }
  for (const n of names) {
    const p = join(root, rel, n);
    try {
      if (!statSync(p).isDirectory()) continue;
    } catch {
      continue;
    }
    out.push(`${rel}/${n}`);
    out.push(...cgroupDirs(root, depth - 1, `${rel}/${n}`));
  }
  return out;
}

/** The checkout a worktree belongs to (its main checkout), or null. */
function mainCheckout(): string | null {
  try {
    const common = execFileSync('git', ['-C', REPO_DIR, 'rev-parse', '--git-common-dir'], { encoding: 'utf8' }).trim();
    return dirname(resolve(REPO_DIR, common));
  } catch {
    return null;
  }
}

export function recordingMachine(): RecordingMachine {
  const hostname = readFileSync('/proc/sys/kernel/hostname', 'utf8').trim();
  const users = [process.env.SUDO_USER, process.env.USER, process.env.LOGNAME].filter(
    (u): u is string => !!u && u !== 'root',
  );
  const paths = [REPO_DIR, mainCheckout(), resolve(STATE), RUN].filter((p): p is string => !!p && p !== '/');
  const v1 = '/sys/fs/cgroup/memory';
  const cgroups = cgroupDirs(existsSync(v1) ? v1 : '/sys/fs/cgroup', 3);
  return { hostname, users: [...new Set(users)], paths: [...new Set(paths)], cgroups };
}
