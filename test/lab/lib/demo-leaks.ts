// What a bundled demo must not show: the machine that recorded it. Pure: the
// recorder passes the snapshot's text, cosi's own model of it and a description
// of the recording machine; the answer lists every leak found, in words.
import type { CgroupNode, HostModel } from '../../../src/model/types.js';

/** The machine the demo was recorded on, as the recorder finds it. */
export interface RecordingMachine {
  /** Its hostname (`vm`). */
  hostname: string;
  /** Its login users other than root (root is on every demo host too). */
  users: string[];
  /** The checkout, the lab state directory, the lab's runtime directory. */
  paths: string[];
  /** The recording machine's own cgroup paths ("/process_api", "/docker/<id>", ...), from its root. */
  cgroups: string[];
}

/** What the demo host must look like. */
export interface DemoExpect {
  /** PID 1's command name on the demo host (`dockerd` for RancherOS's system-docker, `systemd`). */
  init: string;
}

/** A name as a whole token: not part of a longer word, path element or domain. */
function tokenRe(name: string): RegExp {
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![A-Za-z0-9_./-])${esc}(?![A-Za-z0-9_/-]|\\.[A-Za-z0-9])`);
}

function around(text: string, at: number, len: number): string {
  return text.slice(Math.max(0, at - 40), at + len + 40).replace(/\s+/g, ' ');
}

function walk(node: CgroupNode | null, out: CgroupNode[] = []): CgroupNode[] {
  if (!node) return out;
  out.push(node);
  for (const c of node.children) walk(c, out);
  return out;
}

function holdsProcess(node: CgroupNode): boolean {
  return node.pids.length > 0 || node.children.some(holdsProcess);
}

/** Every sign of the recording machine in a demo; empty when the demo shows its own host only. */
export function demoLeaks(text: string, model: HostModel, machine: RecordingMachine, expect: DemoExpect): string[] {
  const leaks: string[] = [];
  const host = model.identity.hostname;
  if (host === machine.hostname) leaks.push(`hostname: the demo host is called ${host}, as the recording machine is`);
  const names: [string, string][] = [[`the recording machine's hostname ${machine.hostname}`, machine.hostname]];
  for (const u of machine.users) names.push([`the recording machine's user ${u}`, u]);
  for (const [what, name] of names) {
    if (!name) continue;
    const m = tokenRe(name).exec(text);
    if (m) leaks.push(`${what}: ...${around(text, m.index, name.length)}...`);
  }
  for (const p of machine.paths) {
    const at = p ? text.indexOf(p) : -1;
    if (at >= 0) leaks.push(`path ${p}: ...${around(text, at, p.length)}...`);
  }
  const pid1 = model.processes.find((p) => p.pid === 1)?.comm ?? null;
  if (pid1 !== expect.init) leaks.push(`PID 1 is ${pid1 ?? 'missing'}, not ${expect.init}: the probe saw processes outside the demo host`);
  const mine = new Set(machine.cgroups);
  const outside: string[] = [];
  for (const node of walk(model.cgroups)) {
    if (node.path.startsWith('/..')) outside.push(node.path);
    else if (node.path !== '/' && mine.has(node.path) && !holdsProcess(node)) outside.push(node.path);
  }
  for (const p of model.processes) {
    if (p.cgroup?.startsWith('/..')) outside.push(`${p.cgroup} (pid ${p.pid})`);
  }
  if (outside.length > 0) {
    const shown = outside.slice(0, 8).join(', ');
    leaks.push(`cgroups of the recording machine, outside the demo host (${outside.length}): ${shown}${outside.length > 8 ? ', ...' : ''}`);
  }
  return leaks;
}
