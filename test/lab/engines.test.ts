// Every container engine of the lab hosts, read by cosi's engine collector,
// agrees with `docker ps` of the same socket; memory equals the cgroup's own
// counter; root-only sockets need --sudo; a stopped daemon only marks itself;
// a socket-activated docker is never woken. Needs root (npm run test:lab).
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCgroups } from '../../parsers/cgroups.js';
import { parseEnginesDiscovery } from '../../parsers/engines-discovery.js';
import { collectEngines, type EngineAccess } from '../../src/engines/collect.js';
import { buildEngines, type CgroupFigures } from '../../src/model/engines.js';
import { planEngines, type PlanOptions } from '../../src/engines/plan.js';
import { cgroupsScript, enginesDiscoveryScript } from '../../src/probe/scripts.js';
import { noPrompts, resolveSshConfig, SshChannel } from '../../src/transport/ssh/index.js';
import { labUp, LAB, sshConfigFor } from './lab.js';
import { startNoForwardingSshd, type NoForwardingHost } from './support/no-forwarding.js';
import type { EnginesDiscovery } from '../../parsers/engines-discovery.js';
import { engineFailureText } from '../../views/present/engine-failure.js';
import type { Engine } from '../../src/model/types.js';

/** The reason the Engines pane shows for an engine (null when up). */
const said = (e: Pick<Engine, 'failure'>) => (e.failure ? engineFailureText(e.failure) : null);

const limits = { timeoutMs: 30_000, maxBytes: 32 << 20 };

/** A shell access that runs each script in a fresh `sh -c VIA` (e.g. docker exec -i console sh). */
function viaShell(via: string): Extract<EngineAccess, { kind: 'shell' }> {
  return {
    kind: 'shell',
    run: (script) =>
      new Promise((resolve, reject) => {
        const p = spawn('sh', ['-c', via], { stdio: ['pipe', 'pipe', 'pipe'] });
        let out = '';
        p.stdout.on('data', (c: Buffer) => (out += c.toString()));
        p.on('error', reject);
        p.on('close', () => resolve(out));
        p.stdin.end(script);
      }),
  };
}

const localSocket: EngineAccess = {
  kind: 'socket',
  connect: (path) =>
    new Promise((resolve, reject) => {
      const s = net.connect(path);
      s.once('connect', () => resolve(s));
      s.once('error', reject);
    }),
};

async function discover(run: (script: string, terminator: string) => Promise<string>): Promise<EnginesDiscovery> {
  const out = await run(`(${enginesDiscoveryScript}\n)\nprintf '%s\\n' DISCOVERY-END\n`, 'DISCOVERY-END');
  return parseEnginesDiscovery(out.slice(0, out.indexOf('DISCOVERY-END'))).value;
}

