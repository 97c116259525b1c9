import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAnyContainerList, parseAnyInfo, parseCliPs, parseDockerInfoText } from '../../../parsers/docker-cli-output.js';
import { parseContainerList, parseVersion } from '../../../parsers/docker-api.js';
import { said } from './_support.js';

const fx = (p: string) => readFileSync(new URL(`../../fixtures/docker/${p}`, import.meta.url), 'utf8');

describe('docker CLI output', () => {
  it('ps JSON lines give the same containers as the API list of the same daemon', () => {
    const cli = parseCliPs(fx('cli/ps.jsonl'));
    expect(cli.issues).toEqual([]);
    const api = parseContainerList(fx('eng/containers.json')).value;
    const pick = (c: { id: string; name: string; image: string; state: string; ports: string; command: string }) =>
      [c.id, c.name, c.image, c.state, c.ports, c.command].join('|');
    expect(cli.value.map(pick).sort()).toEqual(api.map(pick).sort());
    const web = cli.value.find((c) => c.name === 'web')!;
    expect(web.labels).toEqual({ 'com.example.role': 'frontend', owner: 'ops' });
    expect(web.created).toBe(api.find((c) => c.name === 'web')!.created);
  });

  it('dispatches on the shape of the stored answer', () => {
    expect(parseAnyContainerList(fx('cli/ps.jsonl')).value).toHaveLength(5);
    expect(parseAnyContainerList(fx('eng/containers.json')).value).toHaveLength(5);
    expect(parseAnyInfo(fx('cli/info.jsonl')).value?.storageDriver).toBe('vfs');
    expect(parseAnyInfo(fx('seed/info-rancher.txt')).value?.storageDriver).toBe('overlay2');
  });

  it('version --format {{json .}} (whole object) reads the server part', () => {
    expect(parseVersion(fx('cli/version.jsonl')).value).toMatchObject({ version: '20.10.24+dfsg1', apiVersion: '1.41' });
  });

  it('reads the text docker info of the seed: Photon OS, CoreOS, RancherOS', () => {
    const photon = parseDockerInfoText(fx('seed/info-photon.txt'));
    expect(photon.issues).toEqual([]);
    expect(photon.value).toMatchObject({
      serverVersion: '18.06.2-ce', storageDriver: 'overlay2', backingFilesystem: 'extfs', rootDir: '/var/lib/docker',
      cgroupDriver: 'cgroupfs', containers: 0, running: 0, images: 0, operatingSystem: 'VMware Photon OS/Linux',
    });
    expect(parseDockerInfoText(fx('seed/info-coreos.txt')).value).toMatchObject({
      serverVersion: '18.06.3-ce', kernel: '4.19.86-coreos', operatingSystem: 'Container Linux by CoreOS 2303.3.0 (Rhyolite)',
    });
    expect(parseDockerInfoText(fx('seed/info-rancher.txt')).value).toMatchObject({
      serverVersion: '19.03.5', backingFilesystem: 'tmpfs', operatingSystem: 'RancherOS v1.5.5', name: 'rancher',
    });
  });

  it('reads the indented text of a current client, server part only', () => {
    const r = parseDockerInfoText(fx('cli/info.txt'));
    expect(r.value).toMatchObject({ serverVersion: '20.10.24+dfsg1', containers: 5, running: 2, paused: 1, stopped: 2, cgroupVersion: '1' });
  });

  it('a daemon that cannot be reached yields no info and a clear issue', () => {
    const r = parseDockerInfoText('Client:\n Debug Mode: false\n\nServer:\nERROR: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n');
    expect(r.value).toBeNull();
    expect(said(r.issues)[0].message).toMatch(/^ERROR: Cannot connect/);
  });
});
