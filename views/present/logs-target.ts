import type { CgroupNode, HostModel, Warning } from '../../src/model/types.js';
import type { LogTarget } from '../../src/store/types.js';
import { eachNode } from '../../src/model/walk.js';
import { findContainer } from './engines.js';
import { warningTarget } from './overview.js';

/** What `L` reads for a row, or why it reads nothing (a sentence for the flash line). */
export type LogsFor = { ok: true; target: LogTarget } | { ok: false; why: string };

const UNIT = /\.(service|socket|timer|mount|automount|swap|target|path|slice|scope|device)$/;

function node(model: HostModel, path: string): CgroupNode | null {
  let found: CgroupNode | null = null;
  if (model.cgroups) {
    eachNode(model.cgroups, (n) => {
      if (n.path === path) found = n;
      return found === null;
    });
  }
  return found;
}

function container(model: HostModel, engine: string, id: string, name: string): LogsFor {
  const e = model.engines.find((x) => x.name === engine);
  if (e && e.kind === 'other') return { ok: false, why: `cosi does not read the logs of ${engine} containers yet` };
  return { ok: true, target: { target: name || id, label: `container ${name || id.slice(0, 12)} (${engine})` } };
}

function unit(name: string): LogsFor {
  return { ok: true, target: { target: name, label: `unit ${name}` } };
}

/** A cgroup's logs: its container's, else its unit's, else the nearest unit above it (a process in a sub-cgroup). */
function cgroupLogs(model: HostModel, path: string): LogsFor {
  const n = node(model, path);
  if (n?.container) return container(model, n.container.engine, n.container.id, n.container.name);
  if (n?.unit) return unit(n.unit);
  const named = path.split('/').filter((p) => UNIT.test(p)).pop();
  if (named) return unit(named);
  return { ok: false, why: 'this cgroup belongs to no unit or container: no logs to read' };
}

/** The logs behind a row key of Services or Engines. */
export function logsForRow(model: HostModel, key: string): LogsFor {
  if (key.startsWith('unit:')) return unit(key.slice(5));
  if (key.startsWith('cg:')) return cgroupLogs(model, key.slice(3));
  if (key.startsWith('pid:')) return cgroupLogs(model, key.slice(4, key.lastIndexOf(':')));
  if (key.startsWith('ctr:')) {
    const found = findContainer(model, key);
    if (found) return container(model, found.engine.name, found.container.id, found.container.name);
  }
  if (key.startsWith('ros:') && key.length > 4) {
    const id = key.slice(4).split(':')[0];
    for (const e of model.engines) {
      const c = e.containers.find((x) => x.id === id);
      if (c) return container(model, e.name, c.id, c.name);
    }
  }
  if (key.startsWith('eng:')) {
    const name = key.slice(4).split(':')[0];
    return { ok: true, target: { target: name, label: `engine ${name}` } };
  }
  return { ok: false, why: 'no logs for this row: L reads units, containers and processes (through their unit)' };
}

/** The logs behind an Overview warning: its unit or engine; memory warnings, OOM kills and a full conntrack table: the kernel's lines. */
export function logsForWarning(model: HostModel, w: Warning): LogsFor {
  if (w.code === 'oom-kills' || w.code === 'memory-low' || w.code === 'memory-pressure' || w.code === 'cgroup-oom' || w.code === 'conntrack') return { ok: true, target: { target: 'kernel', label: 'kernel' } };
  const t = warningTarget(model, w);
  if (!t || w.about?.kind === 'mount') return { ok: false, why: 'no logs for this warning' };
  return logsForRow(model, t.key);
}
