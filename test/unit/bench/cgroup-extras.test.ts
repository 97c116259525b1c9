import { describe, expect, it } from 'vitest';
import { cgroupsScriptWithoutExtras } from '../../../bench/cgroup-extras.js';
import { cgroupsScript } from '../../../src/probe/scripts.js';

// The bench's "without" side of the #15 cgroup readings: the probe's own cgroups script with the
// extra files taken out. Every edit must still apply to the script as it is now.
describe('the cgroups script without the #15 readings (bench/cgroup-extras.ts)', () => {
  const without = cgroupsScriptWithoutExtras();
  const extras = ['cpu.stat', 'cpu.max', 'cpuacct.usage', 'cfs_quota_us', 'io.stat', 'blkio.', '.pressure', 'memory.max', 'memory.limit_in_bytes', 'pids.max', '/proc/uptime'];

  it('reads none of the extra files, which the probe reads', () => {
    for (const f of extras) {
      expect(cgroupsScript, f).toContain(f);
      expect(without, f).not.toContain(f);
    }
  });

  it('keeps what was read before: memory, OOM kills, tasks and processes', () => {
    for (const f of ['memory.usage_in_bytes', 'memory.oom_control', 'memory.current', 'memory.events', 'pids.current', 'cgroup.procs', 'total_inactive_file']) expect(without, f).toContain(f);
  });
});
