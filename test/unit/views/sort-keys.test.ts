import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/model/build.js';
import type { CgroupNode, HostModel } from '../../../src/model/types.js';
import { eachNode } from '../../../src/model/walk.js';
import type { AppState } from '../../../src/store/types.js';
import { applyKey } from '../../../views/key-reducer.js';
import { listFor } from '../../../views/present/rows.js';
import { frameState, renderState } from '../../../views/render-frame.js';
import { initialUi } from '../../../src/store/store.js';
import { coreosPressure, labCpu } from './lab-models.js';

const model = buildModel(coreosPressure());
const press = (s: AppState, ...keys: string[]) => keys.reduce((st, k) => applyKey(st, k).state, s);
const services = (keys: string[], m: HostModel = model) => frameState(m, { tab: 'services', cols: 120, rows: 30, keys });
const title = (s: AppState) => listFor(s.model!, s.ui.tab, s.ui.tabs[s.ui.tab])!.title;
const keys = (s: AppState) => listFor(s.model!, s.ui.tab, s.ui.tabs[s.ui.tab])!.rows.map((r) => r.key);
const nodes = (m: HostModel) => {
  const out = new Map<string, CgroupNode>();
  eachNode(m.cgroups!, (n) => void out.set(`cg:${n.path}`, n));
  return out;
};

describe('o cycles the sort column, O reverses it', () => {
  it('Services: name, CPU, memory, IO, tasks, throttling, PSI, then name again; the title says which', () => {
    const seen: string[] = [];
    let s = services([]);
    for (let i = 0; i < 8; i++) {
      seen.push(/sorted by (.*)$/.exec(title(s))?.[1] ?? '(name)');
      s = press(s, 'o');
    }
    expect(seen).toEqual(['(name)', 'CPU ↓', 'memory ↓', 'IO ↓', 'tasks ↓', 'throttling ↓', 'PSI ↓', '(name)']);
    expect(title(press(services([]), 'o', 'O'))).toMatch(/sorted by CPU ↑$/);
    expect(title(press(services([]), 'o', 'O', 'O'))).toMatch(/sorted by CPU ↓$/);
    // o goes to the next column in its own direction
    expect(title(press(services([]), 'o', 'O', 'o'))).toMatch(/sorted by memory ↓$/);
  });

  it('top view by CPU: every cgroup, largest first, ties in name order, cgroups without a reading last; O: smallest first, still last', () => {
    const byNode = nodes(model);
    const check = (s: AppState, desc: boolean) => {
      const rows = keys(s);
      expect(rows.length).toBe(byNode.size);
      const cores = rows.map((k) => byNode.get(k)!.cpu?.cores ?? null);
      const firstNull = cores.indexOf(null);
      expect(firstNull).toBeGreaterThan(5);
      expect(cores.slice(firstNull).every((c) => c === null)).toBe(true);
      const labels = listFor(s.model!, 'services', s.ui.tabs.services)!.rows.map((r) => r.cells[0]);
      for (let i = 1; i < firstNull; i++) {
        const [a, b] = [cores[i - 1]!, cores[i]!];
        expect(desc ? a >= b : a <= b).toBe(true);
        if (a === b) expect(labels[i - 1] <= labels[i]).toBe(true);
      }
      return rows;
    };
    const down = check(services(['v', 'o']), true);
    expect(down.slice(0, 3)).toEqual(['cg:/', 'cg:/cosi-burn', 'cg:/cosi-tenth']);
    const up = check(services(['v', 'o', 'O']), false);
    expect(up.indexOf('cg:/')).toBe(up.findIndex((k) => byNode.get(k)!.cpu === null) - 1);
  });

  it('the tree by memory: siblings sorted, children stay under their parent', () => {
    const s = services(['o', 'o']);
    const rows = listFor(model, 'services', s.ui.tabs.services)!.rows;
    const byNode = nodes(model);
    const underRoot = rows.filter((r) => r.depth === 1 && r.key.startsWith('cg:')).map((r) => byNode.get(r.key)!.memoryBytes ?? -1);
    expect(underRoot.length).toBeGreaterThan(5);
    expect(underRoot).toEqual([...underRoot].sort((a, b) => b - a));
    for (const r of rows.filter((r) => r.depth === 2 && r.key.startsWith('cg:'))) {
      const parent = rows.slice(0, rows.indexOf(r)).reverse().find((p) => p.depth === 1)!;
      expect(r.key.startsWith(`${parent.key}/`)).toBe(true);
    }
  });

  it('Engines by memory, then reversed: containers without a figure stay last; the info row stays first', () => {
    const m = buildModel(labCpu());
    const docker = (s: AppState) => keys(s).filter((k) => k.startsWith('ctr:docker/') || k === 'eng:docker:info');
    const names = (ks: string[]) => ks.map((k) => (k === 'eng:docker:info' ? 'info' : m.engines.find((e) => e.name === 'docker')!.containers.find((c) => `ctr:docker/${c.id}` === k)!.name));
    const s = frameState(m, { tab: 'engines', cols: 100, rows: 30, keys: ['o', 'o'] });
    expect(names(docker(s))).toEqual(['info', 'coreos', 'web', 'batch']);
    expect(names(docker(press(s, 'O')))).toEqual(['info', 'web', 'coreos', 'batch']);
  });

  it("Memory's top consumers: by memory (largest first), o by name, O reversed", () => {
    const lines = (ks: string[]) => {
      const f = renderState(frameState(model, { tab: 'memory', cols: 100, rows: 40, keys: ks }), { color: false }).split('\n');
      const at = f.findIndex((l) => l.startsWith('Top consumers'));
      return f.slice(at + 1, at + 6).map((l) => l.trim().split(/ +/)[0]);
    };
    expect(lines([])[0]).toBe('/process_api/0df39572e064df8239449266bc173fa0');
    const byName = lines(['o']);
    expect(byName).toEqual([...byName].sort());
    const reversed = lines(['o', 'O']);
    expect(reversed).toEqual([...reversed].sort().reverse());
  });
});

