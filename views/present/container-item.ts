/** A container as a row of the Engines list, pure. */
import type { Container, Engine } from '../../src/model/types.js';
import { cpuCell, memoryCell, statusCell } from './container-figures.js';
import { emptyColumns } from './figure-columns.js';
import type { Tone } from './list.js';
import { noChildren, type TreeItem } from './tree-item.js';

export function containerTone(c: Container): Tone {
  if (c.oomKilled || c.health === 'unhealthy' || c.state === 'dead' || c.state === 'restarting') return 'red';
  if (c.state === 'running') return 'normal';
  if (c.state === 'paused') return 'yellow';
  return 'dim';
}

export function containerKey(e: Engine, c: Container): string {
  return `ctr:${e.name}/${c.id}`;
}

/**
 * The numeric figures of an engine's containers by sort column (views/present/sort.ts) as columns
 * (figure-columns.ts), after `front` rows without figures: the rows' own (ContainerItem.sort), in named reads.
 */
export function containerFigureColumns(containers: readonly Container[], front: number): Record<'cpu' | 'memory' | 'pids', Float64Array> {
  const c = emptyColumns(['cpu', 'memory', 'pids'], front + containers.length);
  for (let k = 0; k < containers.length; k++) {
    const x = containers[k];
    c.cpu[front + k] = x.cpuPercent ?? Number.NaN;
    c.memory[front + k] = x.memoryBytes ?? Number.NaN;
    c.pids[front + k] = x.pids ?? Number.NaN;
  }
  return c;
}

/**
 * A container's item. Its cells and filter text are made when first read (as cgroup-row.ts's):
 * a big host makes 1,000 of these per tick, a filter reads their text and a frame the cells of
 * the rows it measures or shows.
 */
class ContainerItem implements TreeItem {
  lastRow: unknown = null;
  readonly key: string;
  readonly tone: Tone;
  readonly problem: boolean;
  readonly sort: Record<string, number | string | null>;
  readonly defaultExpanded = false;
  readonly children = noChildren;
  private made: string[] | null = null;
  private lower: string | null = null;

  constructor(
    e: Engine,
    private readonly c: Container,
    readonly label: string,
  ) {
    this.key = containerKey(e, c);
    this.tone = containerTone(c);
    this.problem = c.state !== 'running' || c.health === 'unhealthy';
    this.sort = { cpu: c.cpuPercent, memory: c.memoryBytes, state: c.state, pids: c.pids };
  }

  get cells(): string[] {
    const c = this.c;
    return (this.made ??= [c.health ? `${c.state} (${c.health})` : c.state, cpuCell(c), memoryCell(c), c.pids === null ? '' : String(c.pids), c.image, statusCell(c)]);
  }

  get text(): string {
    const c = this.c;
    return (this.lower ??= `${this.label} ${c.name} ${c.id} ${c.image} ${c.state}`.toLowerCase());
  }
}

export function containerItem(e: Engine, c: Container, label: string): TreeItem {
  return new ContainerItem(e, c, label);
}
