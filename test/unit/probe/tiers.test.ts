import { describe, expect, it } from 'vitest';
import { SECTIONS } from '../../../src/probe/sections.js';
import { MARKERS, plan, SLOW_EVERY, tierOf } from '../../../src/probe/tiers.js';

describe('probe tiers', () => {
  it('runs everything on the first tick of a connection and whatever cosi does not hold', () => {
    for (const s of SECTIONS) expect(plan(s.id, 0, true)).toBe('run');
    for (const s of SECTIONS) expect(plan(s.id, 3, false)).toBe('run');
  });

  it('reads os-release once per connection, meminfo every tick, df every Nth tick or when its marker moved', () => {
    const n = 2 * SLOW_EVERY + 1;
    const ticks = (id: string) => Array.from({ length: n }, (_, t) => plan(id, t, true));
    expect(ticks('os-release')).toEqual(['run', ...Array(n - 1).fill('skip')]);
    expect(ticks('meminfo')).toEqual(Array(n).fill('run'));
    const cycle = ['run', ...Array(SLOW_EVERY - 1).fill('marker')];
    expect(ticks('df')).toEqual([...cycle, ...cycle, 'run']);
    // No cheap marker for the kube checks: only every Nth tick.
    expect(ticks('kube').filter((p) => p === 'run')).toHaveLength(3);
    expect(ticks('kube')).not.toContain('marker');
  });

  it('looks at a slow section that said absent only on its periodic run, never through its marker', () => {
    const n = SLOW_EVERY + 1;
    const ticks = (id: string) => Array.from({ length: n }, (_, t) => plan(id, t, 'absent'));
    expect(ticks('containerd-meta')).toEqual(['run', ...Array(SLOW_EVERY - 1).fill('skip'), 'run']);
    // Fast and once sections keep their rhythm.
    expect(ticks('meminfo')).toEqual(Array(n).fill('run'));
    expect(ticks('os-release')).toEqual(['run', ...Array(n - 1).fill('skip')]);
  });

  // No cheap marker for the kube checks and the kernel limits (sysctl files cannot be read with
  // builtins); the inotify holders' walk of every process's fds is what the slow tier is for.
  const EVERY_NTH = ['kube', 'kernel-limits', 'inotify'];
  it('gives every slow section but kube, kernel-limits and inotify a marker, and markers start no process', () => {
    for (const id of EVERY_NTH) expect(tierOf(id), id).toBe('slow');
    for (const id of EVERY_NTH) expect(MARKERS[id], id).toBeUndefined();
    for (const s of SECTIONS.filter((x) => tierOf(x.id) === 'slow' && !EVERY_NTH.includes(x.id))) expect(MARKERS[s.id], s.id).toBeDefined();
    for (const m of Object.values(MARKERS)) expect(m).not.toMatch(/\$\(|`|(^|[^|])\|([^|]|$)/);
  });

  it('bounded sections (captured without the byte-cap pipe) never `exit`: their rc would be lost', () => {
    const bounded = SECTIONS.filter((s) => s.bounded);
    expect(bounded.map((s) => s.id)).toEqual(['mountinfo-host', 'proc-cpu']);
    for (const s of bounded) expect(s.script, s.id).not.toMatch(/\bexit\b/);
  });

  it('inline sections (run in the probe shell) start no process, never exit, and never need root', () => {
    const inline = SECTIONS.filter((s) => s.inline);
    expect(inline.map((s) => s.id)).toEqual(['identity', 'os-release', 'stat', 'meminfo', 'vmstat', 'psi-memory', 'psi-cpu', 'psi-io', 'mountinfo', 'cgroup-counters']);
    for (const s of inline) {
      expect(s.script, s.id).not.toMatch(/\bexit\b|(^|[^|])\|\s/);
      // Only fallbacks for a shell where the once-per-shell reads did not run, or no /proc/sys, and
      // os-release's link under --host-root.
      expect(s.script.replace(/\$\{_cosi_\w+-\$\([^)]*\)\}|\|\| _h=\$\(hostname[^)]*\)|else _cosi_put "time=\$\(date \+%s\)"|if \[ -n "\$_cosi_hr" \] && \[ -L "\$_f" \]; then _t=\$\(readlink "\$_f"\)/g, ''), s.id).not.toMatch(/\$\((?!\()|`/);
      expect('root' in s && s.root, s.id).toBeFalsy();
    }
  });
});
