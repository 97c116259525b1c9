import type { RawSnapshot, TargetInfo } from '../snapshot/types.js';

export type { TargetInfo };

/** Limits applied while reading one probe answer. */
export interface ReadLimits {
  /** Give up after this many milliseconds without a byte (counted again from each byte received). */
  timeoutMs: number;
  /** Give up after this many milliseconds without the closing frame, even while bytes arrive (default timeoutMs). */
  totalMs?: number;
  /** Give up after this many bytes (a runaway host cannot exhaust our memory). */
  maxBytes: number;
}

/**
 * A long-lived POSIX shell on the target (a child `sh`, `docker exec -i X sh`,
 * an SSH shell channel). One probe script per tick is written into it; the
 * answer is read until `terminator` appears at the start of a line.
 */
export interface ShellChannel {
  readonly target: TargetInfo;
  open(): Promise<void>;
  run(script: string, terminator: string, limits: ReadLimits): Promise<string>;
  close(): Promise<void>;
  /** 'exec' when the server refused a shell and each tick is a new exec (SSH ForceCommand accounts). */
  readonly mode?: 'shell' | 'exec' | null;
  /** --sudo: root sections run in this session, so a timed-out tick's group is also killed through `sudo -n`. */
  setElevated?(on: boolean): void;
}

/**
 * How a read reaches the target beside the probe: more scripts in the same shell, and (ssh,
 * --local) streams to its unix sockets, for the engines' API. `cosi logs`, the Logs tab and
 * `cosi snapshot`'s logs read through it.
 */
export interface ShellAccess {
  /** Runs one script in the target's shell; resolves with its output up to the terminator line. */
  run(script: string, terminator: string): Promise<string>;
  /** A stream to a unix socket on the target (ssh streamlocal forwarding, net.connect); absent with --via. */
  connect?: (path: string) => Promise<import('node:stream').Duplex>;
  /** Per Engine API request. */
  timeoutMs: number;
}

/**
 * A read that rides in a tick's own round trip (the Logs tab's lines): its script runs in the
 * same shell, before the probe, and its part of the answer is handed back. No second channel,
 * no extra tick. Its answer may go on through the tick's access (the engines' API over the
 * forwarded socket, one more script); the tick waits for it.
 */
export interface TickRide {
  script: string;
  /** Bytes its answer may add to the tick's. */
  maxBytes: number;
  answer(output: string): void | Promise<void>;
  /** The tick failed: nothing was read. */
  fail(reason: string): void;
}

export interface TickRider {
  /** What to read in this tick, or null; `access` is how the ride may go on after its script. */
  take(access: ShellAccess): TickRide | null;
}

export interface CollectOptions {
  /** Sections read afresh this tick whatever their tier (cosi snapshot's second reading of the counters). */
  run?: readonly string[];
  /** Every section read afresh, whatever its tier or cost (the user's `r`). */
  full?: boolean;
  /**
   * Cgroup paths whose rows are on screen: while the tree is not read, their counters are
   * (src/probe/counters.ts, the cgroup-counters section).
   */
  counters?: readonly string[];
}

/** Anything that yields raw snapshots: a shell-backed probe runner or a replayed file. */
export interface Transport {
  readonly target: TargetInfo;
  /** Collects one raw snapshot (one round trip for shell transports). */
  collect(opts?: CollectOptions): Promise<RawSnapshot>;
  close(): Promise<void>;
  /** Something the user should know about how the target is read, once connected; else null. */
  notice?(): string | null;
  /** Shell transports: reads that ride in each tick (absent: a replayed file has no shell). */
  setRider?(rider: TickRider | null): void;
  /** Shell transports: reads beside the probe on the same connection, once a tick opened it. */
  access?(): ShellAccess;
}

/** Errors a transport raises carry a one-line reason for the user. */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly reason: 'dns' | 'refused' | 'timeout' | 'auth' | 'hostkey' | 'closed' | 'limit' | 'spawn' | 'protocol' | 'other' = 'other',
    /** An ssh option (`Key=Value`) that would let the same command work; the CLI prints the whole command. */
    readonly retryOption?: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}
