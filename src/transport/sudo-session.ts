import { newNonce, terminatorFor } from '../probe/build.js';
import { elevated, elevateScript, toRootShell } from '../probe/sudo.js';
import type { ReadLimits, ShellChannel } from './types.js';

/**
 * `--sudo` on a persistent shell: ONE `sudo -n` when the shell opens (one
 * auth-log entry per session, not per refresh), then a root shell that the
 * ticks hand their root-only scripts to (src/probe/sudo.ts). Where each tick
 * is a new exec (the server refused a shell), there is no session to
 * elevate: the probe falls back to `sudo -n` per root section.
 */
export class SudoSession {
  private state: 'unknown' | 'root' | 'refused' | 'per-tick' = 'unknown';

  constructor(private readonly channel: ShellChannel) {}

  /** After the channel (re)opened: elevates once; later calls keep the answer until reset(). */
  async elevate(limits: ReadLimits): Promise<void> {
    if (this.state !== 'unknown') return;
    if (this.channel.mode === 'exec') {
      this.state = 'per-tick';
    } else {
      const t = terminatorFor(newNonce());
      this.state = elevated(await this.channel.run(elevateScript(t), t, limits)) ? 'root' : 'refused';
    }
    this.channel.setElevated?.(this.state !== 'refused');
  }

  /** The channel was lost: the next shell is elevated again. */
  reset(): void {
    this.state = 'unknown';
    this.channel.setElevated?.(false);
  }

  /** 'root': root sections go to the root shell; 'per-tick': `sudo -n` per section; 'refused': read as the user. */
  get mode(): 'root' | 'per-tick' | 'refused' | 'unknown' {
    return this.state;
  }

  /** Runs `script` (which prints `terminator` itself) in the root shell. */
  runRoot(script: string, terminator: string, limits: ReadLimits): Promise<string> {
    return this.channel.run(toRootShell(script), terminator, limits);
  }
}
