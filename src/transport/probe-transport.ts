import { readBundle } from '../../parsers/bundle.js';
import type { RawEngine, RawSection, RawSnapshot } from '../snapshot/types.js';
import type { Duplex } from 'node:stream';
import { TransportError, type CollectOptions, type ShellAccess, type ShellChannel, type TickRide, type TickRider, type Transport } from './types.js';
import { buildProbeScript, FRAME, newNonce, newShellMemory, NO_DEV_NULL, terminatorFor, type ShellMemory } from '../probe/build.js';
import { toRootShell } from '../probe/sudo.js';
import type { SectionSpec } from '../probe/section.js';
import { SECTIONS, sectionLimits } from '../probe/sections.js';
import { MARKERS, plan, tierOf } from '../probe/tiers.js';
import { counterData } from '../probe/counters.js';
import { CostBudget } from '../probe/budget.js';
import { SudoSession } from './sudo-session.js';

/** The section of the counters on screen: run only when asked for (CollectOptions.counters). */
const COUNTERS = 'cgroup-counters';

export interface ProbeOptions {
  sudo?: boolean;
  sections?: readonly SectionSpec[];
  /** A tick fails after this long without a byte (default 30 s, `--timeout`)... */
  timeoutMs?: number;
  /** ...or after this long in all, while bytes still arrive (default 10 x timeoutMs). */
  totalMs?: number;
  /** A stream to a unix socket on the target (ssh forwarding, net.connect): the engines' API for reads beside the probe. */
  socket?: (path: string) => Promise<Duplex>;
  /** Reads the engines after the probe (API over a socket, or the docker CLI through the shell). */
  collectEngines?: (sections: Record<string, RawSection>) => Promise<RawEngine[]>;
  /** Wall clock, injectable for tests. */
  now?: () => number;
  /**
   * The first tick of a connection reads only the once and fast sections (the header and Overview
   * draw at once); the slow ones are `pending` in its snapshot and run on the next tick.
   */
  quickFirst?: boolean;
  /** `--host-root DIR`: the host's files are read under DIR (BuildOptions.hostRoot). */
  hostRoot?: string;
  /** How soon costly sections run again (default: src/probe/budget.ts's SHARE; tests give their own). */
  budget?: CostBudget;
}

/**
 * A Transport that runs ONE framed probe script per tick in a persistent
 * shell channel. After a failed tick (closed, timeout) the next collect()
 * opens the channel again: that is how reconnecting works.
 *
 * Ticks are tiered (src/probe/tiers.ts): a section not run this tick, or
 * answered "same as last time", is the previous complete answer, so every
 * snapshot still holds every section. `changed` lists what really changed.
 */
export class ProbeTransport implements Transport {
  private open = false;
  private readonly sections: readonly SectionSpec[];
  private readonly limits: Record<string, number>;
  /** --sudo: the session's root shell (one `sudo -n` per session), else null. */
  readonly rootShell: SudoSession | null;
  /** The last complete answer of each section, valid for the current shell only. */
  private held = new Map<string, RawSection>();
  private tick = 0;
  /** Ids whose text (or exit code) differs from the previous collect(); all of them on the first. */
  changed: string[] = [];
  /** Bytes of the last tick's answer as it came over the channel. */
  answerBytes = 0;
  /** Ids the host answered "same as last time" on the last tick. */
  same: string[] = [];
  private rider: TickRider | null = null;
  /** How soon each costly section may run again (src/probe/budget.ts). */
  private readonly budget: CostBudget;
  /** The probe's definitions the open shell (and its root shell) holds; new with every shell. */
  private memory = { user: newShellMemory(), root: newShellMemory() };

  constructor(
    private readonly channel: ShellChannel,
    private readonly opts: ProbeOptions = {},
  ) {
    this.sections = opts.sections ?? SECTIONS;
    this.limits = sectionLimits(this.sections);
    this.rootShell = opts.sudo ? new SudoSession(channel) : null;
    this.budget = opts.budget ?? new CostBudget();
  }

  get target() {
    return this.channel.target;
  }

  setRider(rider: TickRider | null): void {
    this.rider = rider;
  }

