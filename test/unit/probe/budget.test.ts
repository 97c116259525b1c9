import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLEARLY_COSTLY_MS, COSTLY_MS, CostBudget, MAX_WAIT_MS, SHARE, STALE_MS, type Mode } from '../../../src/probe/budget.js';
import { SECTIONS } from '../../../src/probe/sections.js';
import { plan, SLOW_EVERY } from '../../../src/probe/tiers.js';

// The section costs (ms of wall time on the host, from the E frames' /proc/uptime readings) of a
// connection's first tick, recorded with `cosi snapshot --json` on the lab's hosts (fixture README).
const costs = (name: string): Record<string, number> => JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/probe', `${name}-costs.json`), 'utf8')).ms;
const big = costs('lab-big');
const small = costs('lab-coreos');

/**
 * A connection watched every 2 s for `seconds`: the first tick runs everything, then each tick asks
 * tiers.ts and the budget, as ProbeTransport does; a marker "moves" every `markerEvery` ticks.
 * Returns each section's run ticks and the host time the runs took.
 */
function watch(ms: Record<string, number>, seconds: number, markerEvery = Infinity) {
  const b = new CostBudget();
  const runs = new Map<string, number[]>();
  let spent = 0;
  for (let tick = 0; tick * 2 < seconds; tick++) {
    const now = 1_000_000 + tick * 2000;
    for (const s of SECTIONS) {
      const base = plan(s.id, tick, true);
      const mode: Mode = tick === 0 ? base : b.decide(s.id, base, now);
      const ran = mode === 'run' || (mode === 'marker' && tick % markerEvery === 0);
      if (!ran) continue;
      const cost = ms[s.id] ?? 0;
      b.ran(s.id, cost, now);
      spent += cost;
      runs.set(s.id, [...(runs.get(s.id) ?? []), tick]);
    }
  }
  return { runs, spent, budget: b };
}

