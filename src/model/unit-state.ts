import type { Unit } from './types.js';

/**
 * A unit that is down now: failed, or waiting to start again after its process exited
 * (`activating/auto-restart`, `auto-restart-queued` on newer systemd). Between two runs a
 * crash-looping unit has no cgroup, so without this it would vanish from the tree for those
 * seconds, and from a snapshot taken then.
 */
export function failedOrRestarting(u: Unit): boolean {
  return u.active === 'failed' || (u.active === 'activating' && u.sub.startsWith('auto-restart'));
}
