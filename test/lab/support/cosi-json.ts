// `cosi snapshot --via CMD --json` run from the checkout's sources: the parsed model of a lab host.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { CgroupNode, HostModel } from '../../../src/model/types.js';
import { REPO_DIR } from '../lib/paths.js';

const pexec = promisify(execFile);

export async function cosiSnapshotJson(via: string, args: string[] = []): Promise<HostModel> {
  return cosiSnapshotOf(['--via', via, ...args]);
}

/** `cosi snapshot SOURCE... --json` (an SSH host: `-F CONFIG ALIAS`). */
export async function cosiSnapshotOf(source: string[], timeoutMs = 150_000): Promise<HostModel> {
  const r = await pexec(process.execPath, ['--import', 'tsx', join(REPO_DIR, 'src/cli.ts'), 'snapshot', ...source, '--json'], {
    cwd: REPO_DIR,
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 256 << 20,
  });
  return JSON.parse(r.stdout) as HostModel;
}

/** The first cgroup of the model's tree for which `pick` holds. */
export function findCgroup(model: HostModel, pick: (g: CgroupNode) => boolean): CgroupNode | null {
  const stack = model.cgroups ? [model.cgroups] : [];
  while (stack.length > 0) {
    const g = stack.pop()!;
    if (pick(g)) return g;
    stack.push(...g.children);
  }
  return null;
}
