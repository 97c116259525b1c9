import { describe, expect, it } from 'vitest';
import { parseEnginesDiscovery } from '../../../parsers/engines-discovery.js';
import { checkNeverThrows, fixture, probeSection, said } from './_support.js';

// Real outputs of the probe's engines section (test/fixtures/engines-discovery/README.md).
const socketActivated = fixture('engines-discovery/systemd-socket-activated.txt');
const unprivileged = fixture('engines-discovery/systemd-unprivileged.txt');
const twoRoot = fixture('engines-discovery/two-sockets-root.txt');
const twoUser = fixture('engines-discovery/two-sockets-user.txt');

describe('parseEnginesDiscovery', () => {
  it('reads a systemd host whose docker is socket-activated and containerd failed', () => {
    expect(parseEnginesDiscovery(socketActivated)).toEqual({
      value: {
        sockets: [{ path: '/var/run/docker.sock', access: 'rw' }],
        tools: {},
        units: {
          'docker.service': 'inactive',
          'docker.socket': 'active',
          'podman.service': 'inactive',
          'podman.socket': 'inactive',
          'containerd.service': 'failed',
        },
      },
      issues: [],
    });
  });

  it('reads the unit line that runs together when systemctl prints no state', () => {
    const r = parseEnginesDiscovery(unprivileged);
    expect(r.issues).toEqual([]);
    expect(r.value.sockets).toEqual([{ path: '/var/run/docker.sock', access: 'denied' }]);
    expect(r.value.units).toEqual({
      'docker.service': '',
      'docker.socket': '',
      'podman.service': '',
      'podman.socket': '',
      'containerd.service': '',
    });
  });

  it('reads two sockets (RancherOS-like) as root and as an unprivileged user, with tools', () => {
    const root = parseEnginesDiscovery(twoRoot);
    expect(root.issues).toEqual([]);
    expect(root.value.sockets).toEqual([
      { path: '/var/run/docker.sock', access: 'rw' },
      { path: '/var/run/system-docker.sock', access: 'rw' },
    ]);
    expect(root.value.tools).toEqual({ docker: '/usr/local/bin/docker', curl: '/usr/bin/curl', sudo: '/usr/bin/sudo' });
    expect(root.value.units).toEqual({});
    expect(parseEnginesDiscovery(twoUser).value.sockets[1]).toEqual({ path: '/var/run/system-docker.sock', access: 'denied' });
  });

  it('reads the recorded probe section (no socket on this machine)', () => {
    const r = parseEnginesDiscovery(probeSection('local-dash.txt', 'engines'));
    expect(r).toEqual({
      value: { sockets: [], tools: { docker: '/usr/local/bin/docker', curl: '/usr/bin/curl', sudo: '/usr/bin/sudo' }, units: {} },
      issues: [],
    });
  });

  it('reports bad lines with their numbers, keeps odd names as data, and escapes controls', () => {
    const r = parseEnginesDiscovery(
      'socket /run/x.sock maybe\nwhat is this\ntool docker\nunit\ntool __proto__ /bin/p\nsocket /run/user/1000/podman/podman.sock rw\nunit \u001b[2Jx.service active\n',
    );
    expect(r.value.sockets).toEqual([{ path: '/run/user/1000/podman/podman.sock', access: 'rw' }]);
    expect(Object.entries(r.value.tools)).toEqual([['__proto__', '/bin/p']]);
    expect(r.value.units).toEqual({ '\\e[2Jx.service': 'active' });
    expect(said(r.issues)).toEqual([
      { line: 1, message: 'socket line without a path and rw|denied: "socket /run/x.sock maybe"' },
      { line: 2, message: 'unknown engines discovery line: "what is this"' },
      { line: 3, message: 'tool line without a name and path: "tool docker"' },
      { line: 4, message: 'unit line without a unit name' },
    ]);
  });

  it('never throws and returns only sanitized strings on random input', () => {
    checkNeverThrows(parseEnginesDiscovery, [socketActivated, unprivileged, twoRoot]);
  });
});
