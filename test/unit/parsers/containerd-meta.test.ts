import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { goTime, parseContainerdMeta } from '../../../parsers/containerd-meta.js';
import { openBolt } from '../../../parsers/bolt.js';

// Captured on the lab's containerd node (test/lab/lib/kube-node.ts, with the extra containers of
// kube-node-image.ts): the containerd-meta section as the probe printed it, and at the same moment
// `ctr -n NS containers ls` (id, IMAGE) and `ctr containers info`'s CreatedAt of every container.
const fx = (p: string) => readFileSync(new URL(`../../fixtures/runtimes/${p}`, import.meta.url), 'utf8');
const text = fx('lab-containerd-meta.txt');
const ctr = fx('lab-containerd-meta-ctr.txt')
  .trim()
  .split('\n')
  .map((l) => l.split(' '))
  .map(([ns, id, image, created]) => ({ ns: ns!, id: id!, image: image === '-' ? '' : image!, created: Math.floor(Date.parse(created!) / 1000) }));
const HEADER = '@meta containerd /var/lib/containerd/io.containerd.metadata.v1.bolt/meta.db 262144 base64';
const bytes = () => Buffer.from(text.slice(text.indexOf('\n') + 1).replace(/\n/g, ''), 'base64');
const base64 = (b: Uint8Array) => `${HEADER.replace('262144', String(b.length))}\n${Buffer.from(b).toString('base64').replace(/.{76}/g, '$&\n')}\n`;

describe('containerd-meta: containerd\'s meta.db copied by the probe', () => {
  const r = parseContainerdMeta(text);
  const store = r.value.stores[0]!;

  it('lists exactly the containers `ctr containers ls` listed, every namespace, with its IMAGE and `ctr containers info` CreatedAt', () => {
    expect(r.issues).toEqual([]);
    expect(store).toMatchObject({ kind: 'containerd', path: '/var/lib/containerd/io.containerd.metadata.v1.bolt/meta.db', bytes: 262144, state: 'read', reason: null });
    expect(store.containers.map((c) => ({ ns: c.namespace, id: c.id, image: c.image, created: c.createdAt }))).toEqual(ctr);
  });

  it("reads each record's spec (annotations, cgroup, command) and runtime as `ctr containers info` shows them", () => {
    const nginx = store.containers.find((c) => c.id === '3eb95323c0ae890e898e650759d270908e6bef5536a7a13a32a7985bc448512f')!;
    expect(nginx.annotations).toMatchObject({ 'io.kubernetes.cri.container-name': 'nginx', 'io.kubernetes.cri.sandbox-name': 'web-0', 'io.kubernetes.cri.image-name': 'cosi-lab/busybox:1' });
    expect(nginx.cgroupsPath).toBe('/kubepods/besteffort/podbbde2ba7-2854-bfb1-551c-882ed5ace427/3eb95323c0ae890e898e650759d270908e6bef5536a7a13a32a7985bc448512f');
    expect(nginx.labels).toMatchObject({ 'io.kubernetes.pod.name': 'web-0', 'io.kubernetes.container.name': 'nginx' });
    const ran = store.containers.find((c) => c.id === 'cosi-ran')!;
    expect(ran).toMatchObject({ namespace: 'default', image: 'docker.io/cosi-lab/busybox:1', runtime: 'io.containerd.runc.v2', args: ['sh', '-c', 'exit 4'], cgroupsPath: '/default/cosi-ran', labels: { 'cosi-lab': '1' } });
  });

  it('reads the same bytes printed by od (a host without base64)', () => {
    const hex = [...bytes()].map((b) => b.toString(16).padStart(2, '0'));
    const od = Array.from({ length: Math.ceil(hex.length / 16) }, (_, i) => ` ${hex.slice(i * 16, i * 16 + 16).join(' ')}`).join('\n');
    const viaOd = parseContainerdMeta(`${HEADER.replace(/base64$/, 'od')}\n${od}\n`);
    expect(viaOd.value.stores[0]!.containers).toEqual(store.containers);
  });

  it('a store too big to copy, or not readable, is named with no containers', () => {
    const v = parseContainerdMeta('@meta containerd /var/lib/containerd/io.containerd.metadata.v1.bolt/meta.db 41943040 too-big\n@meta k3s /var/lib/rancher/k3s/agent/containerd/io.containerd.metadata.v1.bolt/meta.db - denied\n').value;
    expect(v.stores).toEqual([
      { kind: 'containerd', path: '/var/lib/containerd/io.containerd.metadata.v1.bolt/meta.db', bytes: 41943040, state: 'too-big', reason: null, containers: [] },
      { kind: 'k3s', path: '/var/lib/rancher/k3s/agent/containerd/io.containerd.metadata.v1.bolt/meta.db', bytes: null, state: 'denied', reason: null, containers: [] },
    ]);
  });

  it('fails closed on bytes cut short, overwritten while copied, or not bbolt at all: unreadable, no container, never a throw', () => {
    const b = bytes();
    const cut = parseContainerdMeta(base64(b.subarray(0, 8192)));
    expect(cut.value.stores[0]).toMatchObject({ state: 'unreadable', reason: 'cut', containers: [] });
    expect(cut.issues.map((i) => i.code)).toEqual(['meta-unreadable']);
    const db = openBolt(b);
    // every page of the newer tree overwritten with another page's id: the older meta page's tree is read if whole, else unreadable
    const torn = Uint8Array.from(b);
    for (let at = 2 * db.pageSize; at < torn.length; at += db.pageSize) torn[at] ^= 0xff;
    expect(parseContainerdMeta(base64(torn)).value.stores[0]).toMatchObject({ state: 'unreadable', reason: 'corrupt', containers: [] });
    const junk = parseContainerdMeta(base64(new Uint8Array(16384).fill(7)));
    expect(junk.value.stores[0]).toMatchObject({ state: 'unreadable', reason: 'not-bolt' });
    for (let n = 0; n < 40; n++) {
      const x = Uint8Array.from(b);
      for (let k = 0; k < 64; k++) x[(n * 7919 + k * 104729) % x.length] = (n * 31 + k) & 0xff;
      expect(() => parseContainerdMeta(base64(x))).not.toThrow();
    }
  });

  it('falls back to the older meta page when the newer one is damaged', () => {
    const b = Uint8Array.from(bytes());
    const db = openBolt(b);
    const newer = db.txid % 2 === 0 ? 0 : db.pageSize; // bbolt writes meta txid % 2
    b[newer + 16 + 50] ^= 0xff; // inside the checksummed meta: its checksum no longer matches
    const older = openBolt(b);
    expect(older.txid).toBe(db.txid - 1);
  });

  it("reads Go's binary time (seconds since year 1, big-endian)", () => {
    const t = Uint8Array.from([1, 0, 0, 0, 14, 0xe0, 0x6b, 0x9c, 0x80, 0, 0, 0, 0, 0xff, 0xff]);
    expect(goTime(t)).toBe(0x0ee06b9c80 - 62135596800);
    expect(goTime(Uint8Array.from([9, 0, 0]))).toBeNull();
  });
});
