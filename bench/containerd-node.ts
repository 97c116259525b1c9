/**
 * The containerd variant of the synthetic Kubernetes node (bench/synthetic.ts): the same pods and
 * containers, kept by containerd in namespace `k8s.io` (the runtimes section's task bundles with
 * the CRI's annotations) instead of by docker, and the docker node cut to the same containers, so
 * the Engines tab and the model can be timed on both at the same size.
 */
import { buildModel } from '../src/model/build.js';
import type { HostModel } from '../src/model/types.js';
import type { RawSection, RawSnapshot } from '../src/snapshot/types.js';
import { keyToFrame, perKey } from './keys.js';
import { measurement, median, ms, type Measurement } from './measure.js';

const TASKS = '/run/containerd/io.containerd.runtime.v2.task';

interface ListRow {
  Id: string;
  Created: number;
  Command: string;
  State: string;
  Labels: Record<string, string>;
}

const sec = (text: string): RawSection => ({ text, rc: 0, truncated: false, bytes: Buffer.byteLength(text), ms: 10 });

/** The docker node with its engine cut to the first `n` containers of its list (whole pods). */
export function dockerNodeOf(node: RawSnapshot, n: number): RawSnapshot {
  const engine = node.engines[0]!;
  const all = JSON.parse(engine.answers['/containers/json?all=1']!) as ListRow[];
  const uids = [...new Set(all.map((c) => c.Labels['io.kubernetes.pod.uid']))];
  const keep: ListRow[] = [];
  for (const uid of uids) {
    const pod = all.filter((c) => c.Labels['io.kubernetes.pod.uid'] === uid);
    if (keep.length + pod.length > n) break;
    keep.push(...pod);
  }
  const answers: Record<string, string> = { '/version': engine.answers['/version']!, '/info': engine.answers['/info']!, '/containers/json?all=1': JSON.stringify(keep) };
  for (const c of keep) answers[`/containers/${c.Id}/json`] = engine.answers[`/containers/${c.Id}/json`]!;
  return { ...node, engines: [{ ...engine, answers }] };
}

/** The same containers as containerd's tasks in `k8s.io`; no docker socket. */
export function containerdNodeOf(docker: RawSnapshot): RawSnapshot {
  const engine = docker.engines[0]!;
  const list = JSON.parse(engine.answers['/containers/json?all=1']!) as ListRow[];
  const cgroupOf = new Map<string, string>();
  for (const line of docker.sections.cgroups!.text.split('\n')) {
    const m = /^\/sys\/fs\/cgroup(\/\S*\/docker-([0-9a-f]{64})\.scope)\/cgroup\.procs:/.exec(line);
    if (m && !cgroupOf.has(m[2]!)) cgroupOf.set(m[2]!, m[1]!);
  }
  const pids: string[] = [];
  const configs: string[] = [];
  const mtimes: string[] = [];
  for (const c of list) {
    const inspect = JSON.parse(engine.answers[`/containers/${c.Id}/json`]!) as { State?: { Pid?: number } };
    const l = c.Labels;
    const sandbox = l['io.kubernetes.docker.type'] === 'podsandbox';
    pids.push(`@pid k8s.io/${c.Id}/init.pid ${inspect.State?.Pid ?? 0} ${c.State === 'running' ? 1 : 0}`);
    const annotations: Record<string, string> = {
      'io.kubernetes.cri.container-type': sandbox ? 'sandbox' : 'container',
      'io.kubernetes.cri.sandbox-name': l['io.kubernetes.pod.name']!,
      'io.kubernetes.cri.sandbox-namespace': l['io.kubernetes.pod.namespace']!,
      'io.kubernetes.cri.sandbox-uid': l['io.kubernetes.pod.uid']!,
      ...(sandbox ? {} : { 'io.kubernetes.cri.container-name': l['io.kubernetes.container.name']! }),
    };
    const spec = { ociVersion: '1.1.0', process: { args: c.Command.split(' ') }, annotations, linux: { cgroupsPath: cgroupOf.get(c.Id) ?? '' } };
    configs.push(`${TASKS}/k8s.io/${c.Id}/config.json:${JSON.stringify(spec)}`);
    mtimes.push(`@mtime ${c.Created} ./k8s.io/${c.Id}/config.json`);
  }
  const pods = docker.sections.runtimes?.text ?? '';
  const runtimes = [`@root containerd ${TASKS} 1`, ...pids, ...configs, ...mtimes].join('\n') + '\n' + pods;
  const engines = 'tool sudo /usr/bin/sudo\nunit docker.service inactive\nunit docker.socket inactive\nunit podman.service inactive\nunit podman.socket inactive\nunit containerd.service active\ninit systemd\n';
  return { ...docker, target: { ...docker.target, label: `${docker.target.label}, containerd` }, sections: { ...docker.sections, runtimes: sec(runtimes), engines: sec(engines) }, engines: [] };
}

/**
 * Bench rows (issue #16): the containerd node against the docker node of the same 500 containers,
 * a refresh tick's parse + model and keypress -> frame on the Engines tab; each within 2x docker's.
 */
export async function containerdRows(base: RawSnapshot, reps: number, quick: boolean, log: (s: string) => void): Promise<Measurement[]> {
  const docker = dockerNodeOf(base, 500);
  const ctd = containerdNodeOf(docker);
  log(`containerd node vs docker node (500 containers): parse + model, ${reps} repetitions each...`);
  const t = { docker: [] as number[], ctd: [] as number[] };
  let models = { small: buildModel(docker), big: buildModel(ctd) };
  for (let i = 0; i < reps; i++) {
    let t0 = process.hrtime.bigint();
    const d = buildModel(docker);
    t.docker.push(ms(t0));
    t0 = process.hrtime.bigint();
    const c = buildModel(ctd);
    t.ctd.push(ms(t0));
    models = { small: d, big: c };
  }
  const n = (m: HostModel) => m.engines.reduce((a, e) => a + e.containers.length, 0);
  const out = [
    measurement('refresh tick (parse + model): containerd node vs docker node, 500 containers', median(t.ctd), 'ms', median(t.docker), { kind: 'ratio', op: '<=', limit: 2 }, `${n(models.big)} containerd tasks in k8s.io (task bundles) vs ${n(models.small)} docker containers (API answers), same cgroups, mounts and processes`),
  ];
  log('keypress -> frame on engines, containerd vs docker node...');
  const k = await keyToFrame(models, 'engines', quick ? 2 : 4, 2);
  out.push(measurement('keypress -> frame, engines: containerd node vs docker node, 500 containers', median(k.big.all), 'ms', median(k.small.all), { kind: 'ratio', op: '<=', limit: 2 }, `medians per key (ms): containerd ${perKey(k.big)}; docker ${perKey(k.small)}`));
  return out;
}
