/**
 * The POSIX sh bodies of the probe sections. Rules (checked by tests under
 * busybox sh and dash): read only, no bash-isms, nothing that starts a
 * service or touches an engine socket, tools used only when present
 * (`exit 127` = absent). Bodies run with stdin from /dev/null inside a
 * subshell, so `exit` ends only the section. A `bounded` section's body runs
 * in the capturing subshell itself: it must not `exit` (it returns 127 from a
 * function instead).
 */

/**
 * \`--host-root DIR\` (\`$_cosi_hr\`, build.ts): do we share the host's PID namespace, so that /proc,
 * cgroupfs and PID 1's mount table are the host's? \`_cosi_hpid\`: host when PID 1's root is DIR
 * (same device and inode) or PID 2 is kthreadd (the machine's first PID namespace); unknown when
 * PID 1's root cannot be looked at; missing when there is no DIR; own otherwise. Builtins only. Then the mount table read is PID
 * 1's (\`_cosi_samens\` says it is ours already, so it is not read twice).
 */
const hostPidScript = `_cosi_hpid=
if [ -n "\${_cosi_hr-}" ]; then
  _k=; { read -r _k < /proc/2/comm; } 2>/dev/null
  if ! [ -d "$_cosi_hr/" ]; then _cosi_hpid=missing
  elif [ /proc/1/root/ -ef "$_cosi_hr/" ] || [ "$_k" = kthreadd ]; then _cosi_hpid=host; _cosi_samens=1
  elif [ -e /proc/1/root/. ]; then _cosi_hpid=own; else _cosi_hpid=unknown; fi
fi`;

/**
 * Run in the probe's own shell (not a section subshell) once per shell: what cannot change while
 * connected is read once and kept in shell variables, so a steady tick starts no process for it.
 * With builtins where the kernel has the files, so a connection's first tick starts none either:
 * `uname -srvm` is /proc/sys/kernel/{ostype,osrelease,version,arch} (arch since Linux 6.1), the
 * cpu count is /sys/devices/system/cpu/online ("0-3,6"), as many as /proc/cpuinfo's processors.
 * `_cosi_samens`: PID 1 shares our mount namespace (its ns link is the same file). Without root
 * PID 1's link cannot be looked at; then the first lines of the two mount tables say it (a cloned
 * namespace gives its mounts new ids, the root mount's first among them).
 */
export const onceScript = `if [ -z "\${_cosi_once-}" ]; then _cosi_once=1
_cosi_uname=; { read -r _k < /proc/sys/kernel/ostype && read -r _v < /proc/sys/kernel/osrelease && read -r _l < /proc/sys/kernel/version && read -r _m < /proc/sys/kernel/arch && _cosi_uname="$_k $_v $_l $_m"; } 2>/dev/null
[ -n "$_cosi_uname" ] || _cosi_uname=$(uname -srvm 2>/dev/null)
_cosi_cpus=; _l=; { read -r _l < /sys/devices/system/cpu/online; } 2>/dev/null
case $_l in *[!0-9,-]*|'') ;; *) _n=0; IFS=,; for _v in $_l; do case $_v in *-*) _n=$((_n + \${_v#*-} - \${_v%-*} + 1)) ;; *) _n=$((_n + 1)) ;; esac; done; unset IFS; [ "$_n" -gt 0 ] && _cosi_cpus=$_n ;; esac
[ -n "$_cosi_cpus" ] || _cosi_cpus=$(grep -c '^processor' /proc/cpuinfo 2>/dev/null)
_cosi_btime=; while read -r _k _v; do [ "$_k" = btime ] && { _cosi_btime=$_v; break; }; done < /proc/stat 2>/dev/null
_cosi_samens=0
if [ /proc/self/ns/mnt -ef /proc/1/ns/mnt ]; then _cosi_samens=1
elif ! [ -e /proc/1/ns/mnt ] && [ -r /proc/1/mountinfo ]; then
  _k=; _v=; { read -r _k < /proc/1/mountinfo; read -r _v < /proc/self/mountinfo; } 2>/dev/null
  [ -n "$_k" ] && [ "$_k" = "$_v" ] && _cosi_samens=1
fi
${hostPidScript}
fi`;

