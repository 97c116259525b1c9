import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDf, type DfEntry } from '../../../parsers/df.js';
import { checkNeverThrows, fixture, probeSection, said } from './_support.js';

const KiB = 1024;
const MiB = 1024 ** 2;
const GiB = 1024 ** 3;
const at = (entries: DfEntry[], target: string) => entries.find((e) => e.target === target);

describe('parseDf', () => {
  it('reads df -kP of this machine (procps/coreutils header)', () => {
    const r = parseDf(fixture('df/local-kP.txt'));
    expect(r.issues).toEqual([]);
    expect(r.value).toHaveLength(8);
    expect(at(r.value, '/')).toEqual({ source: '/dev/vda', target: '/', sizeBytes: 264212084 * KiB, usedBytes: 23363752 * KiB, availBytes: 83027160 * KiB });
    expect(at(r.value, '/mnt/sandboxing/model_tools_env/v1/python')?.source).toBe('model_tools_unavailable');
  });

  it('reads the df section of a recorded probe', () => {
    const r = parseDf(probeSection('local-dash.txt', 'df'));
    expect(r.issues).toEqual([]);
    expect(r.value.map((e) => e.target)).toEqual(['/dev', '/dev/shm', '/', '/mnt/sandboxing/model_tools_env/v1/python', '/sys/fs/cgroup']);
  });

  it('reads busybox df -kP, plain df (1K-blocks) and plain busybox df, which wraps long names', () => {
    for (const file of ['df/busybox-kP.txt', 'df/busybox.txt', 'df/local.txt']) {
      const r = parseDf(fixture(file));
      expect(r.issues, file).toEqual([]);
      expect(at(r.value, '/mnt/sandboxing/model_tools_env/v1/python'), file).toEqual({
        source: 'model_tools_unavailable',
        target: '/mnt/sandboxing/model_tools_env/v1/python',
        sizeBytes: 4 * KiB,
        usedBytes: 0,
        availBytes: 4 * KiB,
      });
    }
  });

  it('reads df -h of coreutils (252G, 4.0K) and busybox (252.0G, a wrapped name)', () => {
    const gnu = parseDf(fixture('df/local-h.txt'));
    expect(gnu.issues).toEqual([]);
    expect(at(gnu.value, '/')).toMatchObject({ sizeBytes: 252 * GiB, usedBytes: 23 * GiB, availBytes: 80 * GiB });
    const bb = parseDf(fixture('df/busybox-h.txt'));
    expect(bb.issues).toEqual([]);
    expect(at(bb.value, '/')).toMatchObject({ sizeBytes: 252 * GiB, usedBytes: Math.round(22.3 * GiB) });
    expect(at(bb.value, '/mnt/sandboxing/model_tools_env/v1/python')).toMatchObject({ source: 'model_tools_unavailable', sizeBytes: 4 * KiB });
  });

  // Seed transcript (seed/000_97c8c9881bdbfa69.txt): `df -h` on Photon OS 3, CoreOS 2303 and the RancherOS console (busybox).
  it('reads the seed\'s df -h listings', () => {
    const photon = parseDf(fixture('df/seed-photon-h.txt'));
    expect(photon.issues).toEqual([]);
    expect(photon.value).toHaveLength(8);
    expect(at(photon.value, '/')).toEqual({ source: '/dev/root', target: '/', sizeBytes: 16 * GiB, usedBytes: 515 * MiB, availBytes: 15 * GiB });
    expect(at(photon.value, '/boot/efi')?.usedBytes).toBe(Math.round(2.2 * MiB));

    const coreos = parseDf(fixture('df/seed-coreos-h.txt'));
    expect(coreos.issues).toEqual([]);
    expect(at(coreos.value, '/usr')).toEqual({ source: '/dev/mapper/usr', target: '/usr', sizeBytes: 985 * MiB, usedBytes: 854 * MiB, availBytes: 80 * MiB });

    const ros = parseDf(fixture('df/seed-rancheros-h.txt'));
    expect(ros.issues).toEqual([]);
    expect(ros.value).toHaveLength(37);
    expect(ros.value.filter((e) => e.source === '/dev/sda1')).toHaveLength(27);
    expect(at(ros.value, '/')).toEqual({ source: 'overlay', target: '/', sizeBytes: 28 * GiB, usedBytes: GiB, availBytes: Math.round(25.5 * GiB) });
    expect(at(ros.value, '/run')).toMatchObject({ source: 'none', usedBytes: 944 * KiB });
  });

  // Recorded on this machine in a private mount namespace: source "src with space", target ".../with space",
  // a tab in a target, and a 45-character source that busybox's plain df wraps onto its own line.
  it('keeps spaces in sources and targets, for every df flavour', () => {
    const files = ['spaces-kP', 'spaces', 'spaces-h', 'busybox-spaces-kP', 'busybox-spaces', 'busybox-spaces-h'];
    for (const f of files) {
      const r = parseDf(fixture(`df/${f}.txt`));
      expect(r.issues, f).toEqual([]);
      expect(at(r.value, '/tmp/cosi-mi/with space')?.source, f).toBe('src with space');
      expect(at(r.value, '/tmp/cosi-mi/a very long mount point name that goes on and on'), f).toMatchObject({
        source: 'a_rather_long_source_device_name_for_wrapping',
        sizeBytes: 2 * GiB,
        usedBytes: 0,
      });
    }
    expect(at(parseDf(fixture('df/busybox-spaces.txt')).value, '/tmp/cosi-mi/tab\\there')).toBeDefined();
  });

  // Inside the lab's RancherOS-like console (test/lab): busybox df lists every bind mount of the data disk, like the seed.
  it('reads df in the lab RancherOS console: busybox lists 27 bind mounts, df -a adds pseudo filesystems with "-"', () => {
    const bb = parseDf(fixture('df/lab-rancheros-console-busybox-kP.txt'));
    expect(bb.issues).toEqual([]);
    expect(bb.value).toHaveLength(42);
    const disk = bb.value.filter((e) => e.source === '/dev/loop0');
    expect(disk).toHaveLength(27);
    expect(new Set(disk.map((e) => e.sizeBytes))).toEqual(new Set([1992552 * KiB]));
    const all = parseDf(fixture('df/lab-rancheros-console-all-kP.txt'));
    expect(all.issues).toEqual([]);
    expect(all.value).toHaveLength(71);
    expect(at(all.value, '/proc')).toEqual({ source: 'proc', target: '/proc', sizeBytes: 0, usedBytes: 0, availBytes: 0 });
  });

  it('reads other block sizes and "-" figures', () => {
    const r = parseDf('Filesystem 512-blocks Used Available Capacity Mounted on\n/dev/a 100 50 50 50% /a\nproc - - - - /proc\n');
    expect(r.issues).toEqual([]);
    expect(r.value).toEqual([
      { source: '/dev/a', target: '/a', sizeBytes: 51200, usedBytes: 25600, availBytes: 25600 },
      { source: 'proc', target: '/proc', sizeBytes: null, usedBytes: null, availBytes: null },
    ]);
  });

  it('reports lines it cannot read, with their numbers', () => {
    const r = parseDf('Filesystem 1024-blocks Used Available Capacity Mounted on\ndf: /mnt/nfs: Stale file handle\n/dev/a 1 1 0 100% /a\n   5 5 0 100% /orphan\n');
    expect(r.value.map((e) => e.target)).toEqual(['/a']);
    expect(said(r.issues)).toEqual([
      { line: 2, message: 'filesystem line without sizes: df: /mnt/nfs: Stale file handle' },
      { line: 4, message: 'df line without a filesystem name: 5 5 0 100% /orphan' },
    ]);
  });

  it('never throws on random, binary and truncated input', () => {
    checkNeverThrows(parseDf, [fixture('df/busybox-spaces.txt'), fixture('df/seed-rancheros-h.txt')]);
  });
});

