/** The figure cells of a cgroup row in Services (CPU, THROT, IO, PSI, LIMITS), pure. */
import type { CgroupNode } from '../../src/model/types.js';
import { emptyColumns } from './figure-columns.js';
import { bytes } from './format.js';

/** Cores used since the last reading, and the share of its CPU limit: "0.50 100%". */
export function cpuCell(node: CgroupNode): string {
  const c = node.cpu;
  if (!c) return '';
  return c.percentOfLimit === null ? c.cores.toFixed(2) : `${c.cores.toFixed(2)} ${Math.round(c.percentOfLimit)}%`;
}

/** Its CPU limit in cores and its memory limit: "0.5c 256M"; pids.max shows in the JSON only. */
export function limitsCell(node: CgroupNode): string {
  return limitsText(node.limits);
}

/** A CPU and memory limit as LIMITS shows them (a cgroup's or a container's): "0.5c 256M". */
export function limitsText(l: { cpuCores: number | null; memoryBytes: number | null } | null | undefined): string {
  if (!l) return '';
  return [l.cpuCores === null ? '' : `${Number(l.cpuCores.toFixed(2))}c`, l.memoryBytes === null ? '' : bytes(l.memoryBytes)].filter(Boolean).join(' ');
}

/** Share of its CPU quota periods that were throttled since the last reading: "80%" (empty without a quota). */
export function throttleCell(node: CgroupNode): string {
  const t = node.cpu?.throttledPercent;
  return t === null || t === undefined ? '' : `${Math.round(t)}%`;
}

/** Bytes read + written per second since the last reading: "20Mi/s". */
export function ioCell(node: CgroupNode): string {
  const io = node.io;
  return io ? `${bytes(io.readBytesPerSec + io.writeBytesPerSec)}/s` : '';
}

/** The worst pressure of cpu, memory and io, with its name: "31% io" (empty when none stalled). */
export function psiCell(node: CgroupNode): string {
  const worst = worstPressure(node);
  if (!worst || worst.avg10 === 0) return '';
  const v = worst.avg10 < 10 ? worst.avg10.toFixed(1) : String(Math.round(worst.avg10));
  return `${v}% ${worst.resource === 'memory' ? 'mem' : worst.resource}`;
}

/** The resource with the highest PSI some avg10 (cpu first on a tie), or null without figures. */
export function worstPressure(node: CgroupNode): { resource: 'cpu' | 'memory' | 'io'; avg10: number } | null {
  const p = node.pressure;
  if (!p) return null;
  let best: { resource: 'cpu' | 'memory' | 'io'; avg10: number } = { resource: 'cpu', avg10: p.cpu };
  if (p.memory > best.avg10) best = { resource: 'memory', avg10: p.memory };
  if (p.io > best.avg10) best = { resource: 'io', avg10: p.io };
  return best;
}

/** STATE with the cgroup's OOM kills in front: "OOM×2 active/running". */
export function stateCell(state: string, node: CgroupNode): string {
  return node.oomKills ? `OOM×${node.oomKills}${state ? ` ${state}` : ''}` : state;
}

/** A cgroup's figures by sort column (views/present/sort.ts): missing figures are null and sort last. */
export type CgroupFigures = {
  cpu: number | null;
  memory: number | null;
  io: number | null;
  tasks: number | null;
  throttle: number | null;
  psi: number | null;
};

// each figure read once, for a row's figures and for a list's columns alike
const cpuFigure = (n: CgroupNode): number | null => (n.cpu ? n.cpu.cores : null);
const ioFigure = (n: CgroupNode): number | null => (n.io ? n.io.readBytesPerSec + n.io.writeBytesPerSec : null);
const throttleFigure = (n: CgroupNode): number | null => n.cpu?.throttledPercent ?? null;
const psiFigure = (n: CgroupNode): number | null => worstPressure(n)?.avg10 ?? null;

export function cgroupSortValues(node: CgroupNode): CgroupFigures {
  return { cpu: cpuFigure(node), memory: node.memoryBytes, io: ioFigure(node), tasks: node.tasks, throttle: throttleFigure(node), psi: psiFigure(node) };
}

/**
 * The figures of a list of cgroups as columns (figure-columns.ts), read from the cgroups, not from
 * their rows' figures: a list of 3,000 made every tick makes no object per cgroup for them.
 */
export function cgroupFigureColumns(nodes: readonly CgroupNode[]): Record<keyof CgroupFigures, Float64Array> {
  const c = emptyColumns(['cpu', 'memory', 'io', 'tasks', 'throttle', 'psi'], nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    c.cpu[i] = cpuFigure(n) ?? Number.NaN;
    c.memory[i] = n.memoryBytes ?? Number.NaN;
    c.io[i] = ioFigure(n) ?? Number.NaN;
    c.tasks[i] = n.tasks ?? Number.NaN;
    c.throttle[i] = throttleFigure(n) ?? Number.NaN;
    c.psi[i] = psiFigure(n) ?? Number.NaN;
  }
  return c;
}

/** A cgroup's figure cells in the Services columns after CGROUP and STATE: TASKS MEMORY CPU THROT IO PSI LIMITS. */
export function cgroupFigureCells(node: CgroupNode): string[] {
  const memory = bytes(node.memoryBytes);
  return [node.tasks === null ? '' : String(node.tasks), memory === '-' ? '' : memory, cpuCell(node), throttleCell(node), ioCell(node), psiCell(node), limitsCell(node)];
}
