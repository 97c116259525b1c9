// podman's Docker-compatible API (`podman system service`), read by cosi's
// engine collector: every container agrees with `podman ps -a`, memory equals
// the libpod cgroup's own counter. A private podman (own --root/--runroot) so
// nothing of the machine's podman state is touched. Needs root and podman
// (Debian package `podman`); skipped with the reason when podman is absent.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync, mkdirSync, copyFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCgroups } from '../../parsers/cgroups.js';
import { collectEngines } from '../../src/engines/collect.js';
import { buildEngines } from '../../src/model/engines.js';
import { planEngines } from '../../src/engines/plan.js';
import { cgroupsScript } from '../../src/probe/scripts.js';

const podmanPath = ['/usr/bin/podman', '/usr/local/bin/podman'].find((p) => existsSync(p)) ?? null;
const busybox = ['/bin/busybox', '/usr/bin/busybox'].find((p) => existsSync(p)) ?? null;

describe.skipIf(!podmanPath || !busybox || process.getuid?.() !== 0)('podman (Docker-compatible API)', () => {
  let dir = '';
  let sock = '';
  let service: ChildProcess | null = null;
  const podman = (args: string[]) =>
    execFileSync(podmanPath!, ['--root', join(dir, 'root'), '--runroot', join(dir, 'run'), '--cgroup-manager', 'cgroupfs', '--storage-driver', 'vfs', '--events-backend', 'file', ...args], {
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'pipe'],
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cosi-podman-'));
    sock = join(dir, 'podman.sock');
    // a busybox-static image
    const tree = join(dir, 'tree');
    mkdirSync(join(tree, 'bin'), { recursive: true });
    copyFileSync(busybox!, join(tree, 'bin/busybox'));
    chmodSync(join(tree, 'bin/busybox'), 0o755);
    writeFileSync(join(dir, 'mk.sh'), `cd ${tree} && for a in sh sleep true; do ln -s busybox bin/$a; done && tar -c .`);
    const tar = execFileSync('sh', [join(dir, 'mk.sh')], { maxBuffer: 64 << 20 });
    execFileSync(podmanPath!, ['--root', join(dir, 'root'), '--runroot', join(dir, 'run'), '--cgroup-manager', 'cgroupfs', '--storage-driver', 'vfs', '--events-backend', 'file', 'import', '-', 'localhost/cosi/busybox:1'], { input: tar, stdio: ['pipe', 'ignore', 'ignore'] });
    // this machine's hard limits are below podman's defaults: pass them explicitly
    const n = execFileSync('sh', ['-c', 'ulimit -Hn'], { encoding: 'utf8' }).trim();
    const lim = ['--ulimit', `nofile=${n}:${n}`, '--ulimit', 'nproc=4096:4096', '--network', 'none'];
    podman(['run', '-d', ...lim, '--name', 'pweb', '--label', 'app=demo', 'localhost/cosi/busybox:1', 'sleep', '100000']);
    podman(['create', ...lim, '--name', 'pidle', 'localhost/cosi/busybox:1', 'true']);
    try {
      podman(['run', ...lim, '--name', 'pdone', 'localhost/cosi/busybox:1', 'sh', '-c', 'exit 2']);
    } catch {
      /* exits 2 on purpose */
    }
    service = spawn(podmanPath!, ['--root', join(dir, 'root'), '--runroot', join(dir, 'run'), '--cgroup-manager', 'cgroupfs', '--storage-driver', 'vfs', '--events-backend', 'file', 'system', 'service', '--time=0', `unix://${sock}`], { stdio: 'ignore' });
    for (let i = 0; i < 80 && !existsSync(sock); i++) await new Promise((r) => setTimeout(r, 250));
  });

  afterAll(async () => {
    try {
      podman(['rm', '-f', '-a']);
    } catch {
      /* best effort */
    }
    if (service?.pid) {
      service.kill('SIGTERM');
      for (let i = 0; i < 40 && existsSync(`/proc/${service.pid}`); i++) await new Promise((r) => setTimeout(r, 250));
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('every container agrees with podman ps -a; memory equals the libpod cgroup counter', async () => {
    const plan = planEngines({ sockets: [{ path: sock, access: 'rw' }], tools: {}, units: {} }, { reach: 'socket' });
    const connect = (p: string) =>
      new Promise<net.Socket>((resolve, reject) => {
        const s = net.connect(p);
        s.once('connect', () => resolve(s));
        s.once('error', reject);
      });
    const raw = await collectEngines(plan, { kind: 'socket', connect });
    expect(raw[0].failure).toBeUndefined();
    const cgroups = parseCgroups(execFileSync('sh', ['-c', cgroupsScript], { encoding: 'utf8', maxBuffer: 64 << 20 })).value.groups;
    const [e] = buildEngines(raw, plan, cgroups);
    expect(e.status).toBe('up');
    const peer = (JSON.parse(podman(['ps', '-a', '--format', 'json'])) as { Id: string; Names: string[]; Image: string; State: string }[])
      .map((c) => ({ id: c.Id, name: c.Names[0], image: c.Image, state: c.State }))
      .sort((a, b) => a.name.localeCompare(b.name));
    expect(e.containers.map((c) => ({ id: c.id, name: c.name, image: c.image, state: c.state }))).toEqual(peer);
    const web = e.containers.find((c) => c.name === 'pweb')!;
    expect(web.cgroupPath).toBe(`/libpod_parent/libpod-${web.id}`);
    expect(web.memoryBytes).toBeGreaterThan(0);
    const file = [`/sys/fs/cgroup/memory${web.cgroupPath}/memory.usage_in_bytes`, `/sys/fs/cgroup${web.cgroupPath}/memory.current`].find((f) => existsSync(f))!;
    const counter = Number(readFileSync(file, 'utf8'));
    expect(web.memoryBytes).toBe(counter);
    expect(web.labels).toMatchObject({ app: 'demo' });
  });
});
