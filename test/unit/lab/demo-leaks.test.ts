// The demo leak check on real recordings: a RancherOS demo recorded from the
// shared lab (it shows the recording machine `vm`, its checkout, lab paths and
// cgroups) and the bundled demos, recorded in hosts of their own.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoLeaks, type RecordingMachine } from '../../lab/lib/demo-leaks.js';
import { buildModel } from '../../../src/model/build.js';
import { parseSnapshot } from '../../../src/snapshot/file.js';

const ROOT = join(import.meta.dirname, '../../..');

function load(rel: string): { text: string; model: ReturnType<typeof buildModel> } {
  const text = readFileSync(join(ROOT, rel), 'utf8');
  return { text, model: buildModel(parseSnapshot(text, rel)) };
}

/** The machine both recordings were made on, as the recorder describes it. */
const VM: RecordingMachine = {
  hostname: 'vm',
  users: ['builder'],
  paths: ['/work/main', '/work/lab-state', '/run/cosi-lab'],
  cgroups: [
    '/docker',
    '/docker/e87f0abefc7093fc140bf6d8ec7c716f002781028b981dac4e06f08b20b8c3b5',
    '/libpod_parent',
    '/process_api',
    '/system-docker',
    '/cosi-demo-rancheros',
    '/cosi-demo-coreos',
  ],
};

describe('demoLeaks', () => {
  it('finds the recording machine in a demo recorded from the shared lab', () => {
    const { text, model } = load('test/fixtures/demo-leaks/rancheros-recorded-on-vm.cosi.json');
    const leaks = demoLeaks(text, model, VM, { init: 'dockerd' });
    const kinds = leaks.map((l) => l.replace(/[:(].*/s, '').trim());
    expect(kinds).toEqual([
      'hostname',
      "the recording machine's hostname vm",
      'path /work/main',
      'path /run/cosi-lab',
      'cgroups of the recording machine, outside the demo host',
    ]);
    const cgroups = leaks.at(-1) ?? '';
    expect(cgroups).toContain('/libpod_parent');
    expect(cgroups).toContain('/process_api');
    expect(cgroups).toContain('/system-docker');
    expect(cgroups).toContain('/docker/e87f0abefc70');
    // the system-docker's own containers hold its processes: they are the demo host's
    expect(cgroups).not.toMatch(/\/docker[,)]/);
  });

  it('says which PID 1 it saw when the probe ran outside the demo host', () => {
    const { text, model } = load('test/fixtures/demo-leaks/rancheros-recorded-on-vm.cosi.json');
    expect(demoLeaks(text, model, VM, { init: 'systemd' })).toContain(
      'PID 1 is dockerd, not systemd: the probe saw processes outside the demo host',
    );
  });

  it('does not take a word that merely contains the hostname for it', () => {
    const { model } = load('test/fixtures/demo-leaks/rancheros-recorded-on-vm.cosi.json');
    const clean = { ...model, identity: { ...model.identity, hostname: 'rancher' } };
    const text = 'vmalloc /proc/sys/vm/overcommit_memory kvm vm.max_map_count Vmalloc';
    const none: RecordingMachine = { ...VM, paths: [], cgroups: [] };
    expect(demoLeaks(text, clean, none, { init: 'dockerd' })).toEqual([]);
    expect(demoLeaks('hostname=vm\n', clean, none, { init: 'dockerd' })).toHaveLength(1);
  });

  it.each([
    ['demo/rancheros.cosi.json', 'dockerd'],
    ['demo/coreos.cosi.json', 'systemd'],
  ])('finds nothing in the bundled %s', (file, init) => {
    const { text, model } = load(file);
    expect(demoLeaks(text, model, VM, { init })).toEqual([]);
  });
});
