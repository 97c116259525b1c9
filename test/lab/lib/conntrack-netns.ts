// A conntrack table filled for real, in a network namespace of its own, for
// warnings-kernel.test.ts. The lab hosts share this machine's network namespace (--net host), and
// this kernel's net.netfilter.nf_conntrack_max is one global figure, read-only outside the initial
// namespace (mode 0444 there), while nf_conntrack_count is each namespace's own; the kernel
// refuses new flows in a namespace whose count passes the global max. So the table is filled in a
// `--net none` container of the user docker (a host with a network namespace of its own, as a
// Kubernetes node's), never in this machine's own namespace, and no sysctl of this machine is
// changed: in the container's namespace only, a conntrack rule makes the kernel track its traffic
// (iptables, which docker.io needs) and its own UDP timeout is raised so entries outlive the test;
// then perl sends one UDP datagram per entry to distinct local ports. Removing the container
// removes the namespace and every entry.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { LAB_LABEL } from './containers.js';
import { DAEMONS, dockerAt } from './daemons.js';
import { ensureBusyboxImage } from './images.js';

export const CONNTRACK_HOST = 'cosi-warn-conntrack';
/** A table larger than this is not filled here (~256 B of kernel memory per entry). */
export const MAX_FILL = 2_000_000;

/** Why this machine cannot have a conntrack table filled, or null when it can. */
export function conntrackUnavailable(): string | null {
  if (!existsSync('/proc/sys/net/netfilter/nf_conntrack_max')) return 'this kernel has no nf_conntrack (no /proc/sys/net/netfilter/nf_conntrack_max)';
  try {
    execFileSync('iptables', ['-V'], { stdio: 'ignore' });
  } catch {
    return 'no iptables to make the kernel track a namespace\'s traffic (test/lab/install.sh installs it)';
  }
  const max = Number(readFileSync('/proc/sys/net/netfilter/nf_conntrack_max', 'utf8'));
  return max > MAX_FILL / 0.94 ? `nf_conntrack_max is ${max}: more entries than this test fills (${MAX_FILL})` : null;
}

/** Runs `args` in the container's network namespace only (this machine's tools); stdout. */
const inNetns = (pid: number, args: string[], input?: string) => execFileSync('nsenter', ['-t', String(pid), '-n', ...args], { encoding: 'utf8', input, timeout: 120_000 });

/** The namespace's own conntrack count and the max it reads. */
export function conntrackCount(pid: number): { count: number; max: number } {
  const [count, max] = inNetns(pid, ['cat', '/proc/sys/net/netfilter/nf_conntrack_count', '/proc/sys/net/netfilter/nf_conntrack_max']).trim().split('\n').map(Number);
  return { count, max };
}

const FILL = String.raw`
use Socket;
my $n = shift;
socket(my $s, PF_INET, SOCK_DGRAM, 0) or die "socket: $!";
my $sent = 0;
for my $h (2..254) {
  my $a = inet_aton("127.0.0.$h");
  for my $p (1..65535) { exit 0 if $sent >= $n; send($s, "", 0, pack_sockaddr_in($p, $a)); $sent++ }
}
`;

/** Starts the container (removing an old one) and returns its pid on this machine. */
export function startConntrackHost(): number {
  const user = DAEMONS.docker;
  dockerAt(user, ['rm', '-f', CONNTRACK_HOST], { allowFail: true, timeoutMs: 60_000 });
  dockerAt(user, ['run', '-d', '--name', CONNTRACK_HOST, '--label', LAB_LABEL, '--net', 'none', ensureBusyboxImage(user), 'sleep', '3600'], { timeoutMs: 120_000 });
  return Number(dockerAt(user, ['inspect', '-f', '{{.State.Pid}}', CONNTRACK_HOST]).stdout.trim());
}

/** Tracks the namespace's new flows, keeps unanswered UDP entries an hour, and adds `entries` of them. */
export function fillConntrack(pid: number, entries: number): void {
  inNetns(pid, ['iptables', '-A', 'OUTPUT', '-m', 'conntrack', '--ctstate', 'NEW', '-j', 'ACCEPT']);
  inNetns(pid, ['sh', '-c', 'echo 3600 > /proc/sys/net/netfilter/nf_conntrack_udp_timeout']);
  inNetns(pid, ['perl', '-e', FILL, String(entries)]);
}

export function removeConntrackHost(): void {
  dockerAt(DAEMONS.docker, ['rm', '-f', CONNTRACK_HOST], { allowFail: true, timeoutMs: 60_000 });
}
