// The big lab host (`lab.ts up big`, lib/big-host.ts) is what issue #13 asks for: 10,000 real
// mounts, 3,000 real cgroups and 5,000 real processes behind sshd. Checked as cosi sees them over
// SSH against the host's own counts read just before and just after (bracketed: cosi's own probe
// processes come and go). Started here when it is not up, and taken down again afterwards (its
// 5,000 processes slow whatever else reads this machine's /proc).
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { labDownBig, labUpBig } from './lab.js';
import { BIG_ALIAS, BIG_SSH_CONFIG, bigRunning } from './lib/big-host.js';
import { cosiSnapshotOf } from './support/cosi-json.js';
import { eachNode } from '../../src/model/walk.js';

const config = BIG_SSH_CONFIG;
let started = false;

beforeAll(async () => {
  started = !bigRunning();
  await labUpBig();
}, 900_000);

afterAll(async () => {
  if (started) await labDownBig();
}, 300_000);

interface Counts {
  mounts: number;
  cgroups: number;
  processes: number;
}

/** The host's own counts over OpenSSH: its mount table, the memory hierarchy's directories, /proc's process directories. */
function hostCounts(): Counts {
  const out = execFileSync('ssh', ['-F', config, '-o', 'BatchMode=yes', BIG_ALIAS, 'findmnt -rn | wc -l; find /sys/fs/cgroup/memory -type d | wc -l; ls -d /proc/[0-9]* | wc -l'], { encoding: 'utf8', timeout: 120_000 });
  const [mounts, cgroups, processes] = out.trim().split('\n').map(Number);
  return { mounts: mounts!, cgroups: cgroups!, processes: processes! };
}

it('has at least 10,000 mounts, 3,000 cgroups and 5,000 processes, and cosi over SSH shows each of them', async () => {
  const before = hostCounts();
  const m = await cosiSnapshotOf(['-F', config, BIG_ALIAS], 600_000);
  const after = hostCounts();
  let cgroups = 0;
  if (m.cgroups) eachNode(m.cgroups, () => void cgroups++);
  const seen: Counts = { mounts: m.mounts.length, cgroups, processes: m.processes.length };
  for (const k of ['mounts', 'cgroups', 'processes'] as const) {
    expect(Math.min(before[k], after[k]), k).toBeGreaterThanOrEqual({ mounts: 10_000, cgroups: 3_000, processes: 5_000 }[k]);
    // the mount table and the cgroup tree hold still; processes: the probe's own and the ssh sessions' come and go
    const slack = k === 'processes' ? 30 : 0;
    expect(seen[k], k).toBeGreaterThanOrEqual(Math.min(before[k], after[k]) - slack);
    expect(seen[k], k).toBeLessThanOrEqual(Math.max(before[k], after[k]) + slack);
  }
}, 900_000);