const canUnshare = spawnSync('unshare', ['-m', '--propagation', 'private', 'true']).status === 0;
const hasBusybox = spawnSync('busybox', ['true']).status === 0;

describe.runIf(canUnshare && hasBusybox)('agrees across df flavours on a live mount', () => {
  it('a 3 MiB tmpfs holding 1 MiB reads the same from df -kP, -B1, -BM, -h and busybox df', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cosi-df-'));
    const cmds = ['df -kP', 'df -B1 -P', 'df -BM', 'df -h', 'df', 'busybox df -kP', 'busybox df', 'busybox df -h'];
    const script = `set -e
mkdir "$1/a b"; mount -t tmpfs -o size=3m "cosi test src" "$1/a b"
dd if=/dev/zero of="$1/a b/f" bs=1024 count=1024 2>/dev/null
${cmds.map((c) => `echo @@; ${c} "$1/a b"`).join('\n')}`;
    const r = spawnSync('unshare', ['-m', '--propagation', 'private', 'sh', '-c', script, 'sh', dir], { encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    expect(r.status, r.stderr).toBe(0);
    const outputs = r.stdout.split('@@\n').slice(1);
    expect(outputs).toHaveLength(cmds.length);
    outputs.forEach((out, i) => {
      const p = parseDf(out);
      expect(p.issues, cmds[i]).toEqual([]);
      expect(p.value, cmds[i]).toEqual([
        { source: 'cosi test src', target: `${dir}/a b`, sizeBytes: 3 * MiB, usedBytes: MiB, availBytes: 2 * MiB },
      ]);
    });
  });
});
