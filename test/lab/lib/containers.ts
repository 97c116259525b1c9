// Idempotent container creation: a container is kept when it exists with the
// wanted image, options and command and is in the wanted state; otherwise it
// is replaced.
import { createHash } from 'node:crypto';
import { dockerAt, type DaemonSpec } from './daemons.js';
import { LabError, log } from './run.js';

export const LAB_LABEL = 'cosi-lab=1';

/**
 * What stands for `--privileged` here: every capability but SYS_RESOURCE (not in this machine's
 * bounding set, so --privileged fails), no seccomp or AppArmor profile.
 */
export const PRIVILEGED_OPTIONS: readonly string[] = ['--cap-add', 'ALL', '--cap-drop', 'SYS_RESOURCE', '--security-opt', 'seccomp=unconfined', '--security-opt', 'apparmor=unconfined'];

export type Want = 'running' | 'created' | 'exited';

export interface ContainerSpec {
  name: string;
  image: string;
  want: Want;
  /** docker run/create options before the image */
  options: string[];
  command: string[];
  /** For want 'exited': the exit code it must have (default 0). */
  exitCode?: number;
}

interface Inspect {
  image: string;
  status: string;
  exitCode: number;
  spec: string;
}

/** Label holding a hash of the options and command (containers created before it existed have none: kept). */
const SPEC_LABEL = 'cosi-lab-spec';

function specHash(c: ContainerSpec): string {
  return createHash('sha256').update(JSON.stringify([c.options, c.command])).digest('hex').slice(0, 12);
}

function inspect(d: DaemonSpec, name: string): Inspect | null {
  const r = dockerAt(d, ['container', 'inspect', '--format', `{{.Config.Image}}|{{.State.Status}}|{{.State.ExitCode}}|{{index .Config.Labels "${SPEC_LABEL}"}}`, name], {
    allowFail: true,
  });
  if (r.status !== 0) return null;
  const [image, status, code, spec] = r.stdout.trim().split('|');
  return { image, status, exitCode: Number(code), spec: !spec || spec === '<no value>' ? '' : spec };
}

export function ensureContainer(d: DaemonSpec, c: ContainerSpec): void {
  const cur = inspect(d, c.name);
  const hash = specHash(c);
  if (cur && cur.image === c.image && (cur.spec === '' || cur.spec === hash)) {
    if (c.want === 'running' && cur.status === 'running') return;
    if (c.want === 'created' && cur.status === 'created') return;
    if (c.want === 'exited' && cur.status === 'exited' && cur.exitCode === (c.exitCode ?? 0)) return;
  }
  if (cur) dockerAt(d, ['rm', '-f', c.name]);
  log(`${d.name}: ${c.want === 'created' ? 'creating' : 'starting'} ${c.name}`);
  const base = ['--name', c.name, '--label', LAB_LABEL, '--label', `${SPEC_LABEL}=${hash}`, ...c.options, c.image, ...c.command];
  if (c.want === 'created') {
    dockerAt(d, ['create', ...base]);
  } else if (c.want === 'running') {
    dockerAt(d, ['run', '-d', ...base], { timeoutMs: 180_000 });
  } else {
    const r = dockerAt(d, ['run', ...base], { timeoutMs: 60_000, allowFail: true });
    const want = c.exitCode ?? 0;
    if (r.status !== want) throw new LabError(`${d.name}: ${c.name} exited with ${r.status}, not ${want}\n${r.stderr.trim()}`);
  }
}

/** Removes every container the lab created in daemon `d` (by label); never anything else. */
export function removeLabContainers(d: DaemonSpec): void {
  const ids = dockerAt(d, ['ps', '-aq', '--filter', `label=${LAB_LABEL}`], { allowFail: true }).stdout.split('\n').filter(Boolean);
  if (ids.length === 0) return;
  log(`${d.name}: removing ${ids.length} lab containers`);
  dockerAt(d, ['rm', '-f', ...ids], { timeoutMs: 120_000 });
}
