import { describe, expect, it } from 'vitest';
import { buildEngines, ContainerIndex, type CgroupFigures } from '../../../src/model/engines.js';
import { rosServices } from '../../../views/present/ros-services.js';
import { planEngines } from '../../../src/engines/plan.js';
import { engineFailureText } from '../../../views/present/engine-failure.js';
import { dockerFixture, rawFrom } from '../../fixtures/docker/raw.js';
import type { ParseIssue } from '../../../parsers/types.js';
import { said } from '../parsers/_support.js';

const fx = dockerFixture;

const cgroups = JSON.parse(fx('cgroups.json')) as CgroupFigures[];
const raw = [rawFrom('eng', 'docker', '/var/run/docker.sock'), rawFrom('sys', 'system-docker', '/var/run/system-docker.sock')];

describe('engines model from real answers', () => {
  const issues: ParseIssue[] = [];
  const [docker, sys] = buildEngines(raw, null, cgroups, issues);

  it('per engine: version, storage, root dir, cgroup driver, counts', () => {
    expect(docker).toMatchObject({
      name: 'docker', kind: 'docker', status: 'up', version: '20.10.24+dfsg1', apiVersion: '1.41',
      storageDriver: 'vfs', rootDir: '/tmp/eng-docker', cgroupDriver: 'cgroupfs', cgroupVersion: '1',
      counts: { running: 2, paused: 1, stopped: 2, images: 1 },
    });
    expect(sys).toMatchObject({ name: 'system-docker', kind: 'system-docker', storageDriver: 'overlay2', backingFilesystem: 'tmpfs' });
    expect(issues).toEqual([]);
  });

  it('containers sorted by name with memory and pids from their own cgroup', () => {
    expect(docker.containers.map((c) => c.name)).toEqual(['api', 'done', 'never-started', 'web', 'weird']);
    const web = docker.containers.find((c) => c.name === 'web')!;
    expect(web).toMatchObject({ state: 'running', memoryBytes: 802816, pids: 2, restarts: 0, health: 'healthy', image: 'cosi/busybox:1' });
    expect(web.cgroupPath).toBe(`/docker/${web.id}`);
    expect(web.env.map((e) => e.name)).toContain('SECRET_TOKEN');
    expect(web.mounts).toEqual([{ source: '/tmp/eng/data', destination: '/data', mode: 'ro', rw: false }]);
    const done = docker.containers.find((c) => c.name === 'done')!;
    expect(done).toMatchObject({ state: 'exited', memoryBytes: null, pids: null });
    // the cgroup parent of the "system-docker" daemon is /system-docker
    const consoleC = sys.containers.find((c) => c.name === 'console')!;
    expect(consoleC).toMatchObject({ memoryBytes: 229376, pids: 1, cgroupPath: `/system-docker/${consoleC.id}` });
  });

  it('joins: cgroup paths of every driver and the overlay upperdir name the container', () => {
    const web = docker.containers.find((c) => c.name === 'web')!;
    const ref = { engine: 'docker', id: web.id, name: 'web' };
    expect(new ContainerIndex([docker, sys]).forCgroup(`/docker/${web.id}`)).toEqual(ref);
    expect(new ContainerIndex([docker, sys]).forCgroup(`/system.slice/docker-${web.id}.scope`)).toEqual(ref);
    expect(new ContainerIndex([docker, sys]).forCgroup(`/machine.slice/libpod-${web.id}.scope/container`)).toEqual(ref);
    expect(new ContainerIndex([docker, sys]).forCgroup(`/machine.slice/libpod-conmon-${web.id}.scope`)).toBeNull();
    expect(new ContainerIndex([docker, sys]).forCgroup('/system.slice/sshd.service')).toBeNull();
    const consoleC = sys.containers.find((c) => c.name === 'console')!;
    expect(new ContainerIndex([docker, sys]).forUpperdir(consoleC.upperDir!)).toEqual({ engine: 'system-docker', id: consoleC.id, name: 'console' });
    expect(new ContainerIndex([docker, sys]).forUpperdir('/var/lib/docker/overlay2/nothing/diff')).toBeNull();
  });

  it('RancherOS services rows read like ros service ps', () => {
    const rows = rosServices(sys).map(({ name, command, state }) => [name, command, state.replace(/\d+ seconds?|Less than a second|About a minute|\d+ minutes?/, 'T')]);
    expect(rows).toEqual([
      ['console', "/bin/sh -c 'exec sleep 1000000'", 'Up T'],
      ['ntp', "/bin/sh -c 'exec sleep 1000001'", 'Up T'],
      ['system-volumes', 'echo', 'Created'],
      ['udev-cold', 'true', 'Exited (0) T ago'],
    ]);
  });
});

