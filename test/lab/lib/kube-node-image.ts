// An image in the lab node's containerd (an OCI archive of the node's busybox rootfs, made here
// and imported with `ctr images import`: the lab has no registry), and containers made from it
// the way a user makes them outside the CRI: `ctr containers create` (no task: state created),
// `ctr run` then `ctr tasks delete` (ran, its task deleted), `ctr run --detach` (a running
// non-CRI container with an image). Their image is only in containerd's metadata store (meta.db).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LabError, run, waitFor } from './run.js';
import { STATE } from './paths.js';
import { ctr, KUBE_CONTAINERS, onNode, runArgs, type KubeContainer } from './kube-node.js';

/** The image name as containerd records it (what `ctr containers ls` prints in IMAGE). */
export const LAB_IMAGE = 'docker.io/cosi-lab/busybox:1';

const DIR = join(STATE, 'kube-node');
const ROOTFS = join(DIR, 'rootfs');
const ARCHIVE = join(DIR, 'busybox-oci.tar');

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** An OCI image layout of the node's rootfs, as one tar. */
function buildArchive(): void {
  if (existsSync(ARCHIVE)) return;
  if (!existsSync(join(ROOTFS, 'bin/busybox'))) throw new LabError(`no node rootfs at ${ROOTFS}: start the kube node first`);
  const layout = join(DIR, 'oci.tmp');
  rmSync(layout, { recursive: true, force: true });
  const blobs = join(layout, 'blobs/sha256');
  mkdirSync(blobs, { recursive: true });
  const blob = (b: Buffer | string) => {
    const d = sha(b);
    writeFileSync(join(blobs, d), b);
    return { digest: `sha256:${d}`, size: Buffer.byteLength(b) };
  };
  const layerTar = join(layout, 'layer.tar');
  run('tar', ['-C', ROOTFS, '--owner=0', '--group=0', '-cf', layerTar, '.']);
  const layer = blob(readFileSync(layerTar));
  rmSync(layerTar);
  const arch = process.arch === 'x64' ? 'amd64' : process.arch === 'arm64' ? 'arm64' : process.arch;
  const config = blob(JSON.stringify({ architecture: arch, os: 'linux', config: { Env: ['PATH=/bin'], Cmd: ['sleep', '2147483647'] }, rootfs: { type: 'layers', diff_ids: [layer.digest] } }));
  const manifest = blob(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', ...layer }],
    }),
  );
  writeFileSync(join(layout, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  const ref = { mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest, annotations: { 'io.containerd.image.name': LAB_IMAGE, 'org.opencontainers.image.ref.name': '1' } };
  writeFileSync(join(layout, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [ref] }));
  run('tar', ['-C', layout, '-cf', `${ARCHIVE}.tmp`, 'oci-layout', 'index.json', 'blobs']);
  run('mv', [`${ARCHIVE}.tmp`, ARCHIVE]);
  rmSync(layout, { recursive: true, force: true });
}

/** Imports the lab image into namespace NS of the node (idempotent). */
export function ensureLabImage(pid: number, ns: string): void {
  buildArchive();
  if (ctr(pid, ns, ['images', 'ls', '-q'], true).stdout.split('\n').includes(LAB_IMAGE)) return;
  ctr(pid, ns, ['images', 'import', '--all-platforms', ARCHIVE]);
  if (!ctr(pid, ns, ['images', 'ls', '-q']).stdout.split('\n').includes(LAB_IMAGE)) throw new LabError(`ctr images import did not name ${LAB_IMAGE}`);
}

/** `ctr -n NS containers ls` as rows: id -> IMAGE ('-' when none). */
export function ctrContainers(pid: number, ns: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of ctr(pid, ns, ['containers', 'ls']).stdout.split('\n').slice(1)) {
    const [id, image] = line.trim().split(/\s+/);
    if (id && image) out.set(id, image);
  }
  return out;
}

/** Every namespace of the node (`ctr namespaces ls -q`). */
export function ctrNamespaces(pid: number): string[] {
  return ctr(pid, 'default', ['namespaces', 'ls', '-q']).stdout.split('\n').map((l) => l.trim()).filter(Boolean);
}

/** Removes a container and its task, whatever state they are in. */
export function removeContainer(pid: number, ns: string, id: string): void {
  ctr(pid, ns, ['tasks', 'rm', '-f', id], true);
  ctr(pid, ns, ['containers', 'rm', id], true);
}

