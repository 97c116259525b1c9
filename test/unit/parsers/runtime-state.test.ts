import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRuntimeState } from '../../../parsers/runtime-state.js';

// The runtimes section as the probe printed it on the lab's containerd node (Debian containerd 1.6.20,
// three pods in k8s.io made with the kubelet's labels and the CRI's annotations, one container in
// `default`, one crash-looping container whose task stopped).
const text = readFileSync(new URL('../../fixtures/runtimes/lab-containerd.txt', import.meta.url), 'utf8');

describe('runtime state (containerd task bundles, CRI-O state, /var/log/pods)', () => {
  const { value, issues } = parseRuntimeState(text);

  it('reads every task of the real bundle dir: namespace, id, pid, alive', () => {
    expect(issues).toEqual([]);
    expect(value.roots).toHaveLength(1);
    const root = value.roots[0]!;
    expect(root).toMatchObject({ kind: 'containerd', dir: '/run/containerd/io.containerd.runtime.v2.task', socket: true });
    expect(root.tasks).toHaveLength(8);
    expect(root.tasks.filter((t) => t.namespace === 'k8s.io')).toHaveLength(7);
    expect(root.tasks.find((t) => t.id === 'plain-sleeper')).toMatchObject({ namespace: 'default', pid: 24602, alive: true, args: ['sleep', '2147483647'], cgroupsPath: '/cosi-lab-default/plain-sleeper' });
    expect(root.tasks.filter((t) => !t.alive).map((t) => t.id)).toEqual(['45f6892850de5873ec2bb214f1ac5b03fcb20a3ad62ec2298a5ac6d5385e900b']);
  });

  it("keeps the spec's annotations: the CRI's pod and container names", () => {
    const crash = value.roots[0]!.tasks.find((t) => t.id.startsWith('45f6892850de'))!;
    expect(crash.annotations).toMatchObject({
      'io.kubernetes.cri.container-type': 'container',
      'io.kubernetes.cri.container-name': 'crash',
      'io.kubernetes.cri.sandbox-name': 'crashy-7f9c',
      'io.kubernetes.cri.sandbox-namespace': 'default',
      'io.kubernetes.cri.sandbox-uid': '4a27f903-9655-5bb5-04dd-9142ec1a8088',
    });
    expect(crash.cgroupsPath).toBe('/kubepods/besteffort/pod4a27f903-9655-5bb5-04dd-9142ec1a8088/45f6892850de5873ec2bb214f1ac5b03fcb20a3ad62ec2298a5ac6d5385e900b');
  });

  it('reads the kubelet log file names: the attempt number is the restart count', () => {
    expect(value.podLogs).toHaveLength(6);
    expect(value.podLogs.filter((f) => f.container === 'crash').map((f) => f.attempt)).toEqual([0, 1, 2]);
    expect(value.podLogs[0]).toEqual({ namespace: 'default', pod: 'crashy-7f9c', uid: '4a27f903-9655-5bb5-04dd-9142ec1a8088', container: 'crash', attempt: 0 });
  });

  it("reads CRI-O's layout (ID/userdata) with the kubelet's annotations, and k3s's root", () => {
    const crio = [
      '@root cri-o /run/containers/storage/overlay-containers 0',
      `@pid ${'a'.repeat(64)}/userdata/pidfile 4242 1`,
      `/run/containers/storage/overlay-containers/${'a'.repeat(64)}/userdata/config.json:{"annotations":{"io.kubernetes.pod.name":"p","io.kubernetes.pod.namespace":"ns","io.kubernetes.cri-o.ContainerType":"container"},"linux":{"cgroupsPath":"kubepods-besteffort-pod1.slice:crio:${'a'.repeat(64)}"}}`,
      '@root k3s /run/k3s/containerd/io.containerd.runtime.v2.task 1',
    ].join('\n');
    const r = parseRuntimeState(crio);
    expect(r.issues).toEqual([]);
    expect(r.value.roots.map((x) => x.kind)).toEqual(['cri-o', 'k3s']);
    expect(r.value.roots[0]!.tasks[0]).toMatchObject({ namespace: '', id: 'a'.repeat(64), pid: 4242, alive: true, annotations: { 'io.kubernetes.pod.name': 'p' } });
  });

  it('says which lines it could not read and goes on; host strings are sanitized', () => {
    const bad = [
      '@pid x/y/init.pid 1 1',
      '@root containerd /run/containerd/io.containerd.runtime.v2.task 1',
      '@pid k8s.io/../init.pid 1 1',
      '/run/containerd/io.containerd.runtime.v2.task/k8s.io/abc/config.json:{"annotations":{"io.kubernetes.cri.sandbox-name":"evil\\u001b[2J"}}',
      '/run/containerd/io.containerd.runtime.v2.task/k8s.io/cut/config.json:{"annotations":',
      '@pods',
      'not-a-pod-log',
    ].join('\n');
    const r = parseRuntimeState(bad);
    expect(r.issues.map((i) => i.line)).toEqual([1, 3, 5, 7]);
    expect(r.value.roots[0]!.tasks.find((t) => t.id === 'abc')!.annotations['io.kubernetes.cri.sandbox-name']).toBe('evil\\e[2J');
  });

  it("reads last exits: the CRI's status files (finished ones only), CRI-O's exit files, and /var/log/containers' names", () => {
    const later = parseRuntimeState(readFileSync(new URL('../../fixtures/runtimes/lab-containerd-exits.txt', import.meta.url), 'utf8'));
    expect(later.issues).toEqual([]);
    expect(later.value.exits['f534adfd3b31612ae1d35568a3971278dea0d79397450fc65a6f464c289a0c5d']).toEqual({ code: 3, finishedAt: 1796155677, reason: 'Error' });
    expect(Object.keys(later.value.exits)).toHaveLength(2);
    expect(later.value.links).toHaveLength(6);
    expect(later.value.links.find((l) => l.id.startsWith('066de28b'))).toEqual({ namespace: 'default', pod: 'crashy-7f9c', container: 'crash', id: '066de28b1746c42a80fe7f47605beb0b9a3697f9bd37ab4cac5924688b14238e' });
    const other = parseRuntimeState(
      [
        '@status /var/lib/containerd/io.containerd.grpc.v1.cri/containers',
        `/var/lib/containerd/io.containerd.grpc.v1.cri/containers/${'b'.repeat(64)}/status:{"Version":"v1","Pid":42,"StartedAt":1,"FinishedAt":0,"ExitCode":0}`,
        '@status /run/crio/exits',
        `/run/crio/exits/${'c'.repeat(64)}:137`,
        '/run/crio/exits/x:not-a-number',
      ].join('\n'),
    );
    expect(other.value.exits).toEqual({ ['c'.repeat(64)]: { code: 137, finishedAt: null, reason: '' } });
    expect(other.issues.map((i) => i.line)).toEqual([5]);
  });

  it("reads when each bundle was written (one stat) and the CRI status files' CreatedAt", () => {
    // the same node later, captured with the bundles' stat and two CRI status files of earlier attempts
    const r = parseRuntimeState(readFileSync(new URL('../../fixtures/runtimes/lab-containerd-created.txt', import.meta.url), 'utf8'));
    expect(r.issues).toEqual([]);
    const tasks = r.value.roots[0]!.tasks;
    expect(tasks.find((t) => t.id === 'plain-sleeper')!.bundleWritten).toBe(1796199505);
    expect(tasks.find((t) => t.id.startsWith('886a5764'))!.bundleWritten).toBe(1796199504);
    expect(tasks.every((t) => t.bundleWritten !== null)).toBe(true);
    expect(r.value.created).toEqual({
      '066de28b1746c42a80fe7f47605beb0b9a3697f9bd37ab4cac5924688b14238e': 1796199502,
      f534adfd3b31612ae1d35568a3971278dea0d79397450fc65a6f464c289a0c5d: 1796199503,
    });
    // without the stat (an older probe, or no stat on the host) nothing is invented
    expect(parseRuntimeState(text).value.roots[0]!.tasks.every((t) => t.bundleWritten === null)).toBe(true);
    // under a host root the stat runs inside DIR: "./NS/ID/config.json"
    const bad = parseRuntimeState(['@root containerd /d 1', '@mtime x ./k8s.io/a/config.json', '@mtime 12 ./a/config.json', '@mtime 12 /e/k8s.io/b/config.json', '@mtime 12 ./k8s.io/a/config.json', '@mtime 13 /d/k8s.io/c/config.json'].join('\n'));
    expect(bad.issues.map((i) => i.line)).toEqual([2, 3, 4]);
    expect(bad.value.roots[0]!.tasks).toMatchObject([{ namespace: 'k8s.io', id: 'a', bundleWritten: 12 }, { namespace: 'k8s.io', id: 'c', bundleWritten: 13 }]);
  });
});
