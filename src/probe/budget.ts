/**
 * The cost budget of the probe (issue #13): how soon a costly section may run again.
 *
 * tiers.ts says when a section is due (fast: every tick; slow: every SLOW_EVERY ticks or when its
 * change marker moved). On a small host that is cheap. On a node with 10,000 mounts, 3,000 cgroups
 * and 5,000 processes one read of the cgroups, the processes or df takes seconds of the host's
 * CPU, and reading them at that rhythm would cost a big share of a core. So a section whose last
 * two runs both took COSTLY_MS or more (its wall time on the host, from the E frame's /proc/uptime
 * readings: at least its CPU for these sequential scripts; two, so that one run slowed by a
 * passing load or a cold cache does not hold a cheap section back) waits after its last run
 * (a slow-tier section whose one run took CLEARLY_COSTLY_MS or more waits after that run: its
 * second would come with the 15th tick, a whole run of the big lists again half a minute in)
 *
 *     its cost (the lower of the two) x (number of costly sections) / SHARE    (at most MAX_WAIT_MS)
 *
 * before it may run again: each costly section gets an equal part of SHARE, so together they
 * take at most SHARE of one core (on average, the cap aside). While it waits its marker is not
 * looked at (the /proc glob is itself costly there, and on a busy node the markers always move).
 * Once the wait is over it is back on its tier's rhythm (run, or run if its marker moved), or runs
 * at once when the budget held back one of its periodic runs: the budget only ever delays a run,
 * never adds one (a 20 ms section on a small host waits 2 s, and ran every tick when the end of
 * its wait meant a run). Cheap sections keep their tier's rhythm. The user's
 * `r` reads everything at once (ProbeTransport's `full`), and the header says which lists are
 * older than STALE_MS (`held`).
 */
import { tierOf } from './tiers.js';

/** The part of one core that the costly sections may take together, on average. */
export const SHARE = 0.01;
/** A section whose last run took this long (wall ms on the host) is costly; /proc/uptime counts in 10 ms. */
export const COSTLY_MS = 20;
/**
 * One run this long of a slow-tier section is proof enough of its cost: five times COSTLY_MS, more
 * than a passing load makes of a cheap section. (A fast-tier section runs again on the next tick,
 * and its two runs cost no more than its tier's rhythm.) On the big lab host the first tick's
 * cgroups, processes, their CPU, df, df -i and the inotify scan each took 110-1,110 ms, and
 * their second runs, on the 15th tick, took 2.0-2.5 s of the host's CPU.
 */
export const CLEARLY_COSTLY_MS = 5 * COSTLY_MS;

/** No costly section waits longer than this (then its share may exceed the budget: a list is never older). */
export const MAX_WAIT_MS = 10 * 60_000;
/** A held-back section is named in the header once its text is this old. */
export const STALE_MS = 60_000;

export type Mode = 'run' | 'marker' | 'skip';

interface Run {
  /** When the tick that read it started (ms since the epoch). */
  at: number;
  /** Its cost: the lower wall time on the host (ms) of its last two runs; 0 after one run, unless a slow section's one run took CLEARLY_COSTLY_MS. */
  ms: number;
  /** The last run's wall time. */
  last: number;
}

/**
 * A budget that never holds a section back (no share is too small): for tests of other behaviour,
 * whose sections must run when their tier says however loaded the machine running them is.
 */
export function noBudget(): CostBudget {
  return new CostBudget(Number.POSITIVE_INFINITY);
}

export class CostBudget {
  private readonly runs = new Map<string, Run>();
  /** Sections whose periodic (or asked-for) run the budget held back: they run once their wait is over. */
  private readonly owed = new Set<string>();
  /** Sections held back on the last tick. */
  private readonly holding = new Set<string>();

  constructor(
    private readonly share = SHARE,
    private readonly maxWaitMs = MAX_WAIT_MS,
  ) {}

  /** A new shell: nothing is known of its costs. */
  reset(): void {
    this.runs.clear();
    this.owed.clear();
    this.holding.clear();
  }

  /** How long section `id` waits after its last run (0 when cheap, or run less than twice). */
  waitMs(id: string): number {
    const r = this.runs.get(id);
    if (!r || r.ms < COSTLY_MS) return 0;
    let costly = 0;
    for (const x of this.runs.values()) if (x.ms >= COSTLY_MS) costly++;
    return Math.min(this.maxWaitMs, (r.ms * costly) / this.share);
  }

  /**
   * This tick's mode of a section the transport holds an answer of, from its tier's mode `base`
   * (tiers.ts plan). Sections without a held answer always run as their tier says: call this
   * only for held ones.
   */
  decide(id: string, base: Mode, now: number): Mode {
    const owed = this.owed.has(id);
    if (base === 'skip' && !owed) {
      this.holding.delete(id);
      return 'skip';
    }
    const r = this.runs.get(id);
    const wait = this.waitMs(id);
    if (!r || wait === 0) return base;
    if (now - r.at >= wait) {
      this.holding.delete(id);
      return owed ? 'run' : base;
    }
    if (base === 'run') this.owed.add(id);
    this.holding.add(id);
    return 'skip';
  }

  /** Section `id` ran (an E or S frame) in the tick started at `at`, taking `ms` on the host. */
  ran(id: string, ms: number | null, at: number): void {
    const before = this.runs.get(id);
    const last = ms ?? 0;
    const cost = before ? Math.min(before.last, last) : last >= CLEARLY_COSTLY_MS && tierOf(id) === 'slow' ? last : 0;
    this.runs.set(id, { at, ms: cost, last });
    this.owed.delete(id);
    this.holding.delete(id);
  }

  /** Sections held back by the budget whose last read is STALE_MS old or more at `now`: id -> when read. */
  stale(now: number): Record<string, number> {
    const out: Record<string, number> = {};
    for (const id of this.holding) {
      const r = this.runs.get(id);
      if (r && now - r.at >= STALE_MS) out[id] = r.at;
    }
    return out;
  }
}
