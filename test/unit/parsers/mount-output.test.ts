import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMountOutput } from '../../../parsers/mount-output.js';
import { parseMountinfo } from '../../../parsers/mountinfo.js';
import { checkNeverThrows, fixture } from './_support.js';

describe('parseMountOutput', () => {
  // Seed transcript (seed/000_97c8c9881bdbfa69.txt): `mount` in the RancherOS 1.5 console container.
  it('reads the seed\'s RancherOS console mount list', () => {
    const r = parseMountOutput(fixture('mount/seed-rancheros.txt'));
    expect(r.issues).toEqual([]);
    expect(r.value).toHaveLength(63);
    expect(r.value[0]).toMatchObject({ source: 'overlay', target: '/', fstype: 'overlay' });
    expect(r.value[0].options).toMatch(/^rw,relatime,lowerdir=\/var\/lib\/system-docker\/overlay2\/l\/TBWLXSEPWSCBGMNSU37HJXNRO3:/);
    expect(r.value[0].options).toMatch(/,workdir=\/var\/lib\/system-docker\/overlay2\/fc79b6b6.*\/work$/);
    expect(r.value.find((m) => m.target === '/sys/fs/cgroup/net_cls,net_prio')).toEqual({
      source: 'none',
      target: '/sys/fs/cgroup/net_cls,net_prio',
      fstype: 'cgroup',
      options: 'rw,nosuid,nodev,noexec,relatime,net_cls,net_prio',
    });
    expect(r.value.filter((m) => m.source === '/dev/sda1')).toHaveLength(27);
    expect(r.value.find((m) => m.target === '/usr/bin/ros')?.options).toBe('ro,relatime,data=ordered');
  });

  it('reads util-linux and busybox mount on this machine, sources and targets with spaces', () => {
    for (const file of ['mount/spaces.txt', 'mount/busybox-spaces.txt']) {
      const r = parseMountOutput(fixture(file));
      expect(r.issues).toEqual([]);
      expect(r.value.find((m) => m.source === 'src with space')).toEqual({
        source: 'src with space',
        target: '/tmp/cosi-mi/with space',
        fstype: 'tmpfs',
        options: 'rw,relatime',
      });
      expect(r.value.find((m) => m.target === '/tmp/cosi-mi/a very long mount point name that goes on and on')?.options).toBe(
        'rw,relatime,size=2097152k',
      );
    }
    // busybox prints a tab raw: it reaches the model as a visible escape.
    expect(parseMountOutput(fixture('mount/busybox-spaces.txt')).value.some((m) => m.target === '/tmp/cosi-mi/tab\\there')).toBe(true);
  });

  it('ignores a `mount -l` label and reports lines that are not mounts', () => {
    const r = parseMountOutput('/dev/sda1 on / type ext4 (rw,relatime) [ROOT]\nmount: permission denied\n/dev/sdb on /x type (rw)\n');
    expect(r.value).toEqual([{ source: '/dev/sda1', target: '/', fstype: 'ext4', options: 'rw,relatime' }]);
    expect(r.issues.map((i) => i.line)).toEqual([2, 3]);
    expect(r.issues[0].message).toBe('not "SRC on TARGET type FS (OPTS)": mount: permission denied');
  });

  it('never throws on random, binary and truncated input', () => {
    checkNeverThrows(parseMountOutput, [fixture('mount/seed-rancheros.txt'), fixture('mount/busybox-spaces.txt')]);
  });
});

const canUnshare = spawnSync('unshare', ['-m', '--propagation', 'private', 'true']).status === 0;
const hasBusybox = spawnSync('busybox', ['true']).status === 0;

describe.runIf(canUnshare)('agrees with mountinfo on a live mount namespace', () => {
  it('util-linux mount and busybox mount list the same targets and types as mountinfo', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cosi-mount-'));
    const script = `set -e
cd "$1"; mkdir "with space" plain
mount -t tmpfs "src with space" "with space"; mount -t tmpfs -o size=1m plainsrc plain
cat /proc/self/mountinfo; echo @@MOUNT; mount; echo @@BUSYBOX; ${hasBusybox ? 'busybox mount' : 'mount'}`;
    const r = spawnSync('unshare', ['-m', '--propagation', 'private', 'sh', '-c', script, 'sh', dir], { encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    expect(r.status, r.stderr).toBe(0);
    const [mi, rest] = r.stdout.split('@@MOUNT\n');
    const [util, bb] = rest.split('@@BUSYBOX\n');
    const expected = parseMountinfo(mi).value.map((m) => [m.target, m.fstype]);
    for (const out of [util, bb]) {
      const p = parseMountOutput(out);
      expect(p.issues).toEqual([]);
      expect(p.value.map((m) => [m.target, m.fstype])).toEqual(expected);
    }
    expect(expected).toContainEqual([`${dir}/with space`, 'tmpfs']);
  });
});
