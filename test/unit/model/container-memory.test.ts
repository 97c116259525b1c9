import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCgroups } from '../../../parsers/cgroups.js';
import { buildEngines, dockerStatsMemory } from '../../../src/model/engines.js';
import { bytes } from '../../../views/present/format.js';
import { rawFrom } from '../../fixtures/docker/raw.js';

// Real: the lab's user docker and the cgroups section read in the same moment, with 16 MiB just
// written into web's /tmp (test/fixtures/cgroups/README.md). docker stats then said web
// "808KiB / 64MiB" and coreos "10.01MiB / 23.54GiB".
const cgroups = parseCgroups(readFileSync(join(import.meta.dirname, '../../fixtures/cgroups/v1-lab-docker-memory.txt'), 'utf8')).value.groups;
const [docker] = buildEngines([rawFrom('lab-memory', 'docker', '/var/run/docker.sock')], null, cgroups);
const byName = (n: string) => docker.containers.find((c) => c.name === n)!;

describe('container memory as docker stats shows it', () => {
  it('usage less the inactive file cache, with the raw usage, the cache and the limit beside it', () => {
    expect(byName('web')).toMatchObject({ memoryBytes: 827392, memoryUsageBytes: 17604608, memoryCacheBytes: 16777216, limits: { memoryBytes: 64 * 1024 * 1024 } });
    expect(bytes(byName('web').memoryBytes)).toBe('808Ki');
    expect(byName('coreos')).toMatchObject({ memoryBytes: 10493952, memoryUsageBytes: 18882560, memoryCacheBytes: 8388608, limits: { memoryBytes: null } });
    expect((byName('coreos').memoryBytes! / 1024 / 1024).toFixed(2)).toBe('10.01');
  });

  it('an exited container has no figure', () => {
    expect(byName('batch')).toMatchObject({ state: 'exited', memoryBytes: null, memoryUsageBytes: null });
  });

  it('as docker/cli counts it: a cache as large as the usage is not taken off; without memory.stat the usage shows', () => {
    expect(dockerStatsMemory(1000, 1000).memoryBytes).toBe(1000);
    expect(dockerStatsMemory(1000, 999).memoryBytes).toBe(1);
    expect(dockerStatsMemory(1000, null)).toEqual({ memoryBytes: 1000, memoryUsageBytes: 1000, memoryCacheBytes: null });
    expect(dockerStatsMemory(null, 5).memoryBytes).toBeNull();
  });
});