/** `docker ps -a` of a socket, the peer every engine is compared with. */
function dockerPs(socket: string): { id: string; name: string; image: string; state: string }[] {
  const out = execFileSync('docker', ['-H', `unix://${socket}`, 'ps', '-a', '--no-trunc', '--format', '{{json .}}'], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { ID: string; Names: string; Image: string; State: string })
    .map((r) => ({ id: r.ID, name: r.Names, image: r.Image, state: r.State }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function hostCgroups(): CgroupFigures[] {
  const text = execFileSync('sh', ['-c', cgroupsScript], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return parseCgroups(text).value.groups;
}

/** The cgroup's own memory counter (v1 memory.usage_in_bytes or v2 memory.current). */
function memoryCounter(path: string): number | null {
  for (const f of [`/sys/fs/cgroup/memory${path}/memory.usage_in_bytes`, `/sys/fs/cgroup${path}/memory.current`, `/sys/fs/cgroup/unified${path}/memory.current`]) {
    if (existsSync(f)) return Number(readFileSync(f, 'utf8').trim());
  }
  return null;
}

const rancherSockets = () => [LAB.rancher.sockets.docker, LAB.rancher.sockets['system-docker']];

beforeAll(async () => {
  await labUp('all');
});

describe('RancherOS-like host: docker and system-docker side by side', () => {
  it('every container of each socket appears with the id, name, image and state docker ps shows', async () => {
    const discovery = await discover(viaShell(LAB.rancher.viaCommand).run);
    expect(discovery.sockets.map((s) => s.path).sort()).toEqual(['/var/run/docker.sock', '/var/run/system-docker.sock']);
    const plan = planEngines(discovery, { reach: 'socket' });
    const engines = buildEngines(await collectEngines(plan, localSocket), plan, []);
    expect(engines.map((e) => [e.name, e.status])).toEqual([['docker', 'up'], ['system-docker', 'up']]);
    for (const e of engines) {
      const got = e.containers.map((c) => ({ id: c.id, name: c.name, image: c.image, state: c.state }));
      expect(got).toEqual(dockerPs(e.socket));
    }
    const sys = engines[1];
    expect(sys.containers.map((c) => c.name)).toEqual(expect.arrayContaining(['console', 'ntp', 'udev-cold', 'system-volumes']));
    expect(sys.storageDriver).toBe('overlay2');
    expect(sys.rootDir).toMatch(/system-docker$/);
  });

  it('raw memory usage per running container equals its cgroup counter (bracketed: busy containers move between readings)', async () => {
    const plan = planEngines(null, { reach: 'socket', engines: rancherSockets() });
    const raw = await collectEngines(plan, localSocket);
    // Read the counter, cosi, the counter again. A container whose two readings agree must equal
    // them; one that moved (log-chatty, a login in the console) must lie between them, with slack.
    let mismatches: string[] = [];
    let exact = 0;
    let checked: string[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const paths = buildEngines(raw, plan, hostCgroups()).flatMap((e) => e.containers).filter((c) => c.state === 'running' && c.cgroupPath !== null);
      const before = new Map(paths.map((c) => [c.id, memoryCounter(c.cgroupPath!)]));
      const running = buildEngines(raw, plan, hostCgroups()).flatMap((e) => e.containers).filter((c) => c.state === 'running');
      const after = new Map(running.filter((c) => c.cgroupPath !== null).map((c) => [c.id, memoryCounter(c.cgroupPath!)]));
      mismatches = [];
      exact = 0;
      checked = [];
      for (const c of running) {
        const [a, b] = [before.get(c.id), after.get(c.id)];
        // Other runs start and remove containers of their own on the shared lab: one whose cgroup
        // is not there at both readings, or that has no task left (exiting), is not compared.
        if (a == null || b == null || c.cgroupPath === null || !c.pids) continue;
        checked.push(c.name);
        expect(c.memoryBytes, c.name).toBeGreaterThan(0);
        if (a === b) {
          exact++;
          if (c.memoryUsageBytes !== a) mismatches.push(`${c.name}: model ${c.memoryUsageBytes}, counter ${a} twice`);
        } else {
          const slack = Math.max(1 << 20, Math.max(a, b) / 10);
          if (c.memoryUsageBytes! < Math.min(a, b) - slack || c.memoryUsageBytes! > Math.max(a, b) + slack) mismatches.push(`${c.name}: model ${c.memoryUsageBytes}, counter ${a} then ${b}`);
        }
      }
      if (mismatches.length === 0 && exact > 3) break;
    }
    expect(mismatches).toEqual([]);
    expect(exact).toBeGreaterThan(3);
    expect(checked).toEqual(expect.arrayContaining(['web', 'console', 'ntp', 'acpid', 'log-chatty']));
  });
});

describe('as user rancher over SSH (console, 127.0.0.1:2222)', () => {
  let ch: SshChannel;
  beforeAll(async () => {
    const { configPath } = sshConfigFor('rancher');
    const r = resolveSshConfig(LAB.rancher.sshAlias, { configFile: configPath }, { home: homedir(), env: process.env });
    if (!r.ok) throw new Error(r.error);
    ch = new SshChannel(r.value, { prompts: noPrompts() });
    await ch.open();
  });
  afterAll(async () => {
    await ch?.close();
  });

  const access = (): EngineAccess[] => [
    { kind: 'socket', connect: (p) => ch.forwardUnixSocket(p) },
    { kind: 'shell', run: (s, t) => ch.run(s, t, limits) },
  ];
  const run = (opts: PlanOptions) => async () => {
    const discovery = await discover((s) => ch.run(s, 'DISCOVERY-END', limits));
    const plan = planEngines(discovery, opts);
    return { plan, engines: buildEngines(await collectEngines(plan, access()), plan, []) };
  };

  it('docker works over the forwarded socket, system-docker says permission denied', async () => {
    const { plan, engines } = await run({ reach: 'socket' })();
    expect(plan.map((p) => [p.name, p.method.kind])).toEqual([['docker', 'api'], ['system-docker', 'none']]);
    expect(engines.map((e) => [e.name, e.status, said(e)])).toEqual([
      ['docker', 'up', null],
      ['system-docker', 'permission-denied', 'permission denied — run with --sudo'],
    ]);
    expect(engines[0].containers.map((c) => c.id)).toEqual(dockerPs(LAB.rancher.sockets.docker).map((c) => c.id));
  });

  it('with --sudo (NOPASSWD rule) system-docker is read by sudo -n docker', async () => {
    const { plan, engines } = await run({ reach: 'socket', sudo: true })();
    expect(plan[1].method).toMatchObject({ kind: 'cli', sudo: true });
    expect(engines.map((e) => [e.name, e.status])).toEqual([['docker', 'up'], ['system-docker', 'up']]);
    const got = engines[1].containers.map((c) => ({ id: c.id, name: c.name, image: c.image, state: c.state }));
    expect(got).toEqual(dockerPs(LAB.rancher.sockets['system-docker']));
  });
});

describe('a daemon stopped mid-session', () => {
  let dir = '';
  let pid = 0;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cosi-eng-stop-'));
    const sock = join(dir, 'd.sock');
    const child = spawn(
      'dockerd',
      ['--iptables=false', '--ip6tables=false', '--bridge=none', '--storage-driver=vfs', '--data-root', join(dir, 'data'), '--exec-root', join(dir, 'exec'),
        '--pidfile', join(dir, 'd.pid'), '-H', `unix://${sock}`, '--containerd-namespace', 'cosi-eng-stop', '--containerd-plugins-namespace', 'cosi-eng-stop-p'],
      { detached: true, stdio: 'ignore' },
    );
    child.unref();
    pid = child.pid ?? 0;
    for (let i = 0; i < 120 && !existsSync(sock); i++) await new Promise((r) => setTimeout(r, 250));
  });
  afterAll(async () => {
    if (pid) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        /* already stopped by the test */
      }
    }
    for (let i = 0; i < 80 && pid && existsSync(`/proc/${pid}`); i++) await new Promise((r) => setTimeout(r, 250));
    rmSync(dir, { recursive: true, force: true });
  });

  it('its section says so; the others go on', async () => {
    const mine = join(dir, 'd.sock');
    const plan = planEngines(null, { reach: 'socket', engines: [...rancherSockets(), mine] });
    const before = buildEngines(await collectEngines(plan, localSocket), plan, []);
    expect(before.map((e) => e.status)).toEqual(['up', 'up', 'up']);
    process.kill(pid, 'SIGTERM');
    for (let i = 0; i < 80 && existsSync(`/proc/${pid}`); i++) await new Promise((r) => setTimeout(r, 250));
    const after = buildEngines(await collectEngines(plan, localSocket), plan, []);
    expect(after.map((e) => e.status)).toEqual(['up', 'up', 'down']);
    expect(said(after[2])).toMatch(/^(no such socket|not running \(connection refused\))$/);
    expect(after[0].containers.map((c) => c.id)).toEqual(before[0].containers.map((c) => c.id));
  });
});

