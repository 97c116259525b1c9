// What the warnings lab tests share: cosi's warnings in `snapshot --json`, a poll until the
// kernel's own counters show the load a test made, and a container's cgroup directory on this
// machine (the reference the kernel keeps, read beside cosi).
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_DIR } from '../lib/paths.js';

const pexec = promisify(execFile);

/** The warnings that name a cause (a healthy host has none of them). */
export const CAUSES = new Set(['inotify-instances', 'inotify-watches', 'conntrack', 'pid-max', 'file-max', 'disk-space', 'disk-inodes', 'cgroup-memory', 'cgroup-pids', 'cgroup-oom', 'cgroup-throttled', 'pressure']);

/** One warning of `cosi snapshot --json`: what a user reads, where Enter goes, and its figures. */
export interface JsonWarning {
  id: string;
  code: string;
  severity: string;
  message: string;
  symptom: string | null;
  target: { tab: string; kind: string | null; name: string | null };
  units?: string[];
  container?: string | null;
  cgroup?: string;
  used?: number;
  max?: number;
  uid?: number;
  holders?: { pid: number; comm: string; count: number }[];
  throttledPercent?: number;
  resource?: string;
}

/** `cosi snapshot --via VIA --json`'s warnings, from the checkout's sources. */
export async function cosiWarnings(via: string, args: string[] = []): Promise<JsonWarning[]> {
  const r = await pexec(process.execPath, ['--import', 'tsx', join(REPO_DIR, 'src/cli.ts'), 'snapshot', '--via', via, '--json', ...args], {
    cwd: REPO_DIR,
    encoding: 'utf8',
    timeout: 150_000,
    maxBuffer: 256 << 20,
  });
  return (JSON.parse(r.stdout) as { warnings: JsonWarning[] }).warnings;
}

/** Polls `probe` every 250 ms until it holds, up to `ms`. */
export async function until(what: string, probe: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error(`not seen within ${ms / 1000} s: ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * The directory of container `id`'s cgroup on this machine (cgroupfs driver: .../docker/ID or
 * PARENT/ID): in the v1 hierarchy of `controller`, or in the unified one.
 */
export function cgroupDir(controller: string, id: string): string {
  const v1 = `/sys/fs/cgroup/${controller}`;
  const root = existsSync(v1) ? v1 : '/sys/fs/cgroup';
  const walk = (dir: string, depth: number): string | null => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (!e.isDirectory()) continue;
      if (e.name.includes(id)) return join(dir, e.name);
      if (depth < 3) {
        const f = walk(join(dir, e.name), depth + 1);
        if (f) return f;
      }
    }
    return null;
  };
  const d = walk(root, 0);
  if (!d) throw new Error(`no ${controller} cgroup for ${id}`);
  return d;
}

export const readNumber = (file: string) => Number(readFileSync(file, 'utf8').trim());
