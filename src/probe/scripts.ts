/**
 * The POSIX sh bodies of the probe sections. Rules (checked by tests under
 * busybox sh and dash): read only, no bash-isms, nothing that starts a
 * service or touches an engine socket, tools used only when present
 * (`exit 127` = absent). Bodies run with stdin from /dev/null inside a
 * subshell, so `exit` ends only the section.
 */

export const identityScript = `
h=$(cat /proc/sys/kernel/hostname 2>/dev/null || hostname 2>/dev/null); echo "hostname=$h"
echo "uname=$(uname -srvm 2>/dev/null)"
if read -r l < /proc/uptime; then echo "uptime=$l"; fi
if read -r l < /proc/loadavg; then echo "loadavg=$l"; fi
echo "cpus=$(grep -c '^processor' /proc/cpuinfo 2>/dev/null)"
echo "time=$(date +%s)"
if read -r l < /proc/1/comm; then echo "init=$l"; fi
` ;

export const osReleaseScript = `cat /etc/os-release 2>/dev/null || cat /usr/lib/os-release`;

export const meminfoScript = `cat /proc/meminfo`;

/** System-wide counters that explain memory trouble (OOM kills since boot). */
export const vmstatScript = `grep -E '^(oom_kill|pgmajfault|pswpin|pswpout) ' /proc/vmstat`;

export const psiMemoryScript = `[ -r /proc/pressure/memory ] || exit 127
cat /proc/pressure/memory`;

export const mountinfoScript = `cat /proc/self/mountinfo`;

/** PID 1's mounts, only when it lives in another mount namespace (RancherOS console). */
export const hostMountinfoScript = `[ -r /proc/1/mountinfo ] || exit 127
a=$(readlink /proc/self/ns/mnt 2>/dev/null); b=$(readlink /proc/1/ns/mnt 2>/dev/null)
if [ -n "$a" ] && [ "$a" = "$b" ]; then exit 127; fi
cat /proc/1/mountinfo`;

/** df is the classic hang on a stale NFS mount: the section has a time bound. */
export const dfScript = `df -kP`;

/**
 * Every cgroup of the hierarchies that matter, in one find + grep: lines
 * "@root KIND MOUNTPOINT" then "FILE:LINE" for each counter file.
 * KIND: unified (v2), systemd / memory / pids (v1).
 */
export const cgroupsScript = `
while read -r _dev mp fs opts _rest; do
  case "$fs" in
    cgroup2) echo "@root unified $mp"
      find "$mp" -type f \\( -name cgroup.procs -o -name memory.current -o -name memory.events -o -name pids.current \\) -exec grep -H '' {} + 2>/dev/null ;;
    cgroup)
      case ",$opts," in
        *,name=systemd,*) echo "@root systemd $mp"
          find "$mp" -type f -name cgroup.procs -exec grep -H '' {} + 2>/dev/null ;;
        *,memory,*) echo "@root memory $mp"
          find "$mp" -type f \\( -name memory.usage_in_bytes -o -name memory.oom_control -o -name cgroup.procs \\) -exec grep -H '' {} + 2>/dev/null ;;
        *,pids,*) echo "@root pids $mp"
          find "$mp" -type f -name pids.current -exec grep -H '' {} + 2>/dev/null ;;
      esac ;;
  esac
done < /proc/self/mounts
exit 0`;

/**
 * Processes: procps ps, else busybox ps, else /proc/<pid>/stat. The first
 * line names the format ("@format procps|busybox|stat").
 */
export const processesScript = `
if out=$(ps -eo pid,ppid,user:32,rss,stat,etimes,comm:16,args 2>/dev/null) && [ -n "$out" ]; then
  echo '@format procps'; printf '%s\\n' "$out"; exit 0
fi
if out=$(ps -o pid,ppid,user,rss,stat,comm,args 2>/dev/null) && [ -n "$out" ]; then
  echo '@format busybox'; printf '%s\\n' "$out"; exit 0
fi
echo '@format stat'
for d in /proc/[0-9]*; do { read -r l < "$d/stat"; } 2>/dev/null && echo "$l"; done
exit 0`;

/** Units, when PID 1 is systemd: JSON where systemctl has it (>= 246), plain otherwise. */
export const systemdScript = `
read -r init < /proc/1/comm 2>/dev/null
[ "$init" = systemd ] || exit 127
command -v systemctl >/dev/null 2>&1 || exit 127
systemctl list-units --all --no-pager -o json 2>/dev/null | grep -q '^\\[' && { systemctl list-units --all --no-pager -o json; exit $?; }
systemctl list-units --all --no-legend --no-pager --plain --full`;

/**
 * Which engine sockets exist and whether we may open them, and the state of
 * their systemd units (socket activation must never be triggered).
 * Lines: "socket PATH rw|denied", "unit NAME STATE", "tool NAME PATH".
 */
export const enginesDiscoveryScript = `
for s in /var/run/docker.sock /var/run/system-docker.sock /run/podman/podman.sock /run/user/*/podman/podman.sock; do
  [ -S "$s" ] || continue
  if [ -r "$s" ] && [ -w "$s" ]; then echo "socket $s rw"; else echo "socket $s denied"; fi
done
for t in docker system-docker podman curl sudo; do
  p=$(command -v "$t" 2>/dev/null) && echo "tool $t $p"
done
read -r init < /proc/1/comm 2>/dev/null
if [ "$init" = systemd ] && command -v systemctl >/dev/null 2>&1; then
  set -- docker.service docker.socket podman.service podman.socket containerd.service
  for u in "$@"; do s=$(systemctl is-active "$u" 2>/dev/null); echo "unit $u $s"; done
fi
exit 0`;

/** kube-proxy IPVS prerequisites from the seed: modules (loaded or built in) and tools. */
export const kubeScript = `
echo '@modules'
grep -E '^(ip_vs|ip_vs_rr|ip_vs_wrr|ip_vs_sh|nf_conntrack|nf_conntrack_ipv4) ' /proc/modules 2>/dev/null
echo '@builtin'
r=$(uname -r 2>/dev/null)
grep -E '/(ip_vs|ip_vs_rr|ip_vs_wrr|ip_vs_sh|nf_conntrack|nf_conntrack_ipv4)\\.ko' "/lib/modules/$r/modules.builtin" 2>/dev/null
echo '@tools'
for t in ipset socat ethtool ebtables conntrack tar; do
  if command -v "$t" >/dev/null 2>&1; then echo "$t yes"; else echo "$t no"; fi
done
exit 0`;
