import { readBundle } from '../../parsers/bundle.js';
import type { RawEngine, RawSection, RawSnapshot } from '../snapshot/types.js';
import { TransportError, type ShellChannel, type Transport } from './types.js';
import { buildProbeScript, newNonce, terminatorFor } from '../probe/build.js';
import { toRootShell } from '../probe/sudo.js';
import type { SectionSpec } from '../probe/section.js';
import { SECTIONS, sectionLimits } from '../probe/sections.js';
import { SudoSession } from './sudo-session.js';

export interface ProbeOptions {
  sudo?: boolean;
  sections?: readonly SectionSpec[];
  /** A tick fails after this long without a byte (default 30 s, `--timeout`)... */
  timeoutMs?: number;
  /** ...or after this long in all, while bytes still arrive (default 10 x timeoutMs). */
  totalMs?: number;
  /** Reads the engines after the probe (API over a socket, or the docker CLI through the shell). */
  collectEngines?: (sections: Record<string, RawSection>) => Promise<RawEngine[]>;
  /** Wall clock, injectable for tests. */
  now?: () => number;
}

/**
 * A Transport that runs ONE framed probe script per tick in a persistent
 * shell channel. After a failed tick (closed, timeout) the next collect()
 * opens the channel again: that is how reconnecting works.
 */
export class ProbeTransport implements Transport {
  private open = false;
  private readonly sections: readonly SectionSpec[];
  private readonly limits: Record<string, number>;
  /** --sudo: the session's root shell (one `sudo -n` per session), else null. */
  readonly rootShell: SudoSession | null;

  constructor(
    private readonly channel: ShellChannel,
    private readonly opts: ProbeOptions = {},
  ) {
    this.sections = opts.sections ?? SECTIONS;
    this.limits = sectionLimits(this.sections);
    this.rootShell = opts.sudo ? new SudoSession(channel) : null;
  }

  get target() {
    return this.channel.target;
  }

  async collect(): Promise<RawSnapshot> {
    const now = this.opts.now ?? Date.now;
    const started = now();
    const timeoutMs = this.opts.timeoutMs ?? 30_000;
    const maxBytes = Object.values(this.limits).reduce((a, b) => a + b + 256, 4096);
    const limits = { timeoutMs, totalMs: this.opts.totalMs ?? 10 * timeoutMs, maxBytes };
    const nonce = newNonce();
    let output: string;
    try {
      if (!this.open) {
        this.rootShell?.reset();
        await this.channel.open();
        this.open = true;
        await this.rootShell?.elevate({ ...limits, maxBytes: 4096 });
      }
      output = await this.channel.run(this.script(nonce), terminatorFor(nonce), limits);
    } catch (e) {
      this.open = false;
      throw e instanceof TransportError ? e : new TransportError(String(e), 'other');
    }
    const bundle = readBundle(output, nonce, this.limits);
    const sections: Record<string, RawSection> = {};
    for (const [id, s] of Object.entries(bundle.value)) sections[id] = s;
    const engines = this.opts.collectEngines ? await this.opts.collectEngines(sections) : [];
    return {
      format: 'cosi-snapshot',
      version: 1,
      target: this.channel.target,
      takenAt: new Date(started).toISOString(),
      durationMs: Math.max(0, now() - started),
      sections,
      engines,
    };
  }

  /** This tick's script; with an elevated session, the root sections run in its root shell, which ends the tick. */
  private script(nonce: string): string {
    const mode = this.rootShell?.mode;
    if (mode !== 'root') return buildProbeScript(this.sections, nonce, { sudo: mode === 'per-tick' });
    const user = buildProbeScript(this.sections.filter((s) => !s.root), nonce, { end: false });
    return user + toRootShell(buildProbeScript(this.sections.filter((s) => s.root), nonce));
  }

  notice(): string | null {
    const notes: string[] = [];
    if (this.channel.mode === 'exec') notes.push('the server refused a shell: one exec per refresh (slower, same data)');
    if (this.rootShell?.mode === 'refused') notes.push('sudo -n was refused (a password?): root-only sections are read without root');
    return notes.length > 0 ? notes.join('; ') : null;
  }

  async close(): Promise<void> {
    this.open = false;
    await this.channel.close();
  }
}
