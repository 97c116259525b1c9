// A process in the RancherOS-like host's console that holds inotify instances and watches as a
// uid of its own (INOTIFY_UID: no account, no other process on this machine), for
// warnings-kernel.test.ts. The kernel's limits (fs.inotify.max_user_instances, max_user_watches)
// count per user: the holder brings that one uid near them and no other user feels it; no sysctl
// is changed. perl (in every Debian) makes the raw syscalls: inotify_init1, then inotify_add_watch
// on files of its own directory, spread evenly over the instances. It holds them until its stdin
// closes, then removes its files; `stop` also kills it and removes them if it did not.
import { spawn, type ChildProcess } from 'node:child_process';
import { LAB } from '../lab.js';
import { onHost } from '../support/peers.js';

export const INOTIFY_UID = 4242;
const DIR = '/tmp/cosi-lab-inotify';

/** inotify_init1 and inotify_add_watch by `uname -m`. */
const SYSCALLS: Record<string, [number, number]> = { x86_64: [294, 254], aarch64: [26, 27] };

const HOLDER = String.raw`
my ($inst, $watches, $init1, $add, $dir) = @ARGV;
mkdir $dir or die "mkdir $dir: $!";
my $per = int(($watches + $inst - 1) / $inst);
for my $i (1..$per) { open(my $f, '>', "$dir/$i") or die "create: $!"; close $f }
my ($fds, $left) = (0, $watches);
for my $i (1..$inst) {
  my $fd = syscall($init1, 0); die "inotify_init1: $!" if $fd < 0; $fds++;
  for my $j (1..($left < $per ? $left : $per)) { syscall($add, $fd, "$dir/$j", 2) >= 0 or die "inotify_add_watch: $!"; $left-- }
}
$| = 1; print "ready $$ $fds ", $watches - $left, "\n";
1 while sysread(STDIN, my $b, 1);
unlink glob("$dir/*"); rmdir $dir;
`;

export interface InotifyHolder {
  /** Its pid in the host (the console sees system-docker's pid namespace). */
  pid: number;
  stop(): Promise<void>;
}

/** Starts the holder with `instances` instances and `watches` watches; resolves once it holds them all. */
export async function startInotifyHolder(instances: number, watches: number): Promise<InotifyHolder> {
  const arch = (await onHost('rancher', 'uname -m')).trim();
  const calls = SYSCALLS[arch];
  if (!calls) throw new Error(`no inotify syscall numbers for ${arch} (known: ${Object.keys(SYSCALLS).join(', ')})`);
  await onHost('rancher', `rm -rf ${DIR}`);
  const args = ['-H', `unix://${LAB.rancher.daemonSocket}`, 'exec', '-i', '-u', `${INOTIFY_UID}:${INOTIFY_UID}`, LAB.rancher.container];
  const child = spawn('docker', [...args, 'perl', '-e', HOLDER, String(instances), String(watches), String(calls[0]), String(calls[1]), DIR], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const stop = () => stopHolder(child, pid);
  let pid = 0;
  const end = Date.now() + 180_000;
  while (!(pid = Number(/^ready (\d+) /m.exec(out)?.[1] ?? 0))) {
    if (child.exitCode !== null || Date.now() > end) {
      await stop();
      throw new Error(`the inotify holder did not get ready: ${out}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { pid, stop };
}

async function stopHolder(child: ChildProcess, pid: number): Promise<void> {
  child.stdin?.end();
  const end = Date.now() + 30_000;
  while (child.exitCode === null && child.signalCode === null && Date.now() < end) await new Promise((r) => setTimeout(r, 250));
  // Killed only while that pid is still the holder's uid (a pid is reused once it has gone).
  const kill = pid ? `[ "$(stat -c %u /proc/${pid} 2>/dev/null)" = ${INOTIFY_UID} ] && kill ${pid};` : '';
  await onHost('rancher', `${kill} rm -rf ${DIR}`);
  if (child.exitCode === null) child.kill();
}
