import { describe, expect, it } from 'vitest';
import { parseEnginesDiscovery } from '../../../parsers/engines-discovery.js';
import { planEngines } from '../../../src/engines/plan.js';
import { fixture } from '../parsers/_support.js';

// Opening a socket that systemd activates starts the daemon: cosi must not. A rootless podman
// socket was connected to whatever its user units said, and an empty or unknown unit state on a
// systemd host meant "connect". Now only a unit known to be running (or a socket unit known not to
// be listening) lets cosi connect.
const plan = (file: string) => planEngines(parseEnginesDiscovery(fixture(`engines-discovery/${file}`)).value, { reach: 'socket' });

describe('rootless podman on a systemd host', () => {
  it('a socket-activated user socket (podman.socket active, podman.service inactive) is not opened', () => {
    expect(plan('rootless-socket-activated.txt')).toEqual([
      expect.objectContaining({ name: 'podman (uid 1000)', method: { kind: 'none' }, status: 'socket-activated', failure: { code: 'socket-activated' } }),
    ]);
  });

  it('a running user service is read', () => {
    expect(plan('rootless-running.txt')[0]).toMatchObject({ name: 'podman (uid 1000)', method: { kind: 'api' }, status: null });
  });

  it('user units nobody could ask about are not opened (fail closed)', () => {
    expect(plan('rootless-unasked.txt')[0]).toMatchObject({ method: { kind: 'none' }, status: 'unknown', failure: { code: 'unit-unknown' } });
  });
});

describe('system units with an empty or unknown state', () => {
  it('systemctl printed nothing (no bus): the docker socket is not opened', () => {
    const p = planEngines(parseEnginesDiscovery(fixture('engines-discovery/systemd-unprivileged.txt')).value, { reach: 'socket', sudo: true });
    expect(p[0]).toMatchObject({ name: 'docker', method: { kind: 'none' }, status: 'unknown' });
  });

  it('a state systemd does not print is unknown too', () => {
    const d = parseEnginesDiscovery('socket /run/docker.sock rw\ninit systemd\nunit docker.service weird\nunit docker.socket \n').value;
    expect(planEngines(d, { reach: 'socket' })[0]).toMatchObject({ status: 'unknown' });
  });

  it('a daemon started by hand (its socket unit inactive) is read, and so is one whose service runs', () => {
    const manual = parseEnginesDiscovery('socket /run/docker.sock rw\ninit systemd\nunit docker.service inactive\nunit docker.socket inactive\n').value;
    expect(planEngines(manual, { reach: 'socket' })[0]).toMatchObject({ method: { kind: 'api' } });
    expect(planEngines(parseEnginesDiscovery(fixture('engines-discovery/systemd-socket-activated.txt')).value, { reach: 'socket' })[0]).toMatchObject({ status: 'socket-activated' });
  });

  it('without systemd (RancherOS, busybox) sockets are read as before', () => {
    const d = parseEnginesDiscovery('socket /run/user/1000/podman/podman.sock rw\nsocket /run/docker.sock rw\ninit init\n').value;
    expect(planEngines(d, { reach: 'socket' }).map((e) => e.method.kind)).toEqual(['api', 'api']);
  });
});
