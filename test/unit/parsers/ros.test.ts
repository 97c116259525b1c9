import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRosServicePs } from '../../../parsers/ros.js';

const seed = readFileSync(new URL('../../fixtures/docker/seed/ros-service-ps.txt', import.meta.url), 'utf8');

describe('ros service ps (RancherOS transcript, columns collapsed to single spaces)', () => {
  const r = parseRosServicePs(seed);

  it('reads every service with its command and state', () => {
    expect(r.value).toHaveLength(20);
    expect(r.value[0]).toEqual({ name: 'docker', command: 'ros user-docker', state: 'Up 9 minutes', ports: '' });
    expect(r.value.find((s) => s.name === 'subscriber')).toEqual({
      name: 'subscriber', command: '/usr/bin/ros entrypoint os-subscriber', state: 'Exited (0) 2 minutes ago', ports: '',
    });
    expect(r.value.find((s) => s.name === 'logrotate')?.state).toBe('Created');
    expect(r.value.find((s) => s.name === 'logrotate')?.command).toBe('/usr/bin/entrypoint.sh /usr/sbin/logrotate -v /etc/logrotate.conf');
  });

  it('the cut-off last row keeps its command and is reported', () => {
    expect(r.value[19]).toEqual({ name: 'all-volumes', command: '/usr/bin/ros entrypoint echo', state: '', ports: '' });
    expect(r.issues).toEqual([{ line: 21, message: 'ros service ps: no state found for all-volumes' }]);
  });

  it('reads padded columns with ports', () => {
    const t = 'Name      Command            State          Ports\nweb       /bin/httpd -f      Up 2 hours     0.0.0.0:80->80/tcp\n';
    expect(parseRosServicePs(t).value).toEqual([{ name: 'web', command: '/bin/httpd -f', state: 'Up 2 hours', ports: '0.0.0.0:80->80/tcp' }]);
  });
});
