import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { onceScript, osReleaseScript } from '../../../src/probe/scripts.js';
import { probeShells } from '../../support/shells.js';

// A connection's first tick (#13) starts no process for what is read once per shell: uname, the
// cpu count and the mount namespace check are builtins reading kernel files, with the tools only
// where a file is missing. The scripts run here over recorded files: /proc and /sys are moved
// under a temporary directory (the scripts name no other absolute path), and `uname` and `grep`
// are stand-ins on PATH that say when they were asked (the recorded cpuinfo has 2 processors).

type Files = Record<string, string>;

const KERNEL: Files = {
  'proc/sys/kernel/ostype': 'Linux\n',
  'proc/sys/kernel/osrelease': '6.1.0-18-amd64\n',
  'proc/sys/kernel/version': '#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)\n',
  'proc/sys/kernel/arch': 'x86_64\n',
  'sys/devices/system/cpu/online': '0-3,6,8-9\n',
  'proc/stat': 'cpu  1 2 3 4\nintr 5\nbtime 1700000000\n',
  'proc/cpuinfo': 'processor\t: 0\nmodel name\t: x\n\nprocessor\t: 1\nmodel name\t: x\n',
  'proc/self/mountinfo': '22 1 8:1 / / rw - ext4 /dev/sda1 rw\n23 22 0:5 / /proc rw - proc proc rw\n',
};

/** Runs onceScript (with /proc and /sys under a temporary root) and prints what it set. */
function runOnce(cmd: string, args: string[], files: Files, links: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'cosi-once-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  for (const [rel, target] of Object.entries(links)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    symlinkSync(join(dir, target), join(dir, rel));
  }
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  for (const [tool, out] of [['uname', 'Linux from-uname'], ['grep', '2']]) {
    writeFileSync(join(bin, tool), `#!/bin/sh\necho "$0 $*" >> '${dir}/asked'\necho '${out}'\n`);
    chmodSync(join(bin, tool), 0o755);
  }
  const script = onceScript.replace(/\/(proc|sys)\//g, `${dir}/$1/`);
  expect(script).not.toMatch(/[^\w}]\/(proc|sys)\//);
  const r = spawnSync(cmd, [...args, '-c', `_cosi_hr=\n${script}\nprintf '%s|%s|%s|%s\\n' "$_cosi_uname" "$_cosi_cpus" "$_cosi_samens" "$_cosi_btime"; cat '${dir}/asked' 2>/dev/null; exit 0`], {
    encoding: 'utf8',
    env: { PATH: `${bin}:/usr/bin:/bin` },
  });
  expect(r.status, r.stderr).toBe(0);
  const [values, ...asked] = r.stdout.split('\n').filter(Boolean);
  const [uname, cpus, samens, btime] = values.split('|');
  return { uname, cpus, samens, btime, asked: asked.map((l) => l.split(' ')[0].split('/').pop()) };
}

