#!/usr/bin/perl
# The big lab host (test/lab/lib/big-host.ts): turns the container it runs in into what a busy
# Kubernetes node looks like from the inside, with real kernel objects: PODS pods, each with
#   cgroups   kubepods[/burstable|/besteffort]/pod<uid>/<sandbox id> and /<app id>, in every v1
#             hierarchy given (3 per pod)
#   mounts    10 per pod, as the kubelet and containerd make them: the sandbox's shm (tmpfs), its
#             network namespace (nsfs), two rootfs overlays (sandbox, app), the projected service
#             account token, a secret and a memory emptyDir (tmpfs), two subPath binds, a CSI bind
#   processes 5 per pod: one in the sandbox cgroup (the pause process), four in the app's;
#             each a static busybox `sleep` (about 100 KiB of memory each, kernel's included)
# Arguments: PODS HIERARCHY_DIR... (the v1 hierarchies below /sys/fs/cgroup, already mounted rw;
# `.` for a cgroup v2 machine's one).
# Prints the seconds each part took. Writes /run/cosi-big/ready ("pods mounts cgroups processes") when done. Run once per container.
use strict;
use warnings;
use POSIX qw(setsid);

my ($pods, @hier) = @ARGV;
die "usage: big-node.pl PODS HIERARCHY...\n" unless $pods && @hier;
my $BUSYBOX = '/usr/local/lib/cosi-big/busybox';    # this machine's static busybox (the lab's busybox image has it too)
my $t0 = time;
my $SYS_mount = 165;    # x86_64
my $MS_BIND = 4096;
$main::mounts = 0;

sub mkp { my $d = ''; for (split m{/}, $_[0]) { $d .= "$_/"; mkdir $d } }
sub mnt {
  my ($src, $tgt, $type, $flags, $data) = @_;
  syscall($SYS_mount, $src, $tgt, $type, $flags + 0, $data) == 0 or die "mount $type on $tgt: $!\n";
  $main::mounts++;
}
sub touch { open(my $f, '>', $_[0]) or die "$_[0]: $!\n"; close $f }
# Deterministic ids: the same pod has the same uid and container ids in every run.
my $seed = 0x2545F491;
sub hex_of { my $n = shift; my $s = ''; while (length($s) < $n) { $seed = ($seed * 1103515245 + 12345) % 4294967296; $s .= sprintf('%08x', $seed) } substr($s, 0, $n) }
sub uuid { my $h = hex_of(32); join '-', substr($h, 0, 8), substr($h, 8, 4), substr($h, 12, 4), substr($h, 16, 4), substr($h, 20, 12) }

my $snap = '/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots';
my $task = '/run/containerd/io.containerd.runtime.v2.task/k8s.io';
my $cri = '/run/containerd/io.containerd.grpc.v1.cri/sandboxes';
my $kubelet = '/var/lib/kubelet';
# The node's own file systems for all of it (memory only, nothing on this machine's disk).
for my $d ('/var/lib/kubelet', '/var/lib/containerd', '/run/containerd') { mkp($d); mnt('tmpfs', $d, 'tmpfs', 0, 'mode=0755') }
mkp('/run/netns');
# One image layer every rootfs shares (the pause image and the app image are the same few files here).
mkp("$snap/1/fs/$_") for qw(bin etc usr/share var/run);
touch("$snap/1/fs/etc/hostname");

