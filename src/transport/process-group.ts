import { spawn, type ChildProcessWithoutNullStreams, type SpawnOptionsWithoutStdio } from 'node:child_process';

/**
 * Every child cosi starts (the local shell, a --via command, an ssh
 * ProxyCommand) runs in a process group of its own (spawned detached), so a
 * deadline, a byte cap or quitting kills the WHOLE tree: `sh -c 'df | head'`
 * leaves no `df` behind, and `yes` cannot outlive us. The groups still alive
 * are killed when cosi exits, whatever the reason.
 */
const live = new Set<ChildProcessWithoutNullStreams>();

export function spawnGroup(command: string, args: readonly string[], opts: SpawnOptionsWithoutStdio = {}): ChildProcessWithoutNullStreams {
  // Watch first: a signal that arrives while the child starts must find the handler in place.
  watchExit();
  const child = spawn(command, [...args], { ...opts, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  live.add(child);
  child.once('exit', () => live.delete(child));
  child.once('error', () => live.delete(child));
  return child;
}

/**
 * SIGKILL to the child's whole process group, and its pipes destroyed (a process that left the
 * group and holds them cannot keep us alive). `keepStderr`: its last words are still to be read.
 */
export function killGroup(child: ChildProcessWithoutNullStreams, opts: { keepStderr?: boolean } = {}): void {
  signalGroup(child);
  live.delete(child);
  child.stdin.destroy();
  child.stdout.destroy();
  if (!opts.keepStderr) child.stderr.destroy();
}

function signalGroup(child: ChildProcessWithoutNullStreams): void {
  if (child.pid === undefined) return;
  try {
    // The group outlives its leader: kill it even when the leader has already exited.
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // the group is gone
  }
}

let watching = false;
function watchExit(): void {
  if (watching) return;
  watching = true;
  process.on('exit', () => {
    for (const c of live) signalGroup(c);
  });
  // Detached children do not get the terminal's SIGINT: when nobody else handles a signal
  // (the TUI does), kill the groups and die of it as Node would have.
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      if (process.listenerCount(sig) > 1) return;
      for (const c of live) signalGroup(c);
      process.off(sig, onSignal);
      process.kill(process.pid, sig);
    };
    process.on(sig, onSignal);
  }
}
