// podman's Docker-compatible API (`podman system service`), read by cosi's
// engine collector: every container agrees with `podman ps -a`, memory equals
// the libpod cgroup's own counter. A private podman (own --root/--runroot) so
// nothing of the machine's podman state is touched. Needs root and podman
// (Debian package `podman`); skipped with the reason when podman is absent.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync, mkdirSync, copyFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCgroups } from '../../parsers/cgroups.js';
import { collectEngines } from '../../src/engines/collect.js';
import { readContainerLogs } from '../../src/engines/logs.js';
import { sanitize } from '../../parsers/sanitize.js';
import { buildEngines } from '../../src/model/engines.js';
import { planEngines } from '../../src/engines/plan.js';
import { cgroupsScript } from '../../src/probe/scripts.js';

const podmanPath = ['/usr/bin/podman', '/usr/local/bin/podman'].find((p) => existsSync(p)) ?? null;
const busybox = ['/bin/busybox', '/usr/bin/busybox'].find((p) => existsSync(p)) ?? null;

describe.skipIf(!podmanPath || !busybox || process.getuid?.() !== 0)('podman (Docker-compatible API)', () => {
  let dir = '';
  let sock = '';
  let service: ChildProcess | null = null;
  const podmanFlags = () => ['--root', join(dir, 'root'), '--runroot', join(dir, 'run'), '--cgroup-manager', 'cgroupfs', '--storage-driver', 'vfs', '--events-backend', 'file'];
  const rows = (text: string) =>
    text
      .split('\n')
      .filter((l) => l !== '')
      .map((l, i) => {
        const sp = l.indexOf(' ');
        return { t: Date.parse(l.slice(0, sp)), i, message: sanitize(l.slice(sp + 1).replace(/\r$/, '')) };
      });
  const podman = (args: string[]) =>
    execFileSync(podmanPath!, [...podmanFlags(), ...args], {
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
    writeFileSync(join(dir, 'mk.sh'), `cd ${tree} && for a in sh sleep true echo printf; do ln -s busybox bin/$a; done && tar -c .`);
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
    // logs: stdout and stderr (frames), terminal escapes, and a TTY container
    podman(['run', ...lim, '--name', 'plog', 'localhost/cosi/busybox:1', 'sh', '-c', 'echo out one; echo err one >&2; printf "esc \\033[2J x\\n"; echo out two']);
    podman(['run', ...lim, '-t', '--name', 'ptty', 'localhost/cosi/busybox:1', 'sh', '-c', 'echo tty one; echo tty two']);
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
    if (dir) rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 300 });
  });

  it('every container agrees with podman ps -a; raw memory usage equals the libpod cgroup counter', async () => {
    const plan = planEngines({ sockets: [{ path: sock, access: 'rw' }], tools: {}, units: {} }, { reach: 'socket' });
    const connect = (p: string) =>
      new Promise<net.Socket>((resolve, reject) => {
        const s = net.connect(p);
        s.once('connect', () => resolve(s));
        s.once('error', reject);
      });
    // the service's first answers are slow on a loaded machine: more than the TUI's 5 s per request
    const raw = await collectEngines(plan, { kind: 'socket', connect }, { limits: { timeoutMs: 30_000, maxBytes: 8 << 20 } });
    expect(raw[0].failure, JSON.stringify(raw[0].failure)).toBeUndefined();
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
    // the raw usage is the counter; the figure shown (as docker stats) leaves the inactive file cache out
    expect(web.memoryUsageBytes).toBe(counter);
    expect(web.memoryBytes).toBeLessThanOrEqual(counter);
    expect(web.labels).toMatchObject({ app: 'demo' });
  });

  it("containers' logs through the compatible API's logs endpoint agree with podman logs (both streams, TTY, escapes sanitized)", async () => {
    const connect = () =>
      new Promise<net.Socket>((resolve, reject) => {
        const s = net.connect(sock);
        s.once('connect', () => resolve(s));
        s.once('error', reject);
      });
    for (const name of ['plog', 'ptty']) {
      const r = await readContainerLogs(connect, name, { tail: 100 }, 'podman', { timeoutMs: 20_000, maxBytes: 1 << 20 });
      expect(r.ok, JSON.stringify(r)).toBe(true);
      if (!r.ok) continue;
      expect(r.tty).toBe(name === 'ptty');
      // podman logs --timestamps: "TIME MESSAGE" per line, stdout and stderr apart. podman 4's compatible
      // API stamps whole seconds, so the two streams are compared each in its own order, to the second.
      const out = spawnSync(podmanPath!, [...podmanFlags(), 'logs', '--timestamps', name], { encoding: 'utf8' });
      for (const [stream, text] of [['stdout', out.stdout], ['stderr', out.stderr]] as const) {
        const mine = r.lines.filter((l) => l.stream === stream).map((l) => `${Math.floor(Date.parse(l.time!) / 1000)} ${l.message}`);
        expect(mine, `${name} ${stream}`).toEqual(rows(text).map((x) => `${Math.floor(x.t / 1000)} ${x.message}`));
      }
      expect(r.lines.map((l) => l.message)).not.toContain(undefined);
    }
  });
});