  async collect(collectOpts: CollectOptions = {}): Promise<RawSnapshot> {
    const now = this.opts.now ?? Date.now;
    const started = now();
    const timeoutMs = this.opts.timeoutMs ?? 30_000;
    let ride: TickRide | null = null;
    try {
      ride = this.rider?.take(this.access()) ?? null;
    } catch {
      ride = null;
    }
    const maxBytes = Object.values(this.limits).reduce((a, b) => a + b + 256, 4096) + (ride?.maxBytes ?? 0);
    const limits = { timeoutMs, totalMs: this.opts.totalMs ?? 10 * timeoutMs, maxBytes };
    const nonce = newNonce();
    let output: string;
    let modes = new Map<string, ReturnType<typeof plan>>();
    try {
      if (!this.open) {
        this.rootShell?.reset();
        await this.channel.open();
        this.open = true;
        // A new shell remembers nothing: every section runs and is sent in full, its function too.
        this.held = new Map();
        this.memory = { user: newShellMemory(), root: newShellMemory() };
        this.tick = 0;
        this.budget.reset();
        await this.rootShell?.elevate({ ...limits, maxBytes: 4096 });
      }
      const quick = this.opts.quickFirst === true && this.tick === 0;
      const fresh = new Set(collectOpts.run ?? []);
      modes = new Map(this.sections.map((s) => [s.id, this.mode(s.id, collectOpts.full === true || fresh.has(s.id), quick, started)]));
      const counters = this.counters(collectOpts.counters, modes);
      // The rider's read runs first, in the same shell; its frames carry their own nonce. Only with a
      // /dev/null device: its redirections would create the file (the probe then says why it stops).
      const before = ride ? `if [ -c /dev/null ]; then\n${ride.script}fi\n` : '';
      output = await this.channel.run(before + this.script(nonce, modes, counters), terminatorFor(nonce), limits);
    } catch (e) {
      this.open = false;
      this.held = new Map();
      const err = e instanceof TransportError ? e : new TransportError(String(e), 'other');
      ride?.fail(err.message);
      throw err;
    }
    try {
      await ride?.answer(output);
    } catch (e) {
      ride?.fail(e instanceof Error ? e.message : String(e));
    }
    if (output.includes(`${FRAME}:${nonce}:${NO_DEV_NULL}`)) {
      this.open = false;
      throw new TransportError('the host has no /dev/null device (a rescue chroot?): cosi did not probe it, because its shell redirections would create /dev/null as a file', 'other');
    }
    this.answerBytes = Buffer.byteLength(output);
    const bundle = readBundle(output, nonce, this.limits);
    const sections: Record<string, RawSection> = {};
    const changed: string[] = [];
    for (const spec of this.sections) {
      const got = bundle.value[spec.id];
      const before = this.held.get(spec.id);
      let s: RawSection | undefined;
      if (got?.same) s = before ? { ...before, rc: got.rc, ms: got.ms } : undefined;
      // The counters on screen answer absent when the tree's marker moved: the tree is this tick's reading.
      else if (got && !(spec.id === COUNTERS && got.rc === 127 && got.text === '')) s = { text: got.text, rc: got.rc, truncated: got.truncated, bytes: got.bytes, ms: got.ms };
      // Not asked, or its marker did not move: the last answer stands. Asked and not answered: missing.
      // (The counters on screen stand for this tick only: the next one may show other rows.)
      else s = modes.get(spec.id) === 'run' || spec.id === COUNTERS ? undefined : before;
      if (got) this.budget.ran(spec.id, got.ms, started);
      if (!s) {
        this.held.delete(spec.id);
        continue;
      }
      sections[spec.id] = s;
      if (!before || before.text !== s.text || before.rc !== s.rc || before.truncated !== s.truncated) changed.push(spec.id);
      // Only a finished section can stand for the next ticks ("same" compares with what the shell sent).
      if (s.rc !== null) this.held.set(spec.id, s);
      else this.held.delete(spec.id);
    }
    this.changed = changed;
    this.same = Object.entries(bundle.value).filter(([, b]) => b.same).map(([id]) => id);
    const pending = this.sections.filter((s) => !sections[s.id] && modes.get(s.id) === 'skip' && s.id !== COUNTERS).map((s) => s.id);
    const stale = this.budget.stale(started);
    this.tick++;
    // The engines follow their discovery section: while it is pending, so are they.
    const engines = this.opts.collectEngines && !pending.includes('engines') ? await this.opts.collectEngines(sections) : [];
    return {
      ...(pending.length > 0 ? { pending } : {}),
      ...(Object.keys(stale).length > 0 ? { stale } : {}),
      format: 'cosi-snapshot',
      version: 1,
      target: this.channel.target,
      takenAt: new Date(started).toISOString(),
      durationMs: Math.max(0, now() - started),
      sections,
      engines,
    };
  }