describe.each(probeShells())('once per shell under %s', (_name, cmd, args) => {
  it('reads uname -srvm, the online cpu count and boot time from kernel files, with no process', () => {
    const r = runOnce(cmd, args, KERNEL, { 'proc/1/ns/mnt': 'proc/self/mountinfo', 'proc/self/ns/mnt': 'proc/self/mountinfo' });
    expect(r).toEqual({ uname: 'Linux 6.1.0-18-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01) x86_64', cpus: '7', samens: '1', btime: '1700000000', asked: [] });
  });

  it('asks uname where the kernel has no arch file (before 6.1), grep where there is no online list', () => {
    const files = { ...KERNEL };
    delete files['proc/sys/kernel/arch'];
    delete files['sys/devices/system/cpu/online'];
    const r = runOnce(cmd, args, files);
    // busybox sh may run its own uname and grep applets instead of the stand-ins on PATH.
    const own = spawnSync(cmd, [...args, '-c', 'uname -srvm'], { encoding: 'utf8' }).stdout.trim();
    expect(['Linux from-uname', own]).toContain(r.uname);
    expect(r.cpus).toBe('2');
  });

  it('a single cpu, and an online list it cannot read as numbers falls back to grep', () => {
    expect(runOnce(cmd, args, { ...KERNEL, 'sys/devices/system/cpu/online': '0\n' }).cpus).toBe('1');
    expect(runOnce(cmd, args, { ...KERNEL, 'sys/devices/system/cpu/online': '0-*\n' }).cpus).toBe('2');
  });

  it("PID 1's mount namespace: its ns link when it can be looked at, else the first lines of the mount tables", () => {
    const other = { ...KERNEL, 'proc/1/mountinfo': '41 40 8:1 / / rw - ext4 /dev/sda1 rw\n42 41 0:5 / /proc rw - proc proc rw\n' };
    // Two different ns files: another namespace, whatever the tables say.
    expect(runOnce(cmd, args, { ...KERNEL, 'proc/1/ns/mnt': 'x', 'proc/self/ns/mnt': 'y', 'proc/1/mountinfo': KERNEL['proc/self/mountinfo'] }).samens).toBe('0');
    // No ns link for PID 1 (no root): the tables decide.
    expect(runOnce(cmd, args, { ...KERNEL, 'proc/1/mountinfo': KERNEL['proc/self/mountinfo'] }).samens).toBe('1');
    expect(runOnce(cmd, args, other).samens).toBe('0');
    expect(runOnce(cmd, args, KERNEL).samens).toBe('0');
  });
});

/** Runs the os-release body as the probe does (a function of the probe's shell) under host root `dir`. */
function osRelease(cmd: string, args: string[], dir: string) {
  const q = dir.replace(/'/g, `'\\''`);
  const script = `_cosi_hr='${q}'\n_cosi_nl='\n'\n_cosi_put() { _o="$_o$1$_cosi_nl"; }\n_o=; f() {\n${osReleaseScript}\n}\nf </dev/null >/dev/null 2>/dev/null; printf '%s@%s' "$_o" "$?"`;
  const r = spawnSync(cmd, [...args, '-c', script], { encoding: 'utf8' });
  const at = r.stdout.lastIndexOf('@');
  return { text: r.stdout.slice(0, at), rc: Number(r.stdout.slice(at + 1)) };
}

describe.each(probeShells())('os-release with builtins under %s', (_name, cmd, args) => {
  const root = () => mkdtempSync(join(tmpdir(), "cosi-osr '"));

  it('is the file as cat prints it (a last line without its newline kept), else usr/lib/os-release, else rc 1', () => {
    const a = root();
    mkdirSync(join(a, 'etc'));
    writeFileSync(join(a, 'etc/os-release'), 'NAME="Fedora CoreOS"\n  ID=fedora  \nVERSION_ID=39');
    expect(osRelease(cmd, args, a)).toEqual({ text: 'NAME="Fedora CoreOS"\n  ID=fedora  \nVERSION_ID=39\n', rc: 0 });
    const b = root();
    mkdirSync(join(b, 'usr/lib'), { recursive: true });
    writeFileSync(join(b, 'usr/lib/os-release'), 'ID=flatcar\n');
    expect(osRelease(cmd, args, b)).toEqual({ text: 'ID=flatcar\n', rc: 0 });
    expect(osRelease(cmd, args, root())).toEqual({ text: '', rc: 1 });
  });

  it('reads no device and stops after 16 KiB of a huge file', () => {
    const a = root();
    mkdirSync(join(a, 'etc'));
    symlinkSync('/dev/zero', join(a, 'etc/os-release'));
    expect(osRelease(cmd, args, a)).toEqual({ text: '', rc: 1 });
    const b = root();
    mkdirSync(join(b, 'etc'));
    writeFileSync(join(b, 'etc/os-release'), 'X=0123456789\n'.repeat(100_000));
    const r = osRelease(cmd, args, b);
    expect(r.rc).toBe(0);
    expect(r.text.length).toBeGreaterThan(16_384);
    expect(r.text.length).toBeLessThan(16_384 + 20);
  });
});
