/**
 * Keypress -> frame for a sort (`o`: name -> CPU) on the live render path, big host vs small host.
 * Each press meets a model it has not sorted yet (a new tick: a new model object, rendered once
 * outside the timing, as the scheduler would), so the sort is computed, not found in a cache.
 * Presses alternate between the hosts (big, small, small, big...), so load lands on both alike.
 */
import type { CgroupNode, HostModel } from '../src/model/types.js';
import { eachNode } from '../src/model/walk.js';
import type { AppState } from '../src/store/types.js';
import { open } from './keys.js';

/**
 * Synthetic hosts carry one reading: CPU figures for every cgroup, process and running container,
 * drawn from a seeded generator with many ties (a third of them idle at 0), as two readings would give.
 */
export function withCpuFigures(model: HostModel, seed = 11): HostModel {
  let x = seed;
  const next = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
  const cgroups = model.cgroups ? clone(model.cgroups, (n) => ({ cores: next() < 0.33 ? 0 : Math.round(next() * 400) / 100, percentOfLimit: null, throttledPercent: null })) : null;
  const processes = model.processes.map((p) => ({ ...p, cpuPercent: next() < 0.33 ? 0 : Math.round(next() * 1000) / 10 }));
  const engines = model.engines.map((e) => ({ ...e, containers: e.containers.map((c) => ({ ...c, cpuPercent: c.state !== 'running' ? null : next() < 0.33 ? 0 : Math.round(next() * 2000) / 10 })) }));
  return { ...model, cgroups, processes, engines };
}

function clone(root: CgroupNode, cpu: (n: CgroupNode) => CgroupNode['cpu']): CgroupNode {
  const copy = structuredClone(root);
  eachNode(copy, (n) => void (n.cpu = cpu(n)));
  return copy;
}

export interface SortTiming {
  small: number[];
  big: number[];
}

/** `o` from the tab's own order to CPU, `reps` times per host, on Services' tree or top view, or on Engines. */
export async function sortToFrame(hosts: { small: HostModel; big: HostModel }, where: 'tree' | 'top' | 'engines', reps = 10, cols = 100, rows = 30): Promise<SortTiming> {
  const tab = where === 'engines' ? 'engines' : 'services';
  const out: SortTiming = { small: [], big: [] };
  const sessions = { small: open(hosts.small, tab, cols, rows), big: open(hosts.big, tab, cols, rows) };
  const tick = (model: HostModel) => (s: AppState): AppState => ({
    ...s,
    model: { ...model },
    ui: { ...s.ui, tabs: { ...s.ui.tabs, [tab]: { ...s.ui.tabs[tab], sort: 0, reverse: false, flat: where === 'top', cursor: null, cursorIndex: 0, top: 0 } } },
  });
  try {
    for (let r = 0; r < reps + 1; r++) {
      for (const which of r % 2 ? (['small', 'big'] as const) : (['big', 'small'] as const)) {
        const s = sessions[which];
        await s.set(tick(hosts[which]));
        const t = await s.press('o');
        // the first round warms the code paths up and is not counted
        if (t !== null && r > 0) out[which].push(t);
      }
    }
  } finally {
    sessions.small.close();
    sessions.big.close();
  }
  return out;
}
