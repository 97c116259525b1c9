import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiErrorMessage, formatPorts, parseContainerList, parseInfoJson, parseInspect, parseVersion } from '../../../parsers/docker-api.js';
import { said } from './_support.js';

const fx = (p: string) => readFileSync(new URL(`../../fixtures/docker/${p}`, import.meta.url), 'utf8');

describe('Docker API answers captured from a real dockerd 20.10', () => {
  it('reads /version', () => {
    const r = parseVersion(fx('eng/version.json'));
    expect(r.issues).toEqual([]);
    expect(r.value).toMatchObject({ version: '20.10.24+dfsg1', apiVersion: '1.41', os: 'linux', arch: 'amd64' });
  });

  it('reads /info of a vfs daemon and of an overlay2 daemon on tmpfs (like RancherOS)', () => {
    const eng = parseInfoJson(fx('eng/info.json')).value!;
    expect(eng).toMatchObject({ storageDriver: 'vfs', backingFilesystem: null, rootDir: '/tmp/eng-docker', cgroupDriver: 'cgroupfs', cgroupVersion: '1' });
    expect([eng.containers, eng.running, eng.paused, eng.stopped, eng.images]).toEqual([5, 2, 1, 2, 1]);
    const sys = parseInfoJson(fx('sys/info.json')).value!;
    expect(sys).toMatchObject({ storageDriver: 'overlay2', backingFilesystem: 'tmpfs', rootDir: '/tmp/eng-sysroot/data' });
  });

  it('lists every container with its name, state, status and ports as docker ps shows them', () => {
    const r = parseContainerList(fx('eng/containers.json'));
    expect(r.issues).toEqual([]);
    const byName = Object.fromEntries(r.value.map((c) => [c.name, c]));
    expect(Object.keys(byName).sort()).toEqual(['api', 'done', 'never-started', 'web', 'weird']);
    expect(byName.api.ports).toBe('0.0.0.0:18443->443/udp, 127.0.0.1:18080->80/tcp, [::]:18443->443/udp');
    expect(byName.api.networks).toEqual(['engnet']);
    expect(byName.done).toMatchObject({ state: 'exited', image: 'cosi/busybox:1', command: "sh -c 'exit 3'" });
    expect(byName.done.status).toMatch(/^Exited \(3\) /);
    expect(byName['never-started']).toMatchObject({ state: 'created', status: 'Created' });
    expect(byName.weird.state).toBe('paused');
    expect(byName.web.labels).toEqual({ 'com.example.role': 'frontend', owner: 'ops' });
    expect(byName.web.id).toMatch(/^93c30aba3990[0-9a-f]{52}$/);
  });

  it('reads the inspect detail: restarts, health, mounts, env, labels, upper dir', () => {
    const web = parseInspect(fx('eng/inspect-93c30aba3990.json')).value!;
    expect(web).toMatchObject({ name: 'web', state: 'running', restarts: 0, health: 'healthy', image: 'cosi/busybox:1' });
    expect(web.command).toBe('sh -c while :; do sleep 5; done');
    expect(web.mounts).toEqual([{ source: '/tmp/eng/data', destination: '/data', mode: 'ro', rw: false }]);
    expect(web.env).toContainEqual({ name: 'SECRET_TOKEN', value: 'hunter2' });
    expect(web.labels.owner).toBe('ops');
    const done = parseInspect(fx('eng/inspect-69fd2af0f8eb.json')).value!;
    expect(done).toMatchObject({ state: 'exited', exitCode: 3, pid: null, health: null });
    const files = readdirSync(new URL('../../fixtures/docker/sys/', import.meta.url)).filter((f) => f.startsWith('inspect-'));
    const uppers = files.map((f) => parseInspect(fx(`sys/${f}`)).value!.upperDir);
    expect(uppers.every((u) => u !== null && /^\/tmp\/eng-sysroot\/data\/overlay2\/[0-9a-f]{64}\/diff$/.test(u))).toBe(true);
  });

  it('accepts docker inspect output (an array of one)', () => {
    const one = `[${fx('eng/inspect-93c30aba3990.json')}]`;
    expect(parseInspect(one).value?.name).toBe('web');
  });

  it('never throws on garbage and says what it could not read', () => {
    for (const bad of ['', 'not json', '{"a":1}', '[1,2]', 'null']) {
      expect(() => parseVersion(bad)).not.toThrow();
      expect(parseVersion(bad).value).toBeNull();
      expect(parseInspect(bad).value).toBeNull();
      expect(parseInspect(bad).issues.length).toBeGreaterThan(0);
    }
    expect(parseContainerList('[1,{"Id":"abc","Names":["/x"]}]').value.map((c) => c.name)).toEqual(['x']);
    expect(said(parseContainerList('[1]').issues)[0].message).toMatch(/entry 1 has no Id/);
  });

  it('sanitizes host strings: a container name cannot move the cursor', () => {
    const list = parseContainerList(JSON.stringify([{ Id: 'a1', Names: ['/evil\u001b[2J'], Image: 'x\u0007', State: 'running', Status: 'Up' }]));
    expect(list.value[0].name).toBe('evil\\e[2J');
    expect(list.value[0].image).toBe('x\\x07');
  });

  it('formats unpublished ports and API error bodies', () => {
    expect(formatPorts([{ PrivatePort: 80, Type: 'tcp' }])).toBe('80/tcp');
    expect(apiErrorMessage('{"message":"No such container: abc"}\n')).toBe('No such container: abc');
  });
});