/** Waits until `ctr -n NS containers ls` lists every id. */
export async function waitListed(pid: number, ns: string, ids: string[]): Promise<void> {
  await waitFor(`ctr -n ${ns} containers ls to list ${ids.join(', ')}`, () => {
    const rows = ctrContainers(pid, ns);
    return ids.every((id) => rows.has(id));
  }, 30_000, 200);
}

/** The containers made here, beside the node's own: without a task, or non-CRI with an image. */
export interface ExtraContainer {
  ns: string;
  id: string;
  /** What cosi must show: created (never ran as far as containerd knows), stopped (the CRI saw it exit), running. */
  state: 'created' | 'stopped' | 'running';
}

const webPod = () => KUBE_CONTAINERS.find((c) => c.pod?.name === 'web-0')!.pod!;

/** A pod container that ran to its end (exit 0) and whose task was deleted, as the CRI leaves an init container. */
export const MIGRATE: KubeContainer = { id: sha('cosi-lab container default/web-0/migrate'), ns: 'k8s.io', name: 'migrate', pod: null, sandbox: false, args: ['sh', '-c', 'exit 0'], restarts: 0 };

export const EXTRA: ExtraContainer[] = [
  { ns: 'default', id: 'cosi-created', state: 'created' },
  { ns: 'default', id: 'cosi-ran', state: 'created' },
  { ns: 'default', id: 'cosi-image-runs', state: 'running' },
  { ns: 'k8s.io', id: MIGRATE.id, state: 'stopped' },
];

/**
 * Makes the extra containers (after removing any left over): `ctr containers create` (no task),
 * `ctr run` to its end (ctr deletes the task, keeps the container), `ctr run --detach` from the
 * image, and the pod container `migrate` run to its end with the CRI's status file and pod log.
 */
export async function makeExtraContainers(pid: number): Promise<void> {
  removeExtraContainers(pid);
  ensureLabImage(pid, 'default');
  ctr(pid, 'default', ['containers', 'create', '--label', 'cosi-lab=1', LAB_IMAGE, 'cosi-created', 'sleep', '1']);
  const ran = ctr(pid, 'default', ['run', '--null-io', '--label', 'cosi-lab=1', LAB_IMAGE, 'cosi-ran', 'sh', '-c', 'exit 4'], true);
  if (ran.status !== 4) throw new LabError(`ctr run cosi-ran exited ${ran.status}: ${ran.stderr.trim()}`);
  ctr(pid, 'default', ['run', '--detach', '--null-io', '--label', 'cosi-lab=1', LAB_IMAGE, 'cosi-image-runs']);
  const m = { ...MIGRATE, pod: webPod() };
  const r = ctr(pid, m.ns, runArgs(m, m.id, true).filter((a) => a !== '--detach'), true);
  if (r.status !== 0) throw new LabError(`ctr run migrate exited ${r.status}: ${r.stderr.trim()}`);
  const info = JSON.parse(ctr(pid, m.ns, ['containers', 'info', m.id]).stdout) as { CreatedAt: string };
  const created = Date.parse(info.CreatedAt) * 1e6;
  const now = Date.now() * 1e6;
  const status = JSON.stringify({ Version: 'v1', Pid: 0, CreatedAt: created, StartedAt: created + 1e8, FinishedAt: now, ExitCode: 0, Reason: 'Completed', Message: '' });
  const dir = `/var/lib/containerd/io.containerd.grpc.v1.cri/containers/${m.id}`;
  const logs = `/var/log/pods/${m.pod.namespace}_${m.pod.name}_${m.pod.uid}/${m.name}`;
  onNode(pid, ['sh', '-c', `mkdir -p ${dir} ${logs} && printf '%s' '${status}' > ${dir}/status && : > ${logs}/0.log`]);
  for (const ns of ['default', 'k8s.io']) await waitListed(pid, ns, EXTRA.filter((x) => x.ns === ns).map((x) => x.id));
}

/** Removes the extra containers, their CRI status file and pod log. */
export function removeExtraContainers(pid: number): void {
  for (const x of EXTRA) removeContainer(pid, x.ns, x.id);
  const pod = webPod();
  onNode(pid, ['rm', '-rf', `/var/lib/containerd/io.containerd.grpc.v1.cri/containers/${MIGRATE.id}`, `/var/log/pods/${pod.namespace}_${pod.name}_${pod.uid}/${MIGRATE.name}`], true);
}
