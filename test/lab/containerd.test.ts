// containerd as an engine, against a real containerd (Debian's package) with pods made as the
// kubelet's CRI makes them (test/lab/lib/kube-node.ts), reached as a Kubernetes node is: a shell
// in the node's mount namespace (`--via 'nsenter -t PID -m sh'`). cosi's containers, pods,
// restarts and pod memory are compared with `ctr` and with the kubepods cgroups themselves. The test
// adds containers without a task (`ctr containers create`, `ctr run` to its end, a pod container
// whose task the CRI deleted) and a non-CRI one from an image (test/lab/lib/kube-node-image.ts):
// they are only in containerd's metadata store, meta.db.
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosi } from '../support/cli.js';
import { attemptId, ctr, ensureKubeNode, onNode, taskStates, KUBE_CONTAINERS, type KubeNode } from './lib/kube-node.js';
import { ctrContainers, ctrNamespaces, EXTRA, LAB_IMAGE, makeExtraContainers, MIGRATE, removeExtraContainers } from './lib/kube-node-image.js';

interface JsonContainer {
  id: string;
  name: string;
  image: string;
  createdAt: number | null;
  createdFrom?: 'cri' | 'metadata' | 'task-bundle' | null;
  state: string;
  status: string;
  restarts: number | null;
  namespace?: string;
  pod?: { namespace: string; name: string; uid: string } | null;
  podContainer?: string;
  sandbox?: boolean;
  lastExit?: { code: number; finishedAt: number | null; reason: string } | null;
}
interface JsonPod {
  namespace: string;
  name: string;
  uid: string;
  state: string;
  cgroupPath: string | null;
  memoryBytes: number | null;
  pids: number | null;
}
interface JsonEngine {
  name: string;
  kind: string;
  status: string;
  containers: JsonContainer[];
  pods?: JsonPod[];
  metadata?: { path: string; bytes: number | null; state: string };
}

const usable = process.getuid?.() === 0 && ['/usr/bin/containerd', '/usr/bin/ctr', '/usr/bin/nsenter'].every((p) => existsSync(p));

/** The containerd engine of a `cosi snapshot --json` through the node's shell. */
function snapshot(node: KubeNode): JsonEngine {
  const r = cosi(['snapshot', '--via', node.via, '--json']);
  expect(r.status, r.stderr).toBe(0);
  const model = JSON.parse(r.stdout) as { engines: JsonEngine[] };
  const e = model.engines.find((x) => x.kind === 'containerd');
  expect(e, `engines: ${model.engines.map((x) => x.name).join(', ')}`).toBeDefined();
  return e!;
}

/** A cgroup counter as the kernel shows it now (v2 file, else the v1 controller's). */
function counter(path: string, v2: string, v1: string, controller: string): number {
  const file = existsSync(`/sys/fs/cgroup/cgroup.controllers`) ? `/sys/fs/cgroup${path}/${v2}` : `/sys/fs/cgroup/${controller}${path}/${v1}`;
  return Number(readFileSync(file, 'utf8').trim());
}

