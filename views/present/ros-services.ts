import type { CgroupNode, Container, Engine, HostModel, Process } from '../../src/model/types.js';
import { limitsText } from './cgroup-cells.js';
import { bytes } from './format.js';
import type { Tone } from './list.js';
import { once, type TreeItem } from './tree-item.js';

/**
 * RancherOS has no systemd: its system services are the containers of
 * system-docker. They are shown like `ros service ps` (name, command, state
 * as docker words it), each expandable to the processes of its cgroup.
 * Their cells line up with the cgroup rows (STATE TASKS MEMORY CPU THROT IO PSI LIMITS);
 * the Services view keeps STATE, TASKS, MEMORY and, where the host has limits, LIMITS.
 */
export function systemDockerOf(model: HostModel): Engine | null {
  if (model.units) return null;
  return model.engines.find((e) => e.kind === 'system-docker' && e.status === 'up') ?? null;
}

/** Rows like RancherOS `ros service ps`: the system-docker containers as the host's system services. */
export function rosServices(engine: Pick<Engine, 'containers'>): { name: string; command: string; state: string; ports: string; container: Container }[] {
  return engine.containers.map((c) => ({ name: c.name, command: c.command, state: c.status || stateWord(c.state), ports: c.ports, container: c }));
}

function stateWord(state: string): string {
  return state === '' ? '' : state[0].toUpperCase() + state.slice(1);
}

function stateTone(state: string): Tone {
  if (/^Up\b/.test(state)) return /\(unhealthy\)/.test(state) ? 'red' : 'normal';
  if (/^Exited \((?!0\))/.test(state) || /^Dead|^Restarting/.test(state)) return 'red';
  return 'dim';
}

/** Some system service runs under a CPU or memory limit. */
export function rosHasLimits(engine: Pick<Engine, 'containers'>): boolean {
  return engine.containers.some((c) => limitsText(c.limits) !== '');
}

export function rosServicesItem(
  engine: Engine,
  nodeAt: (path: string) => CgroupNode | undefined,
  processItem: (key: string, pid: number, p: Process | undefined) => TreeItem,
  procs: Map<number, Process>,
): TreeItem {
  const rows = rosServices(engine).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const up = rows.filter((r) => /^Up\b/.test(r.state)).length;
  const memory = rows.reduce((a, r) => a + (r.container.memoryBytes ?? 0), 0);
  const figures = (state: string, tasks: string, memory: string, limits: string) => [state, tasks, memory, '', '', '', '', limits];
  return {
    key: 'ros:',
    label: `system services (${engine.name}, as ros service ps)`,
    cells: figures(`${up}/${rows.length} up`, '', bytes(memory), ''),
    tone: 'cyan',
    text: `system services ${engine.name} ros service ps`,
    defaultExpanded: true,
    children: once(() =>
      rows.map((r) => {
        const c = r.container;
        const node = c.cgroupPath ? nodeAt(c.cgroupPath) : undefined;
        const pids = node ? [...node.pids].sort((a, b) => a - b) : [];
        return {
          key: `ros:${c.id}`,
          label: `${r.name}  ${r.command}`,
          cells: figures(r.state, c.pids === null ? '' : String(c.pids), c.memoryBytes === null ? '' : bytes(c.memoryBytes), limitsText(c.limits)),
          tone: stateTone(r.state),
          problem: !/^Up\b/.test(r.state) || stateTone(r.state) === 'red',
          text: `${r.name} ${r.command} ${r.state} ${c.id}`.toLowerCase(),
          defaultExpanded: false,
          children: once(() => pids.map((pid) => processItem(`ros:${c.id}:pid:${pid}`, pid, procs.get(pid)))),
        };
      }),
    ),
  };
}