/**
 * Inline (the probe's own shell, no process when onceScript ran in this shell); the host clock is
 * boot time + uptime.
 */
export const identityScript = `
_h=; { read -r _h < /proc/sys/kernel/hostname; } 2>/dev/null || _h=$(hostname 2>/dev/null); _cosi_put "hostname=$_h"
_cosi_put "uname=\${_cosi_uname-$(uname -srvm 2>/dev/null)}"
_u=; if read -r _u _x < /proc/uptime; then _cosi_put "uptime=$_u $_x"; fi
if read -r _l < /proc/loadavg; then _cosi_put "loadavg=$_l"; fi
_cosi_put "cpus=\${_cosi_cpus-$(grep -c '^processor' /proc/cpuinfo 2>/dev/null)}"
if [ -n "\${_cosi_btime-}" ] && [ -n "$_u" ]; then _cosi_put "time=$((_cosi_btime + \${_u%%.*}))"; else _cosi_put "time=$(date +%s)"; fi
if read -r _l < /proc/1/comm; then _cosi_put "init=$_l"; fi
if [ -n "\${_cosi_hr-}" ]; then _cosi_put "hostroot=\${_cosi_hpid:-unknown} $_cosi_hr"; fi`;

/**
 * Inline (builtins: a connection's first tick starts no process for it). Under a host root, an
 * absolute link (/etc/os-release -> /usr/lib/os-release) is followed inside DIR, not in the
 * shell's own root. Only a regular file, and at most 16 KiB: a hostile link to /dev/zero or a
 * huge file ends the read, as the byte cap did for cat.
 */
export const osReleaseScript = `_f=$_cosi_hr/etc/os-release
if [ -n "$_cosi_hr" ] && [ -L "$_f" ]; then _t=$(readlink "$_f"); case $_t in /*) _f=$_cosi_hr$_t ;; esac; fi
[ -f "$_f" ] && [ -r "$_f" ] || _f=$_cosi_hr/usr/lib/os-release
[ -f "$_f" ] && [ -r "$_f" ] || return 1
while IFS= read -r _l || [ -n "$_l" ]; do _cosi_put "$_l"; [ \${#_o} -gt 16384 ] && break; done < "$_f"
return 0`;

/** Inline: builtins read it in the probe's own shell. */
export const meminfoScript = `_cosi_rd /proc/meminfo`;

/**
 * System-wide counters that explain memory trouble (OOM kills since boot). Inline; in bash the file
 * read whole (build.ts _cosi_text), elsewhere line by line; either stops once the four are seen
 * (oom_kill comes last).
 */
export const vmstatScript = `[ -r /proc/vmstat ] || return 127
_n=0
if [ -n "\${BASH_VERSION-}" ]; then
  _cosi_text /proc/vmstat; set -f; IFS=$_cosi_nl
  for _l in $_cosi_t; do
    case $_l in 'oom_kill '*|'pgmajfault '*|'pswpin '*|'pswpout '*) _cosi_put "$_l"; _n=$((_n + 1)); [ $_n = 4 ] && break ;; esac
  done
  unset IFS; set +f; _cosi_t=; return 0
fi
while read -r _k _v; do
  case $_k in oom_kill|pgmajfault|pswpin|pswpout) _cosi_put "$_k $_v"; _n=$((_n + 1)); [ $_n = 4 ] && break ;; esac
done < /proc/vmstat`;

/** The cpu lines of /proc/stat (they come first). Inline; in bash the file read whole (build.ts _cosi_text). */
export const statScript = `[ -r /proc/stat ] || return 127
if [ -n "\${BASH_VERSION-}" ]; then
  _cosi_text /proc/stat; set -f; IFS=$_cosi_nl
  for _l in $_cosi_t; do case $_l in cpu*) _cosi_put "$_l" ;; *) break ;; esac; done
  unset IFS; set +f; _cosi_t=; return 0
fi
while read -r _l; do case $_l in cpu*) _cosi_put "$_l" ;; *) break ;; esac; done < /proc/stat`;

/** Inline. */
export const psiMemoryScript = `_cosi_rd /proc/pressure/memory`;

