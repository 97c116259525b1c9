import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/model/build.js';
import { modelJson } from '../../../src/model/json.js';
import type { RawSection } from '../../../src/snapshot/types.js';
import { renderFrame } from '../../../views/render-frame.js';
import { rawSnapshot } from '../../support/raw.js';
import { expectGolden } from '../views/golden.js';

// Captured together on the lab's containerd node with the extra containers of
// test/lab/lib/kube-node-image.ts: the runtimes section (task bundles), the containerd-meta section
// (meta.db) and the kubepods / default part of the cgroups section; and `ctr containers ls`'s
// id, IMAGE and `ctr containers info`'s CreatedAt of the same moment.
const fx = (p: string) => readFileSync(new URL(`../../fixtures/runtimes/${p}`, import.meta.url), 'utf8');
const section = (text: string): RawSection => ({ text, rc: 0, truncated: false, bytes: text.length, ms: 10 });
const identity = 'hostname=node-1\nuname=Linux 6.1.0-28-amd64 #1 SMP Debian 6.1.119-1 x86_64\nuptime=3600.00 7000.00\nloadavg=0.10 0.20 0.30 1/200 4242\ncpus=2\ntime=1796207100\ninit=systemd\n';
const ctrLs = fx('lab-containerd-meta-ctr.txt').trim().split('\n').map((l) => l.split(' '));
const MIGRATE = '479782691ab542f7b880b0041836f0ee9b18e3bab2dfe29457993d6c22162a99';

function node(meta: string | null = fx('lab-containerd-meta.txt'), runtimes = fx('lab-containerd-taskless.txt')) {
  return buildModel(
    rawSnapshot('node-1', {
      sections: {
        identity: section(identity),
        engines: section('init systemd\n'),
        runtimes: section(runtimes),
        ...(meta === null ? {} : { 'containerd-meta': section(meta) }),
        cgroups: section(fx('lab-containerd-taskless-cgroups.txt')),
      },
    }),
  );
}

describe("containerd's containers without a task and images, from its metadata store (meta.db)", () => {
  const m = node();
  const e = m.engines.find((x) => x.kind === 'containerd')!;

  it('lists every container `ctr containers ls` listed, in every namespace, with its IMAGE', () => {
    expect(e.containers.map((c) => [c.namespace, c.id])).toEqual(ctrLs.map(([ns, id]) => [ns, id]));
    // ctr's IMAGE where it has one; else (made from a rootfs) the CRI's image annotation of the spec, or none
    for (const [, id, image] of ctrLs) {
      const c = e.containers.find((x) => x.id === id)!;
      expect(c.image, id).toBe(image !== '-' ? image : (c.labels['io.kubernetes.cri.image-name'] ?? ''));
    }
    expect(e.containers.filter((c) => c.image === 'docker.io/cosi-lab/busybox:1').map((c) => c.id)).toEqual(['cosi-created', 'cosi-image-runs', 'cosi-ran']);
    expect(e.metadata).toEqual({ path: '/var/lib/containerd/io.containerd.metadata.v1.bolt/meta.db', bytes: 262144, state: 'read', reason: null, limitBytes: 8 * 1024 * 1024 });
  });

  it('a container without a task is created, or stopped with its last exit when the CRI saw it end; the rest as their tasks say', () => {
    const state = (id: string) => e.containers.find((c) => c.id === id)!;
    expect(state('cosi-created')).toMatchObject({ state: 'created', status: 'no task', pids: null, memoryBytes: null, command: 'sleep 1', cgroupPath: null });
    expect(state('cosi-ran')).toMatchObject({ state: 'created', status: 'no task', command: 'sh -c exit 4' });
    expect(state('cosi-image-runs')).toMatchObject({ state: 'running', image: 'docker.io/cosi-lab/busybox:1' });
    expect(state('cosi-image-runs').status).toMatch(/^pid \d+$/);
    expect(state(MIGRATE)).toMatchObject({ state: 'stopped', status: 'no task · last exit 0', pod: { namespace: 'default', name: 'web-0' }, podContainer: 'migrate', lastExit: { code: 0, reason: 'Completed' } });
    expect(e.counts).toEqual({ running: 8, paused: 0, stopped: 4, images: 0 });
  });

  it("gives created times: the CRI's record, else containerd's record (`ctr containers info` CreatedAt), never the bundle's when the record is there", () => {
    for (const [, id, , created] of ctrLs) {
      const c = e.containers.find((x) => x.id === id)!;
      if (c.createdFrom === 'cri') expect(Math.abs(c.createdAt! - Date.parse(created!) / 1000), id).toBeLessThanOrEqual(1);
      else expect([c.createdFrom, c.createdAt], id).toEqual(['metadata', Math.floor(Date.parse(created!) / 1000)]);
    }
    expect(e.containers.find((c) => c.id === MIGRATE)!.createdFrom).toBe('cri');
  });

  it('without the store: the tasks alone, as before (no task-less container, no image of a non-CRI container)', () => {
    const alone = node(null).engines.find((x) => x.kind === 'containerd')!;
    expect(alone.containers.map((c) => c.id).sort()).toEqual(e.containers.filter((c) => c.state !== 'created' && c.id !== MIGRATE).map((c) => c.id).sort());
    expect(alone.containers.find((c) => c.id === 'cosi-image-runs')!.image).toBe('');
    expect(alone.metadata).toBeUndefined();
  });

  it('a store too big to copy: the tasks, and the pane says what is missing and why', () => {
    const big = node('@meta containerd /var/lib/containerd/io.containerd.metadata.v1.bolt/meta.db 41943040 too-big\n');
    const b = big.engines.find((x) => x.kind === 'containerd')!;
    expect(b.metadata).toMatchObject({ state: 'too-big', bytes: 41943040 });
    expect(b.containers.some((c) => c.state === 'created')).toBe(false);
    expectGolden('kube-node-engines-meta-too-big', renderFrame(big, { tab: 'engines', cols: 100, rows: 24 }, { color: false }));
  });

  it('containerd down since boot (no task state, no socket): its containers from the store, the engine down', () => {
    const down = node(fx('lab-containerd-meta.txt'), '').engines.find((x) => x.kind === 'containerd')!;
    expect(down).toMatchObject({ status: 'down', failure: { code: 'no-socket' } });
    expect(down.containers.map((c) => c.id)).toEqual(ctrLs.map(([, id]) => id));
    expect(down.containers.every((c) => c.state !== 'running')).toBe(true);
  });

  it('--json: state created/stopped, image, createdFrom "metadata", and the engine\'s metadata', () => {
    const j = JSON.parse(modelJson(m)) as { engines: { kind: string; metadata: unknown; containers: { id: string; state: string; image: string; createdFrom: string }[] }[] };
    const c = j.engines.find((x) => x.kind === 'containerd')!;
    expect(c.metadata).toMatchObject({ state: 'read', bytes: 262144 });
    expect(c.containers.find((x) => x.id === 'cosi-created')).toMatchObject({ state: 'created', image: 'docker.io/cosi-lab/busybox:1', createdFrom: 'metadata' });
  });

  it('golden frames: the Engines tab with containers without a task, and one opened', () => {
    expectGolden('kube-node-engines-taskless', renderFrame(m, { tab: 'engines', cols: 100, rows: 30 }, { color: false }));
    expectGolden('kube-node-engines-taskless-detail', renderFrame(m, { tab: 'engines', cols: 100, rows: 30, keys: [...'jjj', 'enter'] }, { color: false }));
  });
});