describe('the order is stable between ticks', () => {
  /** The next tick: the same figures, every cgroup's children listed in the reverse order (the probe's order is not a sort). */
  function nextTick(m: HostModel): HostModel {
    const copy = structuredClone(m);
    eachNode(copy.cgroups!, (n) => void n.children.reverse());
    return copy;
  }

  it('ties (many cgroups at 0.00 cores) keep their name order across two ticks, and the cursor stays on its row', () => {
    let s = services(['v', 'o', 'j', 'j', 'j', 'j', 'j', 'j', 'j', 'j']);
    const before = keys(s);
    const cursor = s.ui.tabs.services.cursor;
    expect(cursor).toBe(before[8]);
    s = { ...s, model: nextTick(s.model!) };
    expect(keys(s)).toEqual(before);
    expect(renderState(s, { color: false })).toBe(renderState(services(['v', 'o', 'j', 'j', 'j', 'j', 'j', 'j', 'j', 'j']), { color: false }));
    // the tree too
    const tree = services(['o']);
    const treeBefore = keys(tree);
    expect(keys({ ...tree, model: nextTick(tree.model!) })).toEqual(treeBefore);
  });

  /** The next tick with other figures: CPU of every cgroup and process redrawn (many ties, another order). */
  function newFigures(m: HostModel): HostModel {
    const copy = structuredClone(m);
    let i = 0;
    eachNode(copy.cgroups!, (n) => void (n.cpu && (n.cpu = { ...n.cpu, cores: ((i++ * 7) % 4) * 0.25 })));
    copy.processes = copy.processes.map((p, j) => ({ ...p, cpuPercent: ((j * 3) % 4) * 10 }));
    copy.engines = copy.engines.map((e) => ({ ...e, containers: e.containers.map((c, j) => ({ ...c, cpuPercent: c.cpuPercent === null ? null : 100 - j })) }));
    return copy;
  }
  /** All of a list's rows as a user sees them (the frame shows only a window of them). */
  const seen = (s: AppState) => listFor(s.model!, s.ui.tab, s.ui.tabs[s.ui.tab])!.rows.map((r) => ({ key: r.key, depth: r.depth, expanded: r.expanded, cells: r.cells, tone: r.tone }));

  it('a new tick that changes the figures re-orders a sorted list; rows taken again from the order before are those made anew, ties in name order', () => {
    for (const [m, tab, flat] of [
      [model, 'services', false],
      [model, 'services', true],
      [buildModel(labCpu()), 'engines', false],
    ] as const) {
      const base = initialUi().tabs[tab];
      // sorted by CPU from the start (no list in the tab's own order made before it)
      const byCpu = (m: HostModel) => frameState(m, { tab, cols: 120, rows: 30, tabs: { ...initialUi().tabs, [tab]: { ...base, flat, sort: 1 } } });
      const sorted = byCpu(m);
      renderState(sorted, { color: false });
      // the next tick: shown in the tab's own order first (its rows made), then sorted from them
      const next = newFigures(m);
      const natural = { ...sorted, model: next, ui: { ...sorted.ui, tabs: { ...sorted.ui.tabs, [tab]: { ...sorted.ui.tabs[tab], sort: 0 } } } };
      const before = new Set(listFor(next, tab, natural.ui.tabs[tab])!.rows);
      const resorted = { ...sorted, model: next };
      // the same figures in a model never shown: every row made anew
      const fresh = byCpu(newFigures(m));
      const rowsAgain = listFor(next, tab, resorted.ui.tabs[tab])!.rows.filter((r) => before.has(r)).length;
      expect(rowsAgain).toBeGreaterThan(0);
      expect(seen(resorted)).toEqual(seen(fresh));
      expect(renderState(resorted, { color: false })).toBe(renderState(fresh, { color: false }));
      expect(keys(resorted)).not.toEqual(keys(sorted));
      // siblings by CPU, largest first; ties in the tab's own order (the rows' order before the sort)
      const order = new Map(keys(natural).map((k, i) => [k, i]));
      const rows = listFor(next, tab, resorted.ui.tabs[tab])!.rows;
      const parents: number[] = [];
      const lastChild = new Map<number, (typeof rows)[number]>();
      let ties = 0;
      rows.forEach((r, i) => {
        parents.length = r.depth;
        const prev = lastChild.get(parents[r.depth - 1] ?? -1);
        if (prev && prev.sort && r.sort) {
          const [a, b] = [prev.sort.cpu as number | null, r.sort.cpu as number | null];
          if (a === b) ties++;
          if (a !== null && b !== null) expect(a > b || (a === b && order.get(prev.key)! < order.get(r.key)!)).toBe(true);
          else expect(b === null && (a !== null || order.get(prev.key)! < order.get(r.key)!)).toBe(true);
        }
        lastChild.set(parents[r.depth - 1] ?? -1, r);
        parents[r.depth] = i;
      });
      expect(ties).toBeGreaterThan(0);
      // a row closed and opened again in the new order: the same rows as a model never shown
      const closed = press(resorted, 'j', 'enter');
      const closedFresh = press(fresh, 'j', 'enter');
      expect(seen(closed)).toEqual(seen(closedFresh));
      expect(seen(press(closed, 'enter'))).toEqual(seen(fresh));
    }
  });

  it('a re-sort keeps the cursor on its row (not on the first) and scrolls to it; on the first row it stays on the first', () => {
    const s = services(['v', 'j', 'j', 'j']);
    const on = s.ui.tabs.services.cursor!;
    const sorted = press(s, 'o');
    expect(sorted.ui.tabs.services.cursor).toBe(on);
    expect(keys(sorted).indexOf(on)).toBe(sorted.ui.tabs.services.cursorIndex);
    const top = press(services(['v']), 'o');
    expect(top.ui.tabs.services.cursorIndex).toBe(0);
    expect(top.ui.tabs.services.cursor).toBe(keys(top)[0]);
  });

  it('v: tree and top view keep the cursor on the same cgroup', () => {
    const s = services(Array<string>(keys(services([])).indexOf('cg:/docker')).fill('j'));
    const on = s.ui.tabs.services.cursor!;
    expect(on).toBe('cg:/docker');
    const top = press(s, 'v');
    expect(top.ui.tabs.services.flat).toBe(true);
    expect(top.ui.tabs.services.cursor).toBe(on);
    expect(press(top, 'v').ui.tabs.services.cursor).toBe(on);
  });
});