/**
 * Under a host root in the host's PID namespace: PID 1's table (the host's mounts, host paths).
 * Inline: in bash (the usual login shell) a steady tick reads it with one builtin, no process;
 * other shells \`cat\` it (build.ts \`_cosi_slurp\`). Unreadable: rc 1, as \`cat\` said.
 */
export const mountinfoScript = `_f=/proc/self/mountinfo; if [ "\${_cosi_hpid-}" = host ] && [ -r /proc/1/mountinfo ]; then _f=/proc/1/mountinfo; fi
[ -r "$_f" ] || return 1
_cosi_slurp "$_f"`;

/** The section's skipWhen: the once-per-shell check found PID 1 in our own mount namespace. */
export const samePid1MountNs = '[ "${_cosi_samens-}" = 1 ]';

/** PID 1's mounts, only when it lives in another mount namespace (RancherOS console). */
export const hostMountinfoScript = `absent() { return 127; }
same=\${_cosi_samens-}
if [ -z "$same" ]; then
  a=$(readlink /proc/self/ns/mnt 2>/dev/null); b=$(readlink /proc/1/ns/mnt 2>/dev/null)
  same=0; [ -n "$a" ] && [ "$a" = "$b" ] && same=1
fi
if [ ! -r /proc/1/mountinfo ] || [ "$same" = 1 ]; then absent; else cat /proc/1/mountinfo; fi`;

/** `df FLAG`; under a host root only the mounts at or below DIR, named as the host names them (DIR/var -> /var). */
const dfWith = (flag: string) => `[ -n "$_cosi_hr" ] || exec df ${flag}
df ${flag} | { IFS= read -r l; printf '%s\\n' "$l"
  while read -r fs sz us av cap mp; do
    case $mp in "$_cosi_hr") mp=/ ;; "$_cosi_hr"/*) mp=\${mp#"$_cosi_hr"} ;; *) continue ;; esac
    printf '%s %s %s %s %s %s\\n' "$fs" "$sz" "$us" "$av" "$cap" "$mp"
  done; }`;

/** df is the classic hang on a stale NFS mount: the section has a time bound. */
export const dfScript = dfWith('-kP');

/**
 * Every cgroup of the hierarchies that matter: first "@root KIND MOUNTPOINT" for each hierarchy
 * (KIND: unified (v2), systemd / memory / pids / cpu / blkio (v1)), then "FILE:LINE" for each
 * counter file below them; the parser knows a file's hierarchy from its path. A second mount of a
 * hierarchy already listed (the same controllers) is not walked again. One GNU `grep -r
 * --include` walks the hierarchy that gives the structure (processes: systemd, else memory, else
 * v2), one more walks every other hierarchy at once (cgroup.procs is in every hierarchy, so it
 * must not be in that one's list); busybox grep has no --include (empty output), then find + grep.
 * The greps keep only the lines cosi reads (the parser's formats, parsers/cgroup-values.ts): not
 * PSI "full" lines nor idle "some" lines (avg10 0.00), not v1 blkio's Sync/Async/Discard/Total,
 * one line of memory.stat. "@psi" says the kernel keeps pressure figures (a cgroup without a
 * "some" line was idle). On a hybrid host the v2 tree is read only for what no v1 hierarchy gives
 * (pressure). grep -r and find walk each directory in readdir order, so paths come in the
 * kernel's order: the order systemd-cgls lists cgroups in (parsers/cgroups.ts keeps it).
 */