my @cg = map { "/sys/fs/cgroup/$_" } @hier;
for my $h (@cg) {
  # cpuset: a new cgroup copies its parent's cpus and mems, or no task may join it
  if (-e "$h/cpuset.cpus" && -e "$h/cgroup.clone_children") { open(my $f, '>', "$h/cgroup.clone_children") or die; print $f "1\n"; close $f }
  mkp("$h/kubepods/$_") for ('burstable', 'besteffort');
}
my ($cgroups, $procs) = (3, 0);
my @pods = map { [uuid(), hex_of(64), hex_of(64), $_ % 10 < 3 ? '' : $_ % 10 < 8 ? 'burstable/' : 'besteffort/'] } 0 .. $pods - 1;
my @join = map { my ($uid, $sb, $app, $qos) = @$_; (["kubepods/${qos}pod$uid/$sb", 1], ["kubepods/${qos}pod$uid/$app", 4]) } @pods;
for my $p (@pods) {
  my ($uid, $sb, $app, $qos) = @$p;
  for my $h (@cg) { mkp("$h/kubepods/${qos}pod$uid/$_") for ($sb, $app) }
  $cgroups += 3;
}
printf "cgroups: %d s\n", time - $t0;
$t0 = time;
for my $i (0 .. $pods - 1) {
  my ($uid, $sb, $app) = @{ $pods[$i] };
  # sandbox: shm, network namespace, rootfs
  mkp("$cri/$sb/shm"); mnt('shm', "$cri/$sb/shm", 'tmpfs', 0, 'size=65536k,mode=1777');
  my $ns = '/run/netns/cni-' . uuid(); touch($ns); mnt('/proc/self/ns/net', $ns, 'none', $MS_BIND, '');
  my $s = 2 * $i + 2;
  for my $c ($sb, $app) {
    mkp("$snap/$s/fs"); mkp("$snap/$s/work"); mkp("$task/$c/rootfs");
    mnt('overlay', "$task/$c/rootfs", 'overlay', 0, "index=off,lowerdir=$snap/1/fs,upperdir=$snap/$s/fs,workdir=$snap/$s/work");
    $s++;
  }
  # the pod's volumes
  my $v = "$kubelet/pods/$uid/volumes";
  my $tok = "$v/kubernetes.io~projected/kube-api-access-" . substr(hex_of(8), 0, 5);
  for (["$tok", 'size=65536k'], ["$v/kubernetes.io~secret/app-credentials", 'size=65536k'], ["$v/kubernetes.io~empty-dir/cache", 'size=134217728']) {
    mkp($_->[0]); mnt('tmpfs', $_->[0], 'tmpfs', 0, $_->[1]);
  }
  mkp("$v/kubernetes.io~configmap/config/..data");
  for my $n (0, 1) {
    my $sub = "$kubelet/pods/$uid/volume-subpaths/config/app/$n"; mkp($sub);
    mnt("$v/kubernetes.io~configmap/config/..data", $sub, 'none', $MS_BIND, '');
  }
  my $pvc = 'pvc-' . uuid();
  my $global = "$kubelet/plugins/kubernetes.io/csi/local.csi.example/" . hex_of(64) . '/globalmount'; mkp($global);
  mkp("$v/kubernetes.io~csi/$pvc/mount"); mnt($global, "$v/kubernetes.io~csi/$pvc/mount", 'none', $MS_BIND, '');
}
printf "mounts: %d s\n", time - $t0;

# The processes: per cgroup, one joins it in every hierarchy (writing 0 moves the writer) and forks
# the others there (a child inherits its parent's cgroups: one move per cgroup, not per process);
# each then becomes a static busybox `sleep` (a few private pages; ARGV[0] of `ps` says `sleep`).
# Detached from this script's session and output, so `docker exec` returns.
$t0 = time;
$SIG{CHLD} = 'IGNORE';
sub sleeper { open(STDIN, '<', '/dev/null'); open(STDOUT, '>', '/dev/null'); open(STDERR, '>', '/dev/null'); exec { $BUSYBOX } 'sleep', '2147483647'; exit 1 }
for my $j (@join) {
  my ($path, $n) = @$j;
  my $pid = fork() // die "fork: $!\n";
  if ($pid == 0) {
    setsid();
    for my $h (@cg) { open(my $f, '>', "$h/$path/cgroup.procs") or exit 1; syswrite($f, "0\n"); close $f }
    for (2 .. $n) { my $c = fork() // exit 1; sleeper() if $c == 0 }
    sleeper();
  }
  $procs += $n;
}
printf "processes: %d s\n", time - $t0;
mkp('/run/cosi-big');
open(my $r, '>', '/run/cosi-big/ready') or die; print $r "$pods $main::mounts $cgroups $procs\n"; close $r;
print "pods=$pods mounts=$main::mounts cgroups=$cgroups processes=$procs\n";
