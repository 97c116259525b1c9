/**
 * A container's row item (views/present/container-item.ts) makes its cells and filter text when
 * first read, once: the same cells and text as the list shows and the filter matches.
 */
import { expect, it } from 'vitest';
import { buildModel } from '../../../src/model/build.js';
import { containerItem, containerKey } from '../../../views/present/container-item.js';
import { enginesView } from '../../../views/present/engines.js';
import { labCpu } from './lab-models.js';

it("a container's cells and filter text: the list's, made once when read", () => {
  const model = buildModel(labCpu());
  const engine = model.engines.find((e) => e.containers.some((c) => c.name === 'web'))!;
  const web = engine.containers.find((c) => c.name === 'web')!;
  const item = containerItem(engine, web, web.name);
  expect(item.key).toBe(containerKey(engine, web));
  expect(item.sort).toEqual({ cpu: web.cpuPercent, memory: web.memoryBytes, state: web.state, pids: web.pids });
  const cells = item.cells;
  expect(cells.slice(0, 3)).toEqual(['running', '50%/50%', '808Ki/64Mi']);
  expect(cells[5]).toMatch(/^throttled 80% · /);
  expect(item.cells).toBe(cells);
  expect(item.text).toBe(`web web ${web.id} ${web.image} running`.toLowerCase());
  // the list's row shows these cells, and a filter on the image finds the row by its text
  const row = enginesView(model, {}, '', false).rows.find((r) => r.key === item.key)!;
  expect(row.cells.slice(1)).toEqual(cells);
  expect(enginesView(model, {}, web.id.slice(0, 10), false).rows.map((r) => r.key)).toContain(item.key);
});
