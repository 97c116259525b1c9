/**
 * Adversarial inputs for the "no catastrophic regex" tests and the ratio
 * script: every parser with the header its format needs, and runs of the
 * characters that make backtracking regexes explode.
 */
import * as P from '../../../parsers/index.js';
import { parseContainerList, parseInfoJson, parseInspect, parseVersion } from '../../../parsers/docker-api.js';
import { parseCliPs, parseDockerInfoText } from '../../../parsers/docker-cli-output.js';
import { sectionLimits } from '../../../src/probe/sections.js';

export interface Target {
  name: string;
  parse: (text: string) => unknown;
  /** Text the format needs before the records (a header line, a "@format" line). */
  head: string;
  /** One real record: the adversarial run is spliced into its middle. */
  record: string;
}

const limits = sectionLimits();

export const TARGETS: Target[] = [
  { name: 'os-release', parse: P.parseOsRelease, head: '', record: 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"' },
  { name: 'identity', parse: P.parseIdentity, head: 'hostname=h\n', record: 'loadavg=0.00 0.01 0.05 1/123 4567' },
  { name: 'meminfo', parse: P.parseMeminfo, head: '', record: 'MemTotal:       24683656 kB' },
  { name: 'psi', parse: P.parsePsi, head: '', record: 'some avg10=0.00 avg60=0.00 avg300=0.00 total=0' },
  { name: 'vmstat', parse: P.parseVmstat, head: '', record: 'oom_kill 0' },
  { name: 'stat', parse: P.parseStat, head: '', record: 'cpu0 347376 4395 34273 12658 121 0 104 680 0 0' },
  { name: 'mountinfo', parse: P.parseMountinfo, head: '', record: '36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue' },
  { name: 'df', parse: P.parseDf, head: 'Filesystem              1024-blocks     Used Available Capacity Mounted on\n', record: '/dev/sda1                   12334432        0  12334432       0% /opt' },
  { name: 'df -i', parse: P.parseDfInodes, head: 'Filesystem                Inodes  IUsed    IFree IUse% Mounted on\n', record: '/dev/vda                16777216 452041 16325175    3% /' },
  { name: 'kernel-limits', parse: P.parseKernelLimits, head: '', record: 'fs/file-nr:1440\t0\t2466165' },
  { name: 'inotify', parse: P.parseInotify, head: '@pid 21665 0 systemd\n', record: '/proc/21665/fdinfo/5:18' },
  { name: 'kube', parse: P.parseKube, head: '@modules\n', record: 'ip_vs_sh 16384 0 - Live 0xffffffffc0a1c000' },
  { name: 'ps procps', parse: P.parsePs, head: '@format procps\n  PID  PPID USER                               RSS STAT ELAPSED COMMAND          COMMAND\n', record: '    1     0 root                              9000 Ss       100 systemd          /sbin/init splash' },
  { name: 'ps busybox', parse: P.parsePs, head: '@format busybox\nPID   PPID  USER     RSS  STAT COMMAND          COMMAND\n', record: '    1     0 root      1.2m S    init             /sbin/init' },
  { name: 'ps stat', parse: P.parsePs, head: '@format stat\n', record: '1 (systemd) S 0 1 1 0 -1 4194560 1 2 3 4 5 6 7 8 20 0 1 0 9 10 11' },
  { name: 'proc-cpu', parse: P.parseProcCpu, head: '@uptime 100.00\n', record: '1 8916 20' },
  { name: 'cgroups', parse: P.parseCgroups, head: '@root unified /sys/fs/cgroup\n', record: '/sys/fs/cgroup/system.slice/cgroup.procs:1' },
  { name: 'systemctl plain', parse: P.parseSystemctl, head: '', record: '-.mount                              loaded    active   mounted   Root Mount' },
  { name: 'systemctl json', parse: P.parseSystemctl, head: '[', record: '{"unit":"a.service","load":"loaded","active":"active","sub":"running","description":"A"}' },
  { name: 'engines discovery', parse: P.parseEnginesDiscovery, head: '', record: 'socket /var/run/docker.sock rw' },
  { name: 'docker info text', parse: parseDockerInfoText, head: 'Client:\n Version:    28.2.2\nServer:\n', record: ' Storage Driver: overlay2' },
  { name: 'docker ps jsonl', parse: parseCliPs, head: '', record: '{"ID":"abc","Names":"web","Image":"busybox","State":"running","Status":"Up 1 minute","Labels":"a=b"}' },
  { name: 'docker api version', parse: parseVersion, head: '', record: '{"Version":"28.2.2","ApiVersion":"1.50"}' },
  { name: 'docker api info', parse: parseInfoJson, head: '', record: '{"Driver":"overlay2","DockerRootDir":"/var/lib/docker"}' },
  { name: 'docker api containers', parse: parseContainerList, head: '[', record: '{"Id":"abc","Names":["/web"],"Image":"busybox","State":"running","Labels":{"a":"b"}}' },
  { name: 'docker api inspect', parse: parseInspect, head: '', record: '{"Id":"abc","Name":"/web","Config":{"Env":["A=B"],"Labels":{"a":"b"}}}' },
  { name: 'probe bundle', parse: (t) => P.readBundle(t, 'NONCE', limits), head: '@@COSI:NONCE:B:meminfo\n', record: 'MemTotal: 1 kB' },
];

/** Characters whose long runs trip backtracking regexes (and the escapes the parsers unmangle). */
export const RUNS: Record<string, string> = {
  spaces: ' ',
  digits: '7',
  backslashes: '\\',
  'octal escapes': '\\040',
  parens: '(',
  colons: ':',
  'dash fields': ' - ',
  'equals quotes': '="',
  tabs: '\t',
  'json nesting': '[{"a":',
};

/** About `bytes` of input in three shapes: one huge line, many short lines, the run spliced into a real record. */
export function shapes(t: Target, run: string, bytes: number): Record<string, string> {
  const n = Math.ceil(bytes / run.length);
  const long = run.repeat(n);
  const mid = Math.floor(t.record.length / 2);
  const line = run.repeat(Math.max(1, Math.ceil(60 / run.length)));
  return {
    'one line': t.head + long,
    'many lines': t.head + `${line}\n`.repeat(Math.ceil(bytes / (line.length + 1))),
    'in a record': t.head + t.record.slice(0, mid) + long + t.record.slice(mid) + '\n' + `${t.record}\n`.repeat(3),
  };
}
