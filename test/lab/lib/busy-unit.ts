// A transient busy unit on the systemd host, for as long as a test needs it:
// `systemd-run --unit cosi-lab-busy -p CPUQuota=50%` running a shell busy loop.
//
// Two things of this machine are set right while it runs:
// - Its cgroup v1 mounts `cpu` and `cpuacct` as two hierarchies, where systemd assumes one
//   (`cpu,cpuacct`): systemd makes the unit's cgroup in `cpu` only, so neither systemd-cgtop nor
//   cosi has a CPU counter for it. The busy shell is put into the unit's cgroup of `cpuacct` by
//   hand, as the joined hierarchy of any other v1 machine has it.
// - The host's cgroup (/docker in the root cgroup) weighs one task against a load of 15-25: its
//   weight is raised (lib/cpu-weight.ts) so the unit gets what its quota gives.
import { DAEMONS, dockerAt } from './daemons.js';
import { raiseCpuWeight } from './cpu-weight.js';
import { SYSTEMD_CONTAINER } from './systemd.js';
import { waitFor } from './run.js';

export const BUSY_UNIT = 'cosi-lab-busy.service';
export const BUSY_QUOTA_PERCENT = 50;

const inHost = (script: string, allowFail = false) =>
  dockerAt(DAEMONS.docker, ['exec', SYSTEMD_CONTAINER, 'sh', '-c', script], { allowFail, timeoutMs: 30_000 });

/** The unit's cgroup path (as /proc/PID/cgroup gives it: the machine's tree, the host shares it). */
function unitCgroup(): string {
  return inHost(`systemctl show -p ControlGroup --value ${BUSY_UNIT}`).stdout.trim();
}

/**
 * Starts the unit, waits until systemctl says it is active, joins its process to the unit's
 * cpuacct cgroup where that is a hierarchy of its own, raises the host's CPU weight.
 * Returns the unit's cgroup path and what stops it all again.
 */
export async function startBusyUnit(): Promise<{ cgroup: string; stop: () => void }> {
  inHost(`systemctl stop ${BUSY_UNIT} 2>/dev/null; systemctl reset-failed ${BUSY_UNIT} 2>/dev/null; true`);
  inHost(`systemd-run --quiet --unit ${BUSY_UNIT} -p CPUQuota=${BUSY_QUOTA_PERCENT}% /bin/sh -c 'while :; do :; done'`);
  await waitFor(`${BUSY_UNIT} active`, () => inHost(`systemctl is-active ${BUSY_UNIT}`, true).stdout.trim() === 'active', 30_000, 500);
  const cgroup = unitCgroup();
  const acct = `/sys/fs/cgroup/cpuacct${cgroup}`;
  inHost(
    `if grep -q '^[0-9]*:cpuacct:' /proc/self/cgroup && [ ! -d ${acct} ]; then ` +
      `mkdir -p ${acct} && systemctl show -p MainPID --value ${BUSY_UNIT} > ${acct}/cgroup.procs; fi`,
  );
  const top = '/' + cgroup.split('/')[1];
  const restore = raiseCpuWeight(top);
  return {
    cgroup,
    stop: () => {
      restore();
      // the unit's cpuacct cgroup and its slice's, where they were made by hand above (rmdir leaves busy ones)
      inHost(`systemctl stop ${BUSY_UNIT}; rmdir ${acct} ${acct.replace(/\/[^/]+$/, '')} 2>/dev/null; true`, true);
    },
  };
}