describe('systemd host with a socket-activated docker (CoreOS-like)', () => {
  it('is not started by cosi: planned as socket-activated, never connected, unit still inactive', async () => {
    const via = viaShell(LAB.systemd.viaCommand);
    const isActive = async () => (await via.run('systemctl is-active docker.service; true\n', '')).trim();
    expect(await isActive()).toBe('inactive');
    const discovery = await discover(via.run);
    expect(discovery.units['docker.socket']).toBe('active');
    const hostPid = execFileSync('docker', ['-H', `unix://${LAB.systemd.daemonSocket}`, 'inspect', '-f', '{{.State.Pid}}', LAB.systemd.container], { encoding: 'utf8' }).trim();
    const tried: string[] = [];
    // A socket access that WOULD reach the host's /run/docker.sock (and wake docker.service) if the plan allowed it.
    const wake: EngineAccess = { kind: 'socket', connect: (p) => (tried.push(p), localSocket.connect(`/proc/${hostPid}/root${p}`)) };
    for (const reach of ['socket', 'shell'] as const) {
      const plan = planEngines(discovery, { reach, engines: ['/run/docker.sock'] });
      const engines = buildEngines(await collectEngines(plan, [wake, via]), plan, []);
      expect(engines.map((e) => [e.name, e.status, said(e)])).toEqual([['docker', 'socket-activated', 'socket-activated, not running']]);
    }
    expect(tried).toEqual([]);
    expect(await isActive()).toBe('inactive');
  });
});