export const cgroupsScript = `set -f
walk() {
  inc=; while [ "$1" != -- ]; do inc="$inc --include=$1"; shift; done; shift
  out=$(grep -rH $keep $inc "$@" 2>/dev/null); rc=$?
  # rc 1: no line kept (a blkio tree of "Total 0" lines); rc 2 and no output: no --include
  if [ -n "$out" ] || [ "$rc" = 1 ]; then [ -z "$out" ] || printf '%s\\n' "$out"; return; fi
  # One find per hierarchy, memory.stat apart: busybox find cuts longer lists of files into grep
  # commands too long to run (3,000 cgroups are enough).
  expr=; ms=; for f in $inc; do f=\${f#--include=}; if [ "$f" = memory.stat ]; then ms=1; else expr="$expr -o -name $f"; fi; done
  for mp in "$@"; do
    [ -z "$expr" ] || find "$mp" -type f \\( \${expr# -o } \\) -exec grep -H $keep {} + 2>/dev/null
    [ -z "$ms" ] || find "$mp" -type f -name memory.stat -exec grep -H $keep {} + 2>/dev/null
  done
}
keep='-e ^[0-9][0-9]*$ -e ^-1$ -e ^max -e ^[0-9][0-9]*.[0-9][0-9]*$ -e ^[0-9][0-9]*:[0-9][0-9]*.rbytes= -e ^[0-9][0-9]*:[0-9][0-9]*.Read. -e ^[0-9][0-9]*:[0-9][0-9]*.Write. -e ^oom_kill -e ^nr_periods. -e ^nr_throttled. -e ^throttled_usec. -e ^throttled_time. -e ^some.avg10=[1-9] -e ^some.avg10=0.[1-9] -e ^some.avg10=0.0[1-9]'
u=; read -r u _x < /proc/uptime 2>/dev/null && echo "@uptime $u"
{ read -r _x < /proc/pressure/cpu; } 2>/dev/null && echo "@psi"
# Files another hierarchy gives already are not read twice (src/model merge takes v1's figures,
# the systemd hierarchy's processes).
# The cgroup lines of the mount table, picked by one grep: the shell's read takes a byte per
# system call, and a node's table can have 10,000 lines (20 s a pass on the big lab host).
cg=$(grep ' cgroup' /proc/self/mounts 2>/dev/null)
v1=,; while read -r _dev mp fs opts _rest; do [ "$fs" = cgroup ] && v1="$v1$opts,"; done <<EOF
$cg
EOF
v2="cpu.pressure memory.pressure io.pressure"
st=unified; case $v1 in *,memory,*) st=memory ;; esac; case $v1 in *,name=systemd,*) st=systemd ;; esac
case $v1 in *,memory,*) keep="$keep -e ^total_inactive_file." ;; *) v2="$v2 memory.current memory.events memory.max memory.stat"; keep="$keep -e ^inactive_file." ;; esac
case $v1 in *,pids,*) ;; *) v2="$v2 pids.current pids.max" ;; esac
case $v1 in *,cpu,*|*,cpuacct,*) ;; *) v2="$v2 cpu.stat cpu.max"; keep="$keep -e ^usage_usec." ;; esac
case $v1 in *,blkio,*) ;; *) v2="$v2 io.stat" ;; esac
set --; files=; sm=; sf=; seen=,
while read -r _dev mp fs opts _rest; do
  case "$fs" in
    cgroup2) k=unified; h=unified; f=$v2 ;;
    cgroup)
      case ",$opts," in
        *,name=systemd,*) k=systemd; f= ;;
        *,memory,*) k=memory; f="memory.usage_in_bytes memory.oom_control memory.limit_in_bytes memory.stat" ;;
        *,pids,*) k=pids; f="pids.current pids.max" ;;
        *,cpu,*|*,cpuacct,*) k=cpu; f="cpuacct.usage cpu.cfs_quota_us cpu.cfs_period_us cpu.stat" ;;
        *,blkio,*) k=blkio; f=blkio.throttle.io_service_bytes_recursive ;;
        *) continue ;;
      esac
      h=$k; case ",$opts," in *,cpu,*) h="$h+cpu" ;; esac; case ",$opts," in *,cpuacct,*) h="$h+cpuacct" ;; esac ;;
    *) continue ;;
  esac
  case $seen in *",$h,"*) continue ;; esac; seen="$seen$h,"
  echo "@root $k $mp"
  if [ "$k" = "$st" ]; then sm=$mp; sf="cgroup.procs $f"; elif [ -n "$f" ]; then set -- "$@" "$mp"; files="$files $f"; fi
done <<EOF
$cg
EOF
[ -z "$sm" ] || walk $sf -- "$sm"
[ $# = 0 ] || walk $files -- "$@"
exit 0`;

