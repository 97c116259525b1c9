import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/model/build.js';
import { cgroupOfSpec } from '../../../src/model/runtimes.js';
import { ContainerIndex } from '../../../src/model/engines.js';
import type { RawEngine, RawSection } from '../../../src/snapshot/types.js';
import { renderFrame } from '../../../views/render-frame.js';
import { rawSnapshot } from '../../support/raw.js';
import { expectGolden } from '../views/golden.js';

// Captured on the lab's containerd node (test/lab/lib/kube-node.ts): the runtimes section and the
// kubepods part of the cgroups section of the same moment.
const fx = (p: string) => readFileSync(new URL(`../../fixtures/${p}`, import.meta.url), 'utf8');
const section = (text: string): RawSection => ({ text, rc: 0, truncated: false, bytes: text.length, ms: 10 });
const runtimes = fx('runtimes/lab-containerd.txt');
const cgroups = fx('runtimes/lab-containerd-cgroups.txt');
const identity = 'hostname=node-1\nuname=Linux 6.1.0-28-amd64 #1 SMP Debian 6.1.119-1 x86_64\nuptime=3600.00 7000.00\nloadavg=0.10 0.20 0.30 1/200 4242\ncpus=2\ntime=1764615600\ninit=systemd\n';

function node(extra: { runtimes?: string; engines?: RawEngine[] } = {}) {
  return buildModel(
    rawSnapshot('node-1', {
      sections: { identity: section(identity), engines: section('tool curl /usr/bin/curl\ninit systemd\n'), runtimes: section(extra.runtimes ?? runtimes), cgroups: section(cgroups) },
      engines: extra.engines ?? [],
    }),
  );
}

const WEB_UID = 'bbde2ba7-2854-bfb1-551c-882ed5ace427';

