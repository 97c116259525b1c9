import { describe, expect, it } from 'vitest';
import { labelSocket, planEngines } from '../../../src/engines/plan.js';
import type { EnginesDiscovery } from '../../../parsers/engines-discovery.js';

const rancher: EnginesDiscovery = {
  sockets: [
    { path: '/var/run/docker.sock', access: 'rw' },
    { path: '/var/run/system-docker.sock', access: 'denied' },
  ],
  tools: { docker: '/usr/bin/docker', 'system-docker': '/usr/bin/system-docker', sudo: '/usr/bin/sudo' },
  units: {},
};

describe('engine plan', () => {
  it('labels sockets and dedupes /var/run against /run', () => {
    expect(labelSocket('/var/run/system-docker.sock')).toEqual({ name: 'system-docker', kind: 'system-docker' });
    expect(labelSocket('/run/user/1000/podman/podman.sock')).toEqual({ name: 'podman (uid 1000)', kind: 'podman' });
    expect(labelSocket('/srv/my/engine.sock')).toEqual({ name: '/srv/my/engine.sock', kind: 'other' });
    const p = planEngines(rancher, { reach: 'socket', engines: ['/run/docker.sock', '/srv/x.sock'] });
    expect(p.map((e) => [e.name, e.socket])).toEqual([
      ['docker', '/var/run/docker.sock'],
      ['system-docker', '/var/run/system-docker.sock'],
      ['/srv/x.sock', '/srv/x.sock'],
    ]);
  });

  it('RancherOS as rancher: docker over the API, system-docker permission denied without --sudo', () => {
    const p = planEngines(rancher, { reach: 'socket' });
    expect(p[0]).toMatchObject({ name: 'docker', method: { kind: 'api' }, status: null });
    expect(p[1]).toMatchObject({ name: 'system-docker', method: { kind: 'none' }, status: 'permission-denied', failure: { code: 'permission-denied' } });
  });

  it('with --sudo the root-only socket is read by sudo -n docker in the shell', () => {
    const p = planEngines(rancher, { reach: 'socket', sudo: true });
    expect(p[0].method).toEqual({ kind: 'api' });
    expect(p[1].method).toEqual({ kind: 'cli', tool: '/usr/bin/docker', sudo: true });
  });

  it('--sudo without sudo on the host says so', () => {
    const p = planEngines({ ...rancher, tools: { docker: '/usr/bin/docker' } }, { reach: 'socket', sudo: true });
    expect(p[1]).toMatchObject({ status: 'error', failure: { code: 'no-sudo' } });
  });

  it('never wakes a socket-activated docker (Fedora CoreOS, Flatcar)', () => {
    const fcos: EnginesDiscovery = {
      sockets: [{ path: '/var/run/docker.sock', access: 'rw' }],
      tools: { docker: '/usr/bin/docker' },
      units: { 'docker.service': 'inactive', 'docker.socket': 'active' },
    };
    expect(planEngines(fcos, { reach: 'socket' })[0]).toMatchObject({ method: { kind: 'none' }, status: 'socket-activated', failure: { code: 'socket-activated' } });
    // an explicit --engine of the same socket does not wake it either
    expect(planEngines(fcos, { reach: 'shell', engines: ['/run/docker.sock'] })).toHaveLength(1);
    const running = { ...fcos, units: { 'docker.service': 'active', 'docker.socket': 'active' } };
    expect(planEngines(running, { reach: 'socket' })[0].method).toEqual({ kind: 'api' });
  });

  it('through the shell (--via) uses the docker CLI, else curl, else says nothing can read it', () => {
    expect(planEngines(rancher, { reach: 'shell' })[0].method).toEqual({ kind: 'cli', tool: '/usr/bin/docker', sudo: false });
    const curlOnly = { ...rancher, tools: { curl: '/usr/bin/curl' } };
    expect(planEngines(curlOnly, { reach: 'shell' })[0].method).toEqual({ kind: 'curl', tool: '/usr/bin/curl', sudo: false });
    expect(planEngines({ ...rancher, tools: {} }, { reach: 'shell' })[0]).toMatchObject({ status: 'error', failure: { code: 'no-tool' } });
  });

  it('no discovery: only the user sockets, tried', () => {
    expect(planEngines(null, { reach: 'socket', engines: ['/tmp/a.sock'] })).toMatchObject([{ socket: '/tmp/a.sock', method: { kind: 'api' } }]);
    expect(planEngines(null, { reach: 'socket' })).toEqual([]);
  });
});
