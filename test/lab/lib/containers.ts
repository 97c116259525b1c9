// Idempotent container creation: a container is kept when it exists with the
// wanted image and is in the wanted state; otherwise it is replaced.
import { dockerAt, type DaemonSpec } from './daemons.js';
import { log } from './run.js';

export const LAB_LABEL = 'cosi-lab=1';

export type Want = 'running' | 'created' | 'exited';

export interface ContainerSpec {
  name: string;
  image: string;
  want: Want;
  /** docker run/create options before the image */
  options: string[];
  command: string[];
}

interface Inspect {
  image: string;
  status: string;
  exitCode: number;
}

function inspect(d: DaemonSpec, name: string): Inspect | null {
  const r = dockerAt(d, ['container', 'inspect', '--format', '{{.Config.Image}}|{{.State.Status}}|{{.State.ExitCode}}', name], {
    allowFail: true,
  });
  if (r.status !== 0) return null;
  const [image, status, code] = r.stdout.trim().split('|');
  return { image, status, exitCode: Number(code) };
}

export function ensureContainer(d: DaemonSpec, c: ContainerSpec): void {
  const cur = inspect(d, c.name);
  if (cur && cur.image === c.image) {
    if (c.want === 'running' && cur.status === 'running') return;
    if (c.want === 'created' && cur.status === 'created') return;
    if (c.want === 'exited' && cur.status === 'exited' && cur.exitCode === 0) return;
  }
  if (cur) dockerAt(d, ['rm', '-f', c.name]);
  log(`${d.name}: ${c.want === 'created' ? 'creating' : 'starting'} ${c.name}`);
  const base = ['--name', c.name, '--label', LAB_LABEL, ...c.options, c.image, ...c.command];
  if (c.want === 'created') {
    dockerAt(d, ['create', ...base]);
  } else if (c.want === 'running') {
    dockerAt(d, ['run', '-d', ...base], { timeoutMs: 180_000 });
  } else {
    dockerAt(d, ['run', ...base], { timeoutMs: 60_000 });
  }
}

/** Removes every container the lab created in daemon `d` (by label); never anything else. */
export function removeLabContainers(d: DaemonSpec): void {
  const ids = dockerAt(d, ['ps', '-aq', '--filter', `label=${LAB_LABEL}`], { allowFail: true }).stdout.split('\n').filter(Boolean);
  if (ids.length === 0) return;
  log(`${d.name}: removing ${ids.length} lab containers`);
  dockerAt(d, ['rm', '-f', ...ids], { timeoutMs: 120_000 });
}
