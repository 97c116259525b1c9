import { afterEach, describe, expect, it } from 'vitest';
import { collectEngines } from '../../../src/engines/collect.js';
import { engineCollector } from '../../../src/cli/engine-hook.js';
import { buildEngines } from '../../../src/model/engines.js';
import { planEngines } from '../../../src/engines/plan.js';
import { capturedAnswers, connectUnix, startFakeDaemon, type FakeDaemon } from './fake-daemon.js';

const fakes: FakeDaemon[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
});
async function fake(routes: FakeDaemon['routes']) {
  const f = await startFakeDaemon(routes);
  fakes.push(f);
  return f;
}

describe('collectEngines over sockets', () => {
  it('reads two daemons side by side: version, info, list and every container inspected', async () => {
    const docker = await fake(capturedAnswers('eng'));
    const sys = await fake(capturedAnswers('sys'));
    const plan = planEngines(null, { reach: 'socket', engines: [docker.socket, sys.socket] });
    const raw = await collectEngines(plan, { kind: 'socket', connect: connectUnix });
    expect(raw.map((r) => [r.socket, r.via, r.failure])).toEqual([[docker.socket, 'api', undefined], [sys.socket, 'api', undefined]]);
    expect(raw[0].answers).toEqual(capturedAnswers('eng'));
    expect(raw[1].answers).toEqual(capturedAnswers('sys'));
  });

  it('one engine that stops answering only marks itself; the other goes on', async () => {
    const docker = await fake(capturedAnswers('eng'));
    const stuck = await fake({ '/version': 'hang' });
    const plan = planEngines(null, { reach: 'socket', engines: [stuck.socket, '/nonexistent/gone.sock', docker.socket] });
    const raw = await collectEngines(plan, { kind: 'socket', connect: connectUnix }, { limits: { timeoutMs: 300, maxBytes: 1 << 20 } });
    expect(raw.map((r) => r.failure ?? 'ok')).toEqual([{ code: 'other', detail: 'no answer to /version within 300 ms' }, { code: 'no-socket' }, 'ok']);
    const engines = buildEngines(raw, plan, []);
    expect(engines.map((e) => e.status)).toEqual(['error', 'down', 'up']);
    expect(engines[2].containers).toHaveLength(5);
  });

  it('never connects to a socket-activated or permission-denied socket', async () => {
    const plan = planEngines(
      {
        sockets: [{ path: '/var/run/docker.sock', access: 'rw' }, { path: '/var/run/system-docker.sock', access: 'denied' }],
        tools: {},
        units: { 'docker.socket': 'active', 'docker.service': 'inactive' },
      },
      { reach: 'socket' },
    );
    const tried: string[] = [];
    const raw = await collectEngines(plan, { kind: 'socket', connect: (p) => (tried.push(p), Promise.reject(new Error('must not connect'))) });
    expect(tried).toEqual([]);
    expect(raw.map((r) => [r.name, r.via, r.failure])).toEqual([
      ['docker', 'none', { code: 'socket-activated' }],
      ['system-docker', 'none', { code: 'permission-denied' }],
    ]);
  });

  it('reuses last tick\'s inspect answers for containers whose row did not change', async () => {
    const docker = await fake(capturedAnswers('eng'));
    const plan = planEngines(null, { reach: 'socket', engines: [docker.socket] });
    const first = await collectEngines(plan, { kind: 'socket', connect: connectUnix });
    docker.requests.length = 0;
    const second = await collectEngines(plan, { kind: 'socket', connect: connectUnix }, { previous: first });
    expect(docker.requests.sort()).toEqual(['/containers/json?all=1', '/info', '/version']);
    expect(second[0].answers).toEqual(first[0].answers);
  });

  it('a container removed between list and inspect still shows from the list', async () => {
    const answers = capturedAnswers('eng');
    const routes: FakeDaemon['routes'] = { ...answers };
    const webKey = Object.keys(answers).find((k) => k.startsWith('/containers/93c30aba3990'))!;
    routes[webKey] = { status: 404, body: '{"message":"No such container"}' };
    const docker = await fake(routes);
    const raw = await collectEngines(planEngines(null, { reach: 'socket', engines: [docker.socket] }), { kind: 'socket', connect: connectUnix });
    expect(raw[0].failure).toBeUndefined();
    const [e] = buildEngines(raw, null, []);
    expect(e.containers.find((c) => c.name === 'web')).toMatchObject({ state: 'running', health: null, restarts: null });
  });
});

describe('engineCollector (the ProbeTransport hook cosi connects with)', () => {
  it('plans from the tick\'s engines section and inspects only changed containers on the next tick', async () => {
    const docker = await fake(capturedAnswers('eng'));
    const collect = engineCollector({ engines: [], sudo: false, socket: connectUnix });
    const section = (text: string) => ({ engines: { text, rc: 0, truncated: false, bytes: text.length, ms: 1 } });
    const tick1 = await collect(section(`socket ${docker.socket} rw\ntool docker /usr/bin/docker\n`));
    expect(tick1.map((r) => [r.socket, r.via, r.failure])).toEqual([[docker.socket, 'api', undefined]]);
    const inspected = docker.requests.filter((r) => r.startsWith('/containers/') && r !== '/containers/json?all=1').length;
    expect(inspected).toBe(5);
    docker.requests.length = 0;
    await collect(section(`socket ${docker.socket} rw\n`));
    expect(docker.requests.sort()).toEqual(['/containers/json?all=1', '/info', '/version']);
    const denied = await collect(section(`socket ${docker.socket} denied\n`));
    expect(denied[0]).toMatchObject({ via: 'none', failure: { code: 'permission-denied' } });
  });
});

describe('a socket the SSH server will not forward', () => {
  it('is read through the shell instead (docker CLI), other engines stay on the API', async () => {
    const docker = await fake(capturedAnswers('eng'));
    const plan = planEngines(
      { sockets: [{ path: '/var/run/docker.sock', access: 'rw' }, { path: docker.socket, access: 'rw' }], tools: { docker: '/usr/bin/docker' }, units: {} },
      { reach: 'socket' },
    );
    expect(plan[0].fallback).toEqual({ kind: 'cli', tool: '/usr/bin/docker', sudo: false });
    const scripts: string[] = [];
    const raw = await collectEngines(plan, [
      { kind: 'socket', connect: (p) => (p === docker.socket ? connectUnix(p) : Promise.reject(new Error('rancher@h: cannot open /var/run/docker.sock over ssh: (SSH) Channel open failure: open failed'))) },
      // the host's docker CLI says the daemon is down: that reason replaces "open failed"
      { kind: 'shell', run: async (script, term) => (scripts.push(script), replyDown(script, term)) },
    ]);
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).toContain("'/usr/bin/docker' -H 'unix:///var/run/docker.sock' version");
    expect(raw.map((r) => [r.via, r.failure?.code ?? 'ok'])).toEqual([['cli', 'refused'], ['api', 'ok']]);
  });
});

/** What the engine script prints when `docker version` fails with the daemon down. */
function replyDown(script: string, terminator: string): string {
  const nonce = terminator.split(':')[1];
  const f = `@@COSIENG:${nonce}`;
  expect(script).toContain(f);
  return `\n${f}:B:0:/version\n\n${f}:E:0:1:/version\nCannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n${f}:F:0\n\n${terminator}\n`;
}