describe('the cost budget', () => {
  it('keeps the tiers of cheap sections: every tick, every 15th, or when the marker moved', () => {
    const b = new CostBudget();
    for (const at of [-2000, 0]) {
      b.ran('meminfo', 0, at);
      b.ran('df', COSTLY_MS - 10, at);
    }
    expect(b.decide('meminfo', 'run', 2000)).toBe('run');
    expect(b.decide('df', 'marker', 2000)).toBe('marker');
    expect(b.decide('df', 'run', 4000)).toBe('run');
    expect(b.decide('df', 'skip', 4000)).toBe('skip');
  });

  it('holds a costly section back for its cost x the costly sections / SHARE, markers included, and owes it a missed run', () => {
    const b = new CostBudget();
    // One run is no proof (a passing load, a cold cache): a section is costly after two.
    b.ran('cgroups', 40, -2000);
    expect(b.waitMs('cgroups')).toBe(0);
    b.ran('cgroups', 90, 0);
    b.ran('processes', 60, -2000);
    b.ran('processes', 60, 0);
    // Two costly sections, each a half of SHARE; the lower of the last two runs: 40 ms -> 8 s, 60 ms -> 12 s.
    expect(b.waitMs('cgroups')).toBe((40 * 2) / SHARE);
    expect(b.decide('cgroups', 'marker', 2000)).toBe('skip');
    expect(b.decide('cgroups', 'run', 6000)).toBe('skip');
    // The missed periodic run is made once the wait is over, even on a tick where the tier says skip.
    expect(b.decide('cgroups', 'skip', 8000)).toBe('run');
    b.ran('cgroups', 40, 8000);
    expect(b.decide('cgroups', 'skip', 10_000)).toBe('skip');
    expect(b.decide('processes', 'marker', 10_000)).toBe('skip');
    // Once the wait is over a costly section is back on its tier: its marker is looked at again.
    expect(b.decide('processes', 'marker', 12_000)).toBe('marker');
    expect(b.decide('processes', 'run', 12_000)).toBe('run');
  });

  it('takes one run of CLEARLY_COSTLY_MS or more as a slow section\'s cost: its periodic run half a minute in waits', () => {
    const b = new CostBudget();
    b.ran('cgroups', 1_000, 0);
    // under the line, one run is still no proof; a fast section runs again on the next tick anyway
    b.ran('df', CLEARLY_COSTLY_MS - 10, 0);
    b.ran('mountinfo', 1_000, 0);
    expect(b.waitMs('cgroups')).toBe(1_000 / SHARE);
    expect(b.waitMs('df')).toBe(0);
    expect(b.waitMs('mountinfo')).toBe(0);
    expect(b.decide('cgroups', 'run', SLOW_EVERY * 2000)).toBe('skip');
    expect(b.decide('df', 'run', SLOW_EVERY * 2000)).toBe('run');
    expect(b.decide('mountinfo', 'run', 2000)).toBe('run');
    // owed: it runs once its wait is over
    expect(b.decide('cgroups', 'skip', 1_000 / SHARE)).toBe('run');
  });

  it('lab-big (recorded costs): the big lists are not read again on the 15th tick, 30 s after the first', () => {
    const clearly = Object.entries(big).filter(([id, ms]) => ms >= CLEARLY_COSTLY_MS && SECTIONS.find((s) => s.id === id)?.tier === 'slow').map(([id]) => id);
    expect(clearly).toEqual(expect.arrayContaining(['cgroups', 'processes', 'df']));
    const { runs } = watch(big, 40);
    for (const id of clearly) expect(runs.get(id), id).toEqual([0]);
  });

  it('only ever delays a run: a costly section whose marker stays still runs on its periodic ticks only', () => {
    // A 20 ms section on a small host waits 2 s, one tick: the end of its wait must not make it run every tick.
    const ms = Object.fromEntries(SECTIONS.map((s) => [s.id, s.id === 'cgroups' ? COSTLY_MS : 0]));
    const still = watch(ms, 10 * 60);
    const periodic = Array.from({ length: (10 * 60) / 2 / SLOW_EVERY }, (_, i) => i * SLOW_EVERY);
    expect(still.runs.get('cgroups')).toEqual(periodic);
    // A marker that moves every 5th tick: those ticks too, as for a cheap section.
    const moving = watch(ms, 10 * 60, 5);
    expect(moving.runs.get('cgroups')).toEqual(Array.from({ length: (10 * 60) / 2 / 5 }, (_, i) => i * 5));
  });

  it('never waits longer than MAX_WAIT_MS, and names what it holds back once it is STALE_MS old', () => {
    const b = new CostBudget();
    b.ran('cgroups', 10_000, -2000);
    b.ran('cgroups', 10_000, 0);
    expect(b.waitMs('cgroups')).toBe(MAX_WAIT_MS);
    expect(b.decide('cgroups', 'marker', STALE_MS - 2000)).toBe('skip');
    expect(b.stale(STALE_MS - 2000)).toEqual({});
    expect(b.decide('cgroups', 'marker', STALE_MS)).toBe('skip');
    expect(b.stale(STALE_MS)).toEqual({ cgroups: 0 });
    expect(b.decide('cgroups', 'marker', MAX_WAIT_MS)).toBe('marker');
    expect(b.stale(MAX_WAIT_MS)).toEqual({});
    b.reset();
    expect(b.waitMs('cgroups')).toBe(0);
  });

  it('lab-big (recorded costs): the costly sections take at most SHARE of a core, or run every MAX_WAIT_MS', () => {
    const hour = 3600;
    const { runs, spent, budget } = watch(big, hour, 1);
    const first = Object.values(big).reduce((a, c) => a + c, 0);
    const costly = Object.entries(big).filter(([, ms]) => ms >= COSTLY_MS);
    const capped = costly.reduce((a, [, ms]) => a + ms, 0) / MAX_WAIT_MS;
    const cheap = Object.entries(big).filter(([, ms]) => ms < COSTLY_MS).reduce((a, [, ms]) => a + ms, 0) / 2000;
    // Over the first tick's cost, the costly ones' part per second is at most the larger of the two bounds.
    expect((spent - first) / (hour * 1000)).toBeLessThanOrEqual(Math.max(SHARE, capped) + cheap + 1e-9);
    // Each costly section runs again once its wait is over (the first run only measures): at the
    // next tick (a marker moves every tick here), or the next 15th tick for the three without one.
    for (const [id] of costly) {
      const ticks = runs.get(id) ?? [];
      const wait = budget.waitMs(id);
      expect(wait, id).toBeGreaterThan(0);
      expect(ticks.length, id).toBeGreaterThan(1);
      expect(ticks.length, id).toBeGreaterThan(2);
      // from the 15th tick on every costly section has run twice (those without a marker then), so their number is known
      for (let i = 1; i < ticks.length; i++) {
        if (ticks[i - 1]! < SLOW_EVERY) continue;
        const gap = (ticks[i]! - ticks[i - 1]!) * 2000;
        expect(gap, id).toBeGreaterThanOrEqual(wait);
        expect(gap, id).toBeLessThanOrEqual(wait + SLOW_EVERY * 2000);
      }
    }
  });

  it('lab-coreos (recorded costs): a marker that moves every tick cannot make the slow sections run every tick', () => {
    const minutes = 30;
    const base = watch(small, minutes * 60, 1);
    const first = Object.values(small).reduce((a, c) => a + c, 0);
    const cheap = Object.entries(small).filter(([, ms]) => ms < COSTLY_MS);
    const cheapPerSec = cheap.reduce((a, [, ms]) => a + ms, 0) / 2000;
    expect((base.spent - first) / (minutes * 60_000)).toBeLessThanOrEqual(SHARE + cheapPerSec + 1e-9);
    // The cheap ones are untouched: every tick (fast), or on every marker move (slow).
    for (const [id] of cheap) {
      const ticks = base.runs.get(id) ?? [];
      const tier = SECTIONS.find((s) => s.id === id)?.tier;
      if (tier === 'fast') expect(ticks.length, id).toBe(minutes * 30);
    }
  });
});