describe('containerd as an engine, from its task bundles', () => {
  const m = node();
  const e = m.engines.find((x) => x.kind === 'containerd')!;

  it('is one engine with every task: name = runtime id, namespace, pod {namespace, name, uid}', () => {
    expect(e).toMatchObject({ name: 'containerd', socket: '/run/containerd/containerd.sock', status: 'up', counts: { running: 7, stopped: 1 } });
    expect(e.containers).toHaveLength(8);
    const nginx = e.containers.find((c) => c.podContainer === 'nginx')!;
    expect(nginx).toMatchObject({ name: nginx.id, namespace: 'k8s.io', pod: { namespace: 'default', name: 'web-0', uid: WEB_UID }, sandbox: false, state: 'running' });
    expect(e.containers.find((c) => c.id === 'plain-sleeper')).toMatchObject({ namespace: 'default', pod: null, state: 'running', memoryBytes: 290816, pids: 1 });
  });

  it('groups pods with the sandbox folded in; pod memory and pids are the pod cgroup', () => {
    expect(e.pods!.map((p) => `${p.namespace}/${p.name} ${p.state}`)).toEqual(['default/crashy-7f9c ready', 'default/web-0 ready', 'kube-system/coredns-5d78c9869d-x7k2p ready']);
    const web = e.pods!.find((p) => p.name === 'web-0')!;
    expect(web).toMatchObject({ cgroupPath: `/kubepods/besteffort/pod${WEB_UID}`, memoryBytes: 901120, pids: 3, sandboxId: '109c558853e8aae991a85ba0c197cc92cb9b0c5366a90f71e77bb83d74529dba' });
  });

  it('counts restarts from the /var/log/pods attempt numbers; a stopped task has no memory', () => {
    const crash = e.containers.find((c) => c.podContainer === 'crash')!;
    expect(crash).toMatchObject({ state: 'stopped', restarts: 2, memoryBytes: null, status: 'stopped · 2 restarts' });
  });

  it('Services names pod cgroups and pod containers, not hashes', () => {
    const find = (path: string) => {
      const walk = (n: NonNullable<typeof m.cgroups>): typeof n | null => (n.path === path ? n : n.children.map(walk).find(Boolean) ?? null);
      return walk(m.cgroups!);
    };
    expect(find(`/kubepods/besteffort/pod${WEB_UID}`)!.container).toEqual({ engine: 'containerd', id: WEB_UID, name: 'default/web-0', kind: 'pod' });
    expect(find(`/kubepods/besteffort/pod${WEB_UID}/3eb95323c0ae890e898e650759d270908e6bef5536a7a13a32a7985bc448512f`)!.container?.name).toBe('default/web-0/nginx');
  });

  it("leaves out a task another engine already shows (dockerd's tasks in containerd's moby namespace)", () => {
    const id = '93c30aba39909caa30f75e8e33c353313cbb27f9c39507830ee27d342fc78b66';
    const dir = '/run/containerd/io.containerd.runtime.v2.task';
    const withMoby = runtimes.replace('@pods', `@pid moby/${id}/init.pid 4242 1\n${dir}/moby/${id}/config.json:{"linux":{"cgroupsPath":"/docker/${id}"}}\n@pods`);
    const docker: RawEngine = {
      socket: '/var/run/docker.sock',
      name: 'docker',
      via: 'api',
      answers: { '/version': fx('docker/eng/version.json'), '/info': fx('docker/eng/info.json'), '/containers/json?all=1': fx('docker/eng/containers.json') },
    };
    const alone = node({ runtimes: withMoby }).engines.find((x) => x.kind === 'containerd')!;
    expect(alone.containers.some((c) => c.id === id && c.namespace === 'moby')).toBe(true);
    const both = node({ runtimes: withMoby, engines: [docker] });
    expect(both.engines.find((x) => x.kind === 'containerd')!.containers.map((c) => c.id)).not.toContain(id);
    expect(both.engines.find((x) => x.name === 'docker')!.containers.map((c) => c.id)).toContain(id);
    // a containerd that holds only dockerd's tasks (Debian's docker.io) is not listed as an engine of its own
    const onlyMoby = `@root containerd ${dir} 1\n@pid moby/${id}/init.pid 4242 1\n`;
    expect(node({ runtimes: onlyMoby, engines: [docker] }).engines.map((x) => x.name)).toEqual(['docker']);
  });

  it('a root whose socket is gone (containerd down, shims running) still lists its tasks and says so', () => {
    const down = node({ runtimes: runtimes.replace('v2.task 1\n', 'v2.task 0\n') }).engines.find((x) => x.kind === 'containerd')!;
    expect(down).toMatchObject({ status: 'down', failure: { code: 'no-socket' } });
    expect(down.containers).toHaveLength(8);
  });

  it("systemd cgroup driver paths, kubelet volumes and task rootfs mounts name their pod or container", () => {
    expect(cgroupOfSpec('kubepods-besteffort-pod1_2.slice:cri-containerd:abc')).toBe('/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod1_2.slice/cri-containerd-abc.scope');
    expect(cgroupOfSpec('/kubepods/pod1/abc')).toBe('/kubepods/pod1/abc');
    const idx = new ContainerIndex(m.engines);
    expect(idx.forCgroup(`/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod${WEB_UID.replaceAll('-', '_')}.slice`)?.name).toBe('default/web-0');
    expect(idx.forMountTarget(`/var/lib/kubelet/pods/${WEB_UID}/volumes/kubernetes.io~projected/kube-api-access-x`)?.name).toBe('default/web-0');
    expect(idx.forMountTarget('/run/containerd/io.containerd.runtime.v2.task/k8s.io/3eb95323c0ae890e898e650759d270908e6bef5536a7a13a32a7985bc448512f/rootfs')?.name).toBe('default/web-0/nginx');
    expect(idx.forMountTarget('/var/lib/kubelet/pods/00000000-0000-0000-0000-000000000000/volumes')).toBeNull();
  });

  it('golden frames: the Engines tab by namespace and pod, and a pod container opened', () => {
    expectGolden('kube-node-engines', renderFrame(m, { tab: 'engines', cols: 100, rows: 30 }, { color: false }));
    expectGolden('kube-node-engines-80x24', renderFrame(m, { tab: 'engines', cols: 80, rows: 24 }, { color: false }));
    expectGolden('kube-node-engines-detail', renderFrame(m, { tab: 'engines', cols: 100, rows: 30, keys: [...'jjjjjjjjj', 'enter'] }, { color: false }));
  });

  it("gives created times: the CRI's status file, CRI-O's Created annotation, else the task bundle's time; unknown stays unknown", () => {
    const later = fx('runtimes/lab-containerd-created.txt');
    const at = (text: string) => node({ runtimes: text }).engines.find((x) => x.kind === 'containerd')!.containers;
    const cs = at(later);
    expect(cs.find((c) => c.id === 'plain-sleeper')).toMatchObject({ createdAt: 1796199505, createdFrom: 'task-bundle' });
    expect(cs.find((c) => c.podContainer === 'nginx')).toMatchObject({ createdAt: 1796199504, createdFrom: 'task-bundle' });
    // a running CRI container has a status file too (FinishedAt 0): its CreatedAt wins over the bundle's time
    const nginx = '3eb95323c0ae890e898e650759d270908e6bef5536a7a13a32a7985bc448512f';
    const status = `/var/lib/containerd/io.containerd.grpc.v1.cri/containers/${nginx}/status:{"Version":"v1","Pid":4242,"CreatedAt":1796193429900000000,"StartedAt":1796193430100000000,"FinishedAt":0,"ExitCode":0}`;
    expect(at(later.replace('@links', `${status}\n@links`)).find((c) => c.id === nginx)).toMatchObject({ createdAt: 1796193429, createdFrom: 'cri', lastExit: null });
    // the first capture had no stat of the bundles: no time is invented
    expect(e.containers.every((c) => c.createdAt === null && c.createdFrom === null)).toBe(true);
    const crio = [
      '@root cri-o /run/containers/storage/overlay-containers 1',
      `@pid ${'a'.repeat(64)}/userdata/pidfile 4242 1`,
      `/run/containers/storage/overlay-containers/${'a'.repeat(64)}/userdata/config.json:{"annotations":{"io.kubernetes.cri-o.Created":"2026-12-01T19:00:01.123456789Z","io.kubernetes.cri-o.ImageName":"registry.k8s.io/pause:3.10"}}`,
    ].join('\n');
    expect(node({ runtimes: crio }).engines[0]!.containers[0]).toMatchObject({ createdAt: Date.UTC(2026, 11, 1, 19, 0, 1) / 1000, createdFrom: 'cri', image: 'registry.k8s.io/pause:3.10' });
  });

  it("names a sandbox's image from containerd 2's podsandbox annotation; none (unknown) from containerd 1.x or outside the CRI", () => {
    const sandbox = '109c558853e8aae991a85ba0c197cc92cb9b0c5366a90f71e77bb83d74529dba';
    const v2 = runtimes.replace('"io.kubernetes.cri.container-type":"sandbox"', '"io.kubernetes.cri.container-type":"sandbox","io.kubernetes.cri.podsandbox.image-name":"registry.k8s.io/pause:3.10"');
    expect(v2).not.toBe(runtimes);
    const cs = node({ runtimes: v2 }).engines[0]!.containers;
    expect(cs.find((c) => c.id === sandbox)!.image).toBe('registry.k8s.io/pause:3.10');
    expect(e.containers.find((c) => c.id === sandbox)!.image).toBe('');
    expect(e.containers.find((c) => c.id === 'plain-sleeper')!.image).toBe('');
    expect(e.containers.find((c) => c.podContainer === 'nginx')!.image).toBe('cosi-lab/busybox:1');
  });

  it('golden frame: a container opened shows when it was created (its task bundle\'s time here)', () => {
    const later = node({ runtimes: fx('runtimes/lab-containerd-created.txt') });
    expectGolden('kube-node-engines-created', renderFrame(later, { tab: 'engines', cols: 100, rows: 30, keys: [...'jjjjjjjjj', 'enter'] }, { color: false }));
  });

  it("gives a pod container the last exit of its latest earlier attempt (the CRI's status file), the others none", () => {
    const later = node({ runtimes: fx('runtimes/lab-containerd-exits.txt') }).engines.find((x) => x.kind === 'containerd')!;
    const crash = later.containers.find((c) => c.podContainer === 'crash')!;
    expect(crash).toMatchObject({ lastExit: { code: 3, finishedAt: 1796155677, reason: 'Error' }, status: 'stopped · last exit 3 · 2 restarts' });
    expect(later.containers.filter((c) => c.lastExit).map((c) => c.podContainer)).toEqual(['crash']);
  });
});
