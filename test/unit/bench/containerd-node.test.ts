import { describe, expect, it } from 'vitest';
import { containerdNodeOf, dockerNodeOf } from '../../../bench/containerd-node.js';
import { syntheticK8sNode } from '../../../bench/synthetic.js';
import { buildModel } from '../../../src/model/build.js';

describe('the containerd variant of the synthetic Kubernetes node (npm run bench -- --only containerd)', () => {
  const docker = buildModel(dockerNodeOf(syntheticK8sNode(), 500));
  const ctd = buildModel(containerdNodeOf(dockerNodeOf(syntheticK8sNode(), 500)));

  it('holds the same 500 containers, as containerd tasks in k8s.io grouped in pods, read without an issue', () => {
    expect(docker.engines.map((e) => [e.name, e.containers.length])).toEqual([['docker', 500]]);
    expect(ctd.engines.map((e) => [e.name, e.containers.length])).toEqual([['containerd', 500]]);
    expect(ctd.sections.runtimes).toMatchObject({ state: 'ok', issues: [] });
    const e = ctd.engines[0]!;
    expect(new Set(e.containers.map((c) => c.namespace))).toEqual(new Set(['k8s.io']));
    expect(e.pods!.length).toBe(e.containers.filter((c) => c.sandbox).length);
    // the same cgroups joined: running containers have the same memory on both nodes
    const mem = new Map(docker.engines[0]!.containers.map((c) => [c.id, c.memoryBytes]));
    for (const c of e.containers) expect(c.memoryBytes, c.id).toBe(mem.get(c.id));
  });
});