describe.skipIf(!usable)('containerd node (k8s.io pods, default namespace) read from its task bundles', () => {
  let node: KubeNode;
  let e: JsonEngine;

  beforeAll(async () => {
    node = await ensureKubeNode();
    await makeExtraContainers(node.pid);
    e = snapshot(node);
  }, 180_000);

  afterAll(() => {
    if (node) removeExtraContainers(node.pid);
  });

  it("lists exactly `ctr containers ls` of every namespace, each with `ctr tasks ls`'s state and pid; no task: created, or stopped", () => {
    const namespaces = ctrNamespaces(node.pid);
    for (const ns of namespaces) {
      const ids = [...ctrContainers(node.pid, ns).keys()].sort();
      expect(e.containers.filter((c) => c.namespace === ns).map((c) => c.name).sort(), ns).toEqual(ids);
    }
    expect(new Set(e.containers.map((c) => c.namespace))).toEqual(new Set(namespaces.filter((ns) => ctrContainers(node.pid, ns).size > 0)));
    expect(e.metadata).toMatchObject({ path: '/var/lib/containerd/io.containerd.metadata.v1.bolt/meta.db', state: 'read' });
    const tasks = taskStates(node.pid);
    for (const c of e.containers) {
      const t = tasks.get(`${c.namespace}/${c.id}`);
      if (!t) {
        // no task: what the test made it (never started, or the CRI's record of its exit)
        expect([c.id, c.state, c.status.split(' · ')[0]]).toEqual([c.id, EXTRA.find((x) => x.id === c.id)!.state, 'no task']);
        continue;
      }
      if (t.status === 'RUNNING') expect([c.state, c.status.split(' · ')[0]]).toEqual(['running', `pid ${t.pid}`]);
      else expect(c.state).toBe('stopped');
    }
    expect(e.containers.filter((c) => !tasks.has(`${c.namespace}/${c.id}`)).map((c) => c.id).sort()).toEqual(EXTRA.filter((x) => x.state !== 'running').map((x) => x.id).sort());
    expect(e.status).toBe('up');
  });

  it("gives a pod container whose task the CRI deleted its state and last exit from the CRI's record", () => {
    const m = e.containers.find((c) => c.id === MIGRATE.id)!;
    const status = JSON.parse(onNode(node.pid, ['cat', `/var/lib/containerd/io.containerd.grpc.v1.cri/containers/${MIGRATE.id}/status`]).stdout) as { ExitCode: number; FinishedAt: number; Reason: string };
    expect(m).toMatchObject({ state: 'stopped', status: `no task · last exit ${status.ExitCode}`, podContainer: 'migrate', pod: { namespace: 'default', name: 'web-0' } });
    expect(m.lastExit).toEqual({ code: status.ExitCode, finishedAt: Math.floor(status.FinishedAt / 1e9), reason: status.Reason });
  });

  it("groups containers by pod as the kubelet's labels say (`ctr containers info`), the sandbox folded in", () => {
    for (const c of e.containers) {
      const info = JSON.parse(ctr(node.pid, c.namespace!, ['containers', 'info', c.id]).stdout) as { Labels?: Record<string, string> };
      const l = info.Labels ?? {};
      if (!l['io.kubernetes.pod.uid']) {
        expect(c.pod).toBeNull();
        continue;
      }
      expect(c.pod).toEqual({ namespace: l['io.kubernetes.pod.namespace'], name: l['io.kubernetes.pod.name'], uid: l['io.kubernetes.pod.uid'] });
      expect(c.sandbox).toBe(l['io.cri-containerd.kind'] === 'sandbox');
      expect(c.podContainer).toBe(c.sandbox ? 'POD' : l['io.kubernetes.container.name']);
    }
    const pods = new Set(e.containers.filter((c) => c.pod).map((c) => `${c.pod!.namespace}/${c.pod!.name}`));
    expect(e.pods!.map((p) => `${p.namespace}/${p.name}`).sort()).toEqual([...pods].sort());
    for (const p of e.pods!) expect(p.state).toBe('ready');
  });

  it("gives each container's created time: `ctr containers info`'s CreatedAt, or its task bundle's time (written just after)", () => {
    for (const c of e.containers) {
      const info = JSON.parse(ctr(node.pid, c.namespace!, ['containers', 'info', c.id]).stdout) as { CreatedAt: string };
      const created = Date.parse(info.CreatedAt) / 1000;
      expect(c.createdAt, c.id).not.toBeNull();
      if (c.createdFrom === 'cri') {
        expect(Math.abs(c.createdAt! - created), c.id).toBeLessThanOrEqual(1);
        continue;
      }
      // containerd's own record (meta.db): the very time `ctr containers info` prints
      if (c.createdFrom === 'metadata') {
        expect(c.createdAt, c.id).toBe(Math.floor(created));
        continue;
      }
      // no CRI status file on this node: the bundle's config.json time, exactly as stat reads it,
      // and the task is made right after the container (within seconds even on a loaded machine)
      expect(c.createdFrom, c.id).toBe('task-bundle');
      const mtime = Number(onNode(node.pid, ['stat', '-c', '%Y', `/run/containerd/io.containerd.runtime.v2.task/${c.namespace}/${c.id}/config.json`]).stdout.trim());
      expect(c.createdAt, c.id).toBe(mtime);
      expect(c.createdAt! - Math.floor(created), c.id).toBeGreaterThanOrEqual(0);
      expect(c.createdAt! - created, c.id).toBeLessThanOrEqual(5);
    }
  });

  it("shows `ctr containers ls`'s IMAGE where it has one, else the CRI's image annotation of the spec, else none (unknown)", () => {
    for (const ns of ctrNamespaces(node.pid)) {
      const rows = [...ctrContainers(node.pid, ns)];
      for (const [id, image] of rows) {
        const c = e.containers.find((x) => x.namespace === ns && x.id === id)!;
        expect(c, id).toBeDefined();
        if (image !== '-') {
          expect(c.image, id).toBe(image);
          continue;
        }
        // the lab's containers are made from a rootfs (no image in containerd's record): the spec's annotation only
        const info = JSON.parse(ctr(node.pid, ns, ['containers', 'info', id!]).stdout) as { Spec?: { annotations?: Record<string, string> } };
        const a = info.Spec?.annotations ?? {};
        expect(c.image, id).toBe(a['io.kubernetes.cri.image-name'] ?? a['io.kubernetes.cri.podsandbox.image-name'] ?? '');
      }
    }
    expect(e.containers.filter((c) => c.image === 'cosi-lab/busybox:1').length).toBe(KUBE_CONTAINERS.filter((k) => k.pod && !k.sandbox).length + 1);
    // the image of a non-CRI container is only in containerd's record: the created, ended and running ones
    expect(e.containers.filter((c) => c.image === LAB_IMAGE).map((c) => c.id).sort()).toEqual(EXTRA.filter((x) => x.ns === 'default').map((x) => x.id).sort());
  });

  it('counts restarts as the /var/log/pods attempt files on the node say', () => {
    for (const c of e.containers.filter((x) => x.pod && !x.sandbox)) {
      const dir = `/var/log/pods/${c.pod!.namespace}_${c.pod!.name}_${c.pod!.uid}/${c.podContainer}`;
      const attempts = onNode(node.pid, ['ls', dir]).stdout.split('\n').filter((f) => /^\d+\.log$/.test(f)).map((f) => Number(f.slice(0, -4)));
      expect(c.restarts, c.podContainer).toBe(Math.max(...attempts));
    }
    expect(e.containers.find((c) => c.podContainer === 'crash')).toMatchObject({ state: 'stopped', restarts: 2 });
  });

  it("gives the last exit code as the runtime recorded it: the crash-looping container's earlier attempt, none for the others", () => {
    for (const k of KUBE_CONTAINERS) {
      const c = e.containers.find((x) => x.id === k.id)!;
      if (k.exits === undefined) {
        expect(c.lastExit ?? null, k.name).toBeNull();
        continue;
      }
      // the CRI's status file of the latest earlier attempt (what `ctr run` returned for it)
      const status = JSON.parse(onNode(node.pid, ['cat', `/var/lib/containerd/io.containerd.grpc.v1.cri/containers/${attemptId(k, k.restarts - 1)}/status`]).stdout) as { ExitCode: number; FinishedAt: number };
      expect(status.ExitCode).toBe(k.exits);
      expect(c.lastExit).toEqual({ code: k.exits, finishedAt: Math.floor(status.FinishedAt / 1e9), reason: 'Error' });
      expect(c.status).toBe(`stopped · last exit ${k.exits} · ${k.restarts} restarts`);
    }
  });

  it("gives each pod its kubepods cgroup's memory and pids (bracketed by two readings of the counters)", () => {
    const read = (p: JsonPod) => ({ mem: counter(p.cgroupPath!, 'memory.current', 'memory.usage_in_bytes', 'memory'), pids: counter(p.cgroupPath!, 'pids.current', 'pids.current', 'pids') });
    const first = snapshot(node);
    const before = new Map(first.pods!.map((p) => [p.uid, read(p)]));
    const mid = snapshot(node);
    const after = new Map(mid.pods!.map((p) => [p.uid, read(p)]));
    for (const p of mid.pods!) {
      expect(p.cgroupPath).toMatch(new RegExp(`/kubepods/besteffort/pod${p.uid}$`));
      const a = before.get(p.uid)!;
      const b = after.get(p.uid)!;
      const slack = 256 * 1024;
      expect(p.memoryBytes!).toBeGreaterThanOrEqual(Math.min(a.mem, b.mem) - slack);
      expect(p.memoryBytes!).toBeLessThanOrEqual(Math.max(a.mem, b.mem) + slack);
      expect(p.pids!).toBeGreaterThanOrEqual(Math.min(a.pids, b.pids));
      expect(p.pids!).toBeLessThanOrEqual(Math.max(a.pids, b.pids));
    }
  });
});