  /** A section's mode this tick: its tier's (tiers.ts), held back while its cost says wait (budget.ts). */
  private mode(id: string, fresh: boolean, quick: boolean, now: number): ReturnType<typeof plan> {
    if (fresh) return 'run';
    if (quick && tierOf(id) === 'slow') return 'skip';
    const h = this.held.get(id);
    const held = h !== undefined;
    const base = plan(id, this.tick, h?.rc === 127 ? 'absent' : held);
    return held && this.tick > 0 ? this.budget.decide(id, base, now) : base;
  }

  /**
   * This tick's read of the counters of the cgroups on screen (src/probe/counters.ts), or null: only
   * while the tree is not read this tick, and then only if its marker did not move (the tree runs
   * instead); its mode in `modes` says which.
   */
  private counters(paths: readonly string[] | undefined, modes: Map<string, ReturnType<typeof plan>>): SectionSpec | null {
    const spec = this.sections.find((s) => s.id === COUNTERS);
    if (!spec) return null;
    const tree = modes.get('cgroups');
    const text = this.held.get('cgroups')?.text;
    const data = paths?.length && text && tree && tree !== 'run' && modes.get(COUNTERS) !== 'skip' ? counterData(text, paths) : null;
    modes.set(COUNTERS, data ? 'run' : 'skip');
    if (!data) return null;
    const moved = tree === 'marker' ? { skipWhen: `{ ${MARKERS.cgroups}; [ "\${_cosi_m_cgroups-}" != "x$_m" ]; }` } : {};
    return { ...spec, script: `${data}\n${spec.script}`, ...moved };
  }

  /**
   * Reads beside the probe in the same connection (the Logs tab's container reads, the logs of
   * `cosi snapshot`): scripts in its shell, once open, and the target's sockets.
   */
  access(): ShellAccess {
    const timeoutMs = this.opts.timeoutMs ?? 30_000;
    return {
      run: (script, terminator) => this.channel.run(script, terminator, { timeoutMs, totalMs: this.opts.totalMs ?? 10 * timeoutMs, maxBytes: 64 * 1024 * 1024 }),
      ...(this.opts.socket ? { connect: this.opts.socket } : {}),
      timeoutMs,
    };
  }

  /** This tick's script; with an elevated session, the root sections run in its root shell, which ends the tick. */
  private script(nonce: string, modes: Map<string, ReturnType<typeof plan>>, counters: SectionSpec | null): string {
    const due = this.sections.filter((s) => modes.get(s.id) !== 'skip').map((s) => (s.id === COUNTERS && counters ? counters : s));
    const opts = {
      hostRoot: this.opts.hostRoot,
      same: new Set(this.held.keys()),
      marker: new Set(due.filter((s) => modes.get(s.id) === 'marker').map((s) => s.id)),
    };
    // One exec per tick is a new shell each time: it is given every definition.
    const kept = (m: ShellMemory): ShellMemory | undefined => (this.channel.mode === 'exec' ? undefined : m);
    const mode = this.rootShell?.mode;
    if (mode !== 'root') return buildProbeScript(due, nonce, { ...opts, sudo: mode === 'per-tick', shell: kept(this.memory.user) });
    const user = buildProbeScript(due.filter((s) => !s.root), nonce, { ...opts, end: false, shell: kept(this.memory.user) });
    return user + toRootShell(buildProbeScript(due.filter((s) => s.root), nonce, { ...opts, shell: kept(this.memory.root) }));
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