/**
 * Units, when PID 1 is systemd: JSON where systemctl has it (>= 246), plain otherwise. Under a host
 * root: when DIR/run/systemd/system exists (the host booted with systemd), the host's systemctl
 * chrooted into DIR; when that fails (no bus from here, no chroot) "@unreadable" and its message.
 */
export const systemdScript = `
if [ -n "$_cosi_hr" ]; then
  [ -d "$_cosi_hr/run/systemd/system" ] || exit 127
  sc() { chroot "$_cosi_hr" systemctl "$@"; }
else
  read -r init < /proc/1/comm 2>/dev/null
  [ "$init" = systemd ] || exit 127
  command -v systemctl >/dev/null 2>&1 || exit 127
  sc() { systemctl "$@"; }
fi
# One list-units: JSON when this systemctl knows -o json (an old one fails), else plain.
if j=$(sc list-units --all --no-pager -o json 2>/dev/null); then
  case "$j" in '['*) printf '%s\\n' "$j"; exit 0 ;; esac
fi
[ -n "$_cosi_hr" ] || exec systemctl list-units --all --no-legend --no-pager --plain --full
if j=$(sc list-units --all --no-legend --no-pager --plain --full 2>&1); then printf '%s\\n' "$j"; exit 0; fi
printf '@unreadable %s\\n' "$j" | head -n 3
exit 0`;

/**
 * Kernel-wide limits and how near they are: "/proc/sys/FILE:VALUE" per file (fs/file-nr: allocated,
 * free, max) from one grep (a sysctl number cannot be read a byte at a time, as the shells' \`read\`
 * does), and "tasks N" (every thread holds a pid: the total of /proc/loadavg's running/total field).
 * Files this kernel lacks (no conntrack module) are left out.
 */
export const kernelLimitsScript = `[ -r /proc/sys/kernel/pid_max ] || exit 127
cd /proc/sys 2>/dev/null || exit 127
grep -H '' fs/file-nr fs/file-max kernel/pid_max fs/inotify/max_user_instances fs/inotify/max_user_watches net/netfilter/nf_conntrack_count net/netfilter/nf_conntrack_max 2>/dev/null
{ read -r _x _x _x l _x < /proc/loadavg; } 2>/dev/null && echo "tasks \${l#*/}"
exit 0`;

/** Inline. */
export const psiCpuScript = `_cosi_rd /proc/pressure/cpu`;

/** Inline. */
export const psiIoScript = `_cosi_rd /proc/pressure/io`;

/** df's inode counts (df -i is statfs's f_files/f_ffree); bounded in time like df. */
export const dfInodesScript = dfWith('-iP');

/**
 * Who holds inotify instances and watches (costly: a readdir of every process's fds; the slow
 * tier). "@pid PID UID COMM" per holder (real uid from /proc/PID/status: the per-user limits count
 * per user), then one "/proc/PID/fdinfo/FD:N" per instance with its number of watches. Without
 * root, other users' fds are unreadable and left out.
 */
export const inotifyScript = `[ -r /proc/sys/fs/inotify/max_user_watches ] || exit 127
ls -l /proc/[0-9]*/fd 2>/dev/null | grep -e '^/proc/' -e ' anon_inode:inotify$' | {
  pid=; list=; pids=
  while IFS= read -r l; do
    case $l in
      /proc/*) pid=\${l#/proc/}; pid=\${pid%%/*} ;;
      *inotify)
        fd=\${l% -> *}; fd=\${fd##* }; list="$list /proc/$pid/fdinfo/$fd"
        case " $pids " in *" $pid "*) ;; *) pids="$pids $pid" ;; esac ;;
    esac
  done
  for p in $pids; do
    u=; while read -r k v _x; do [ "$k" = Uid: ] && { u=$v; break; }; done < "/proc/$p/status" 2>/dev/null
    c=; read -r c < "/proc/$p/comm" 2>/dev/null
    [ -n "$u" ] && echo "@pid $p $u $c"
  done
  [ -z "$list" ] || grep -c -H '^inotify' $list 2>/dev/null
}
exit 0`;

export { containerdMetaScript, enginesDiscoveryScript, kubeScript, runtimesScript } from './engine-scripts.js';
export { processesScript, procCpuScript } from './process-scripts.js';
