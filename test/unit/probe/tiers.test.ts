import { describe, expect, it } from 'vitest';
import { SECTIONS } from '../../../src/probe/sections.js';
import { MARKERS, plan, SLOW_EVERY, tierOf } from '../../../src/probe/tiers.js';

describe('probe tiers', () => {
  it('runs everything on the first tick of a connection and whatever cosi does not hold', () => {
    for (const s of SECTIONS) expect(plan(s.id, 0, true)).toBe('run');
    for (const s of SECTIONS) expect(plan(s.id, 3, false)).toBe('run');
  });

  it('reads os-release once per connection, meminfo every tick, df every Nth tick or when its marker moved', () => {
    const ticks = (id: string) => Array.from({ length: 11 }, (_, t) => plan(id, t, true));
    expect(ticks('os-release')).toEqual(['run', ...Array(10).fill('skip')]);
    expect(ticks('meminfo')).toEqual(Array(11).fill('run'));
    expect(ticks('df')).toEqual(['run', 'marker', 'marker', 'marker', 'marker', 'run', 'marker', 'marker', 'marker', 'marker', 'run']);
    // No cheap marker for the kube checks: only every Nth tick.
    expect(ticks('kube').filter((p) => p === 'run')).toHaveLength(Math.ceil(11 / SLOW_EVERY));
    expect(ticks('kube')).not.toContain('marker');
  });

  it('gives every slow section but kube a marker, and markers start no process', () => {
    for (const s of SECTIONS.filter((x) => tierOf(x.id) === 'slow' && x.id !== 'kube')) expect(MARKERS[s.id], s.id).toBeDefined();
    for (const m of Object.values(MARKERS)) expect(m).not.toMatch(/\$\(|`|(^|[^|])\|([^|]|$)/);
  });

  it('bounded sections (captured without the byte-cap pipe) never `exit`: their rc would be lost', () => {
    const bounded = SECTIONS.filter((s) => s.bounded);
    expect(bounded.map((s) => s.id)).toEqual(['identity', 'stat', 'meminfo', 'vmstat', 'psi-memory', 'mountinfo', 'mountinfo-host']);
    for (const s of bounded) expect(s.script, s.id).not.toMatch(/\bexit\b/);
  });
});