describe('engines that could not be read', () => {
  it('carry their reason as status and failure code; planned but unread ones too', () => {
    const plan = planEngines(
      { sockets: [{ path: '/var/run/docker.sock', access: 'rw' }, { path: '/var/run/system-docker.sock', access: 'denied' }], tools: {}, units: {} },
      { reach: 'socket' },
    );
    const engines = buildEngines(
      [{ socket: '/var/run/docker.sock', name: 'docker', via: 'api', answers: {}, failure: { code: 'refused' } }],
      plan,
      [],
    );
    expect(engines.map((e) => [e.name, e.status, e.failure])).toEqual([
      ['docker', 'down', { code: 'refused' }],
      ['system-docker', 'permission-denied', { code: 'permission-denied' }],
    ]);
    // The pane words the codes.
    expect(engines.map((e) => e.failure && engineFailureText(e.failure))).toEqual(['not running (connection refused)', 'permission denied — run with --sudo']);
  });

  it('a tool\'s own failure line is kept as detail and sanitized', () => {
    const [e] = buildEngines([{ socket: '/x.sock', name: 'x', via: 'cli', answers: {}, failure: { code: 'other', detail: 'boom\u001b[2J' } }], null, []);
    expect(e).toMatchObject({ status: 'error', failure: { code: 'other', detail: 'boom\\e[2J' } });
  });

  it('garbage answers become an error status, never a throw', () => {
    const issues: ParseIssue[] = [];
    const [e] = buildEngines([{ socket: '/x.sock', name: '/x\u001b[2J.sock', via: 'api', answers: { '/version': '<html>' } }], null, [], issues);
    expect(e).toMatchObject({ status: 'error', name: '/x\\e[2J.sock' });
    expect(issues[0]).toMatchObject({ code: 'api-not-json', source: '/x\\e[2J.sock' });
    expect(said(issues)[0].message).toMatch(/^\/x\\e\[2J\.sock: \/version: not JSON/);
  });

  it('answers stored by the CLI path build the same containers', () => {
    const inspect = JSON.parse(fx('cli/inspect.json')) as { Id: string }[];
    const answers: Record<string, string> = {
      '/version': JSON.stringify(JSON.parse(fx('cli/version.jsonl')).Server),
      '/info': fx('cli/info.jsonl'),
      '/containers/json?all=1': fx('cli/ps.jsonl'),
    };
    for (const o of inspect) answers[`/containers/${o.Id}/json`] = JSON.stringify(o);
    const [cli] = buildEngines([{ socket: '/var/run/docker.sock', name: 'docker', via: 'cli', answers }], null, cgroups);
    const [api] = buildEngines([raw[0]], null, cgroups);
    const pick = (e: typeof cli) => e.containers.map((c) => [c.id, c.name, c.image, c.state, c.memoryBytes, c.restarts, c.health, c.ports].join('|'));
    expect(pick(cli)).toEqual(pick(api));
    expect(cli.counts).toEqual(api.counts);
  });
});

describe('podman 4.3 (Docker-compatible API, cgroupfs manager), captured', () => {
  it('reads the engine and its containers; memory from libpod-<id>', () => {
    const raw = rawFrom('podman', 'podman', '/run/podman/podman.sock');
    const cg = JSON.parse(fx('podman/cgroups.json')) as CgroupFigures[];
    const issues: ParseIssue[] = [];
    const [e] = buildEngines([raw], null, cg, issues);
    expect(issues).toEqual([]);
    expect(e).toMatchObject({ name: 'podman', kind: 'podman', status: 'up', version: '4.3.1', apiVersion: '1.41', storageDriver: 'vfs', cgroupDriver: 'cgroupfs' });
    expect(e.containers.map((c) => [c.name, c.state, c.status.replace(/\d+ seconds?/, 'T')])).toEqual([
      ['pdone', 'exited', 'Exited (2) T ago'],
      ['pidle', 'created', 'Created'],
      ['pweb', 'running', expect.stringMatching(/^Up /)],
    ]);
    const web = e.containers.find((c) => c.name === 'pweb')!;
    expect(web).toMatchObject({ memoryBytes: 335872, pids: 1, labels: { app: 'demo' }, cgroupPath: `/libpod_parent/libpod-${web.id}` });
    expect(new ContainerIndex([e]).forCgroup(`/libpod_parent/libpod-${web.id}`)).toEqual({ engine: 'podman', id: web.id, name: 'pweb' });
  });
});

describe('old daemons', () => {
  it('without per-state counts in /info (API < 1.24) the list is counted', () => {
    const r = rawFrom('eng', 'docker', '/var/run/docker.sock');
    const info = JSON.parse(r.answers['/info']) as Record<string, unknown>;
    for (const k of ['ContainersRunning', 'ContainersPaused', 'ContainersStopped']) delete info[k];
    const [e] = buildEngines([{ ...r, answers: { ...r.answers, '/info': JSON.stringify(info) } }], null, []);
    expect(e.counts).toEqual({ running: 2, paused: 1, stopped: 2, images: 1 });
  });
});
