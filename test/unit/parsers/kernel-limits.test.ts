import { describe, expect, it } from 'vitest';
import { parseKernelLimits } from '../../../parsers/kernel-limits.js';
import { parseInotify } from '../../../parsers/inotify.js';
import { parseDfInodes } from '../../../parsers/df.js';
import { checkNeverThrows, fixture } from './_support.js';

describe('parseKernelLimits', () => {
  it('reads the kernel-limits section of this machine (Debian 12 lab machine, captured by the probe script)', () => {
    const r = parseKernelLimits(fixture('kernel-limits/debian12-lab-machine.txt'));
    expect(r.issues).toEqual([]);
    expect(r.value).toEqual({
      openFiles: 1589,
      fileMax: 2466165,
      tasks: 364,
      pidMax: 32768,
      inotifyMaxInstances: 128,
      inotifyMaxWatches: 192536,
      conntrackCount: 0,
      conntrackMax: 262144,
    });
  });

  it('a kernel without conntrack leaves its figures null; a bad line is an issue, not a figure', () => {
    const r = parseKernelLimits('kernel/pid_max:4194304\nfs/file-nr:12 x 99\nnet/other:5\ntasks 9\n');
    expect(r.value).toMatchObject({ pidMax: 4194304, tasks: 9, openFiles: null, conntrackCount: null, conntrackMax: null });
    expect(r.issues.map((i) => [i.code, i.line])).toEqual([['kernel-limits-bad-line', 2], ['kernel-limits-bad-line', 3]]);
  });

  it('never throws', () => checkNeverThrows(parseKernelLimits, [fixture('kernel-limits/debian12-lab-machine.txt')]));
});

describe('parseInotify', () => {
  it('reads the inotify holders of this machine: instances per process and their watches', () => {
    const r = parseInotify(fixture('inotify/debian12-lab-machine.txt'));
    expect(r.issues).toEqual([]);
    expect(r.value).toEqual([
      { pid: 21665, uid: 0, comm: 'systemd', instances: 5, watches: 28 },
      { pid: 21739, uid: 100, comm: 'dbus-daemon', instances: 1, watches: 3 },
      { pid: 21743, uid: 0, comm: 'systemd-logind', instances: 1, watches: 1 },
      { pid: 23660, uid: 500, comm: 'systemd', instances: 3, watches: 3 },
    ]);
  });

  it('a command name with spaces and escapes stays one sanitized name; junk is an issue', () => {
    const r = parseInotify('@pid 7 1000 my prog\x1b[2J\n/proc/7/fdinfo/3:12\n/proc/8/fdinfo/3:1\nnonsense\n');
    expect(r.value).toEqual([{ pid: 7, uid: 1000, comm: 'my prog\\e[2J', instances: 1, watches: 12 }]);
    expect(r.issues.map((i) => i.line)).toEqual([4]);
  });

  it('never throws', () => checkNeverThrows(parseInotify, [fixture('inotify/debian12-lab-machine.txt')]));
});

describe('parseDfInodes', () => {
  it('reads coreutils df -iP of this machine', () => {
    const r = parseDfInodes(fixture('df/debian12-df-i.txt'));
    expect(r.issues).toEqual([]);
    expect(r.value[2]).toEqual({ source: '/dev/vda', target: '/', inodes: 16777216, used: 452041, free: 16325175 });
    expect(r.value.find((e) => e.target === '/sys/fs/cgroup')).toEqual({ source: 'tmpfs', target: '/sys/fs/cgroup', inodes: 1024, used: 17, free: 1007 });
  });

  it('reads busybox df -i (header "Used Available Use%")', () => {
    const r = parseDfInodes(fixture('df/busybox-i.txt'));
    expect(r.issues).toEqual([]);
    expect(r.value[2]).toEqual({ source: '/dev/vda', target: '/', inodes: 16777216, used: 452044, free: 16325172 });
  });
});