describe('as user rancher through the shell only (--via)', () => {
  const via = () => viaShell(LAB.rancher.viaCommandAsUser);
  const read = async (opts: PlanOptions) => {
    const discovery = await discover(via().run);
    const plan = planEngines(discovery, opts);
    return { plan, engines: buildEngines(await collectEngines(plan, [via()]), plan, []) };
  };

  it('docker through the docker CLI, system-docker denied, and read with --sudo', async () => {
    const plain = await read({ reach: 'shell' });
    expect(plain.plan[0].method).toMatchObject({ kind: 'cli', sudo: false });
    expect(plain.engines.map((e) => [e.name, e.status])).toEqual([['docker', 'up'], ['system-docker', 'permission-denied']]);
    const got = plain.engines[0].containers.map((c) => ({ id: c.id, name: c.name, image: c.image, state: c.state }));
    expect(got).toEqual(dockerPs(LAB.rancher.sockets.docker));
    const sudo = await read({ reach: 'shell', sudo: true });
    expect(sudo.engines.map((e) => [e.name, e.status])).toEqual([['docker', 'up'], ['system-docker', 'up']]);
    expect(sudo.engines[1].containers.map((c) => c.id)).toEqual(dockerPs(LAB.rancher.sockets['system-docker']).map((c) => c.id));
  });

  it('a user whose sudo wants a password gets the reason, and nothing waits for a password', async () => {
    const sys = `docker -H unix://${LAB.rancher.daemonSocket} exec -i console`;
    execFileSync('sh', ['-c', `${sys} sh -c 'id cosipw >/dev/null 2>&1 || useradd -m cosipw; echo "cosipw ALL=(ALL) ALL" > /etc/sudoers.d/cosipw; chmod 440 /etc/sudoers.d/cosipw'`]);
    try {
      const as = viaShell(`docker -H unix://${LAB.rancher.daemonSocket} exec -i -u cosipw console sh`);
      const discovery = await discover(as.run);
      const plan = planEngines(discovery, { reach: 'shell', sudo: true });
      const engines = buildEngines(await collectEngines(plan, [as]), plan, []);
      expect(engines.map((e) => [e.name, e.status, said(e)])).toEqual([
        ['docker', 'error', 'sudo needs a password — cosi never types passwords'],
        ['system-docker', 'error', 'sudo needs a password — cosi never types passwords'],
      ]);
    } finally {
      execFileSync('sh', ['-c', `${sys} sh -c 'rm -f /etc/sudoers.d/cosipw; userdel -r cosipw 2>/dev/null; true'`]);
    }
  });
});

describe('an SSH server that forbids socket forwarding (AllowStreamLocalForwarding no)', () => {
  let host: NoForwardingHost;
  beforeAll(async () => {
    host = await startNoForwardingSshd('cosiengfwd', 2245);
  });
  afterAll(async () => {
    await host?.dispose();
  });

  it('the engine is read through the docker CLI on the host instead, same containers', async () => {
    const r = resolveSshConfig(`${host.user}@127.0.0.1:${host.port}`, { configFile: '/dev/null', identityFiles: [host.key], options: ['StrictHostKeyChecking=accept-new', `UserKnownHostsFile=${join(host.dir, 'known_hosts')}`] }, { home: host.dir, env: {} });
    if (!r.ok) throw new Error(r.error);
    const ch = new SshChannel(r.value, { prompts: noPrompts() });
    await ch.open();
    try {
      const discovery = await discover((s) => ch.run(s, 'DISCOVERY-END', limits));
      const docker = discovery.sockets.find((s) => s.path === LAB.rancher.sockets.docker);
      expect(docker?.access).toBe('rw');
      const plan = planEngines({ ...discovery, sockets: [docker!] }, { reach: 'socket' });
      let forwards = 0;
      const raw = await collectEngines(plan, [
        { kind: 'socket', connect: (p) => (forwards++, ch.forwardUnixSocket(p)) },
        { kind: 'shell', run: (s, t) => ch.run(s, t, limits) },
      ]);
      expect(forwards).toBeGreaterThan(0);
      expect(raw.map((x) => [x.name, x.via, x.failure])).toEqual([['docker', 'cli', undefined]]);
      const [e] = buildEngines(raw, plan, []);
      expect(e.containers.map((c) => ({ id: c.id, name: c.name, image: c.image, state: c.state }))).toEqual(dockerPs(LAB.rancher.sockets.docker));
    } finally {
      await ch.close();
    }
  });
});
