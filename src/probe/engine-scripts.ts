/**
 * The POSIX sh bodies of the sections that find container engines and read the
 * runtimes' state (docker/podman sockets, kube checks, containerd and CRI-O task
 * bundles); the same rules as scripts.ts, which re-exports them.
 */

/**
 * Which engine sockets exist and whether we may open them, and the state of
 * their systemd units (socket activation must never be triggered).
 * Lines: "socket PATH rw|denied", "unit NAME STATE", "userunit UID NAME STATE", "tool NAME PATH", "init COMM".
 */
export const enginesDiscoveryScript = `
hr=$_cosi_hr
# A socket under a host root: /var/run is /run (often an absolute link, which would leave DIR).
sock() {
  p=$hr$1; [ -n "$hr" ] && case $1 in /var/run/*) p=$hr\${1#/var} ;; esac
  [ -S "$p" ] || return 0
  if [ -r "$p" ] && [ -w "$p" ]; then echo "socket $1 rw"; else echo "socket $1 denied"; fi
}
for s in /var/run/docker.sock /var/run/system-docker.sock /run/podman/podman.sock; do sock "$s"; done
for s in "$hr"/run/user/*/podman/podman.sock; do sock "\${s#"$hr"}"; done
# The tools on PATH, walked with builtins (a \`command -v\` in a substitution is a process each).
IFS=:; set -f
for t in docker system-docker podman curl sudo; do
  for d in $PATH; do case $d in /*) [ -f "$d/$t" ] && [ -x "$d/$t" ] && { echo "tool $t $d/$t"; break; } ;; esac; done
done
set +f; IFS=' 	
'
read -r init < /proc/1/comm 2>/dev/null
# Under a host root the host's own systemctl, chrooted (an answer it cannot give leaves the states
# empty: unknown, and a socket-activated engine is then not opened).
if [ -n "$hr" ]; then
  init=; [ -d "$hr/run/systemd/system" ] && init=systemd
  systemctl() { chroot "$hr" systemctl "$@"; }
fi
if [ "$init" = systemd ] && { [ -n "$hr" ] || command -v systemctl >/dev/null 2>&1; }; then
  set -- docker.service docker.socket podman.service podman.socket containerd.service
  # One systemctl for all five: it prints one state per unit, in order.
  systemctl is-active "$@" 2>/dev/null | for u in "$@"; do s=; IFS= read -r s; echo "unit $u $s"; done
  # A rootless podman socket is its user's podman.socket: ask that user's manager (as that user,
  # or as root with -M user@); a state nobody could read stays empty and cosi does not connect.
  me=
  for s in "$hr"/run/user/*/podman/podman.sock; do
    [ -S "$s" ] || continue
    s=\${s#"$hr"}
    [ -n "$me" ] || me=$(id -u 2>/dev/null)
    u=\${s#/run/user/}; u=\${u%%/*}
    if [ "$u" = "$me" ]; then XDG_RUNTIME_DIR=/run/user/$u systemctl --user is-active podman.socket podman.service 2>/dev/null
    elif [ "$me" = 0 ] && n=$(id -nu "$u" 2>/dev/null); then systemctl --user -M "$n@" is-active podman.socket podman.service 2>/dev/null
    fi | for x in podman.socket podman.service; do st=; IFS= read -r st; echo "userunit $u $x $st"; done
  done
fi
echo "init $init"
exit 0`;

/** kube-proxy IPVS prerequisites from the seed: modules (loaded or built in) and tools. */
export const kubeScript = `
echo '@modules'
grep -E '^(ip_vs|ip_vs_rr|ip_vs_wrr|ip_vs_sh|nf_conntrack|nf_conntrack_ipv4) ' /proc/modules 2>/dev/null
echo '@builtin'
# The release from the probe shell's once-read uname (Linux RELEASE ...) when it is there.
r=\${_cosi_uname-}; r=\${r#* }; r=\${r%% *}; [ -n "$r" ] || r=$(uname -r 2>/dev/null)
grep -E '/(ip_vs|ip_vs_rr|ip_vs_wrr|ip_vs_sh|nf_conntrack|nf_conntrack_ipv4)\\.ko' "$_cosi_hr/lib/modules/$r/modules.builtin" 2>/dev/null
echo '@tools'
# Under a host root, the host's tools (its usual directories), not this shell's.
have() {
  [ -n "$_cosi_hr" ] || { command -v "$1" >/dev/null 2>&1; return; }
  for d in /usr/local/sbin /usr/local/bin /usr/sbin /usr/bin /sbin /bin; do [ -x "$_cosi_hr$d/$1" ] && return 0; done
  return 1
}
for t in ipset socat ethtool ebtables conntrack tar; do
  if have "$t"; then echo "$t yes"; else echo "$t no"; fi
done
exit 0`;

/**
 * containerd's and k3s's task bundles and CRI-O's container state, read as files: the runtime's
 * socket is never opened (nothing is woken; works with containerd and kubelet down). Per root:
 * "@root KIND DIR SOCKET", "@pid REL PID ALIVE" per task (builtins only), then one `grep -H ''`
 * over every config.json (the OCI spec with the CRI's annotations), then one `stat` of them all
 * ("@mtime SECONDS PATH": when each bundle was written). Then "@pods" and the kubelet's log files
 * (their attempt number is the restart count), "@status DIR" and the CRI's status files / CRI-O's
 * exit files (last exits, creation times), "@links" and /var/log/containers' names.
 * See parsers/runtime-state.ts.
 */
export const runtimesScript = `found=
hr=$_cosi_hr
# grep -H '' DIR/PATTERN; under a host root from inside DIR: "./..." names (the host's DIR is the
# parser's: an "@root"/"@status" line names it).
files() {
  if [ -z "$hr" ]; then set -- "$1"/$2; [ -f "$1" ] && grep -H '' "$@" 2>/dev/null; return 0; fi
  ( cd "$hr$1" 2>/dev/null || exit 0; set -- ./$2; [ -f "$1" ] && grep -H '' "$@" 2>/dev/null ); return 0
}
root() {
  k=$1; t=$2; pf=$3; sock=$hr$4
  [ -d "$hr$t" ] || [ -S "$sock" ] || return 0
  found=1; s=0; [ -S "$sock" ] && s=1
  echo "@root $k $t $s"
  for f in "$hr$t"/$pf; do
    [ -f "$f" ] || continue
    p=; read -r p < "$f" 2>/dev/null
    a=0; [ -n "$p" ] && [ -d "/proc/$p" ] && a=1
    echo "@pid \${f#"$hr$t"/} $p $a"
  done
  files "$t" "\${pf%/*}/config.json"
  # When each bundle was written (its task's creation): one stat over all of them.
  if [ -z "$hr" ]; then set -- "$t"/\${pf%/*}/config.json; [ -f "$1" ] && stat -c '@mtime %Y %n' "$@" 2>/dev/null; return 0; fi
  ( cd "$hr$t" 2>/dev/null || exit 0; set -- ./\${pf%/*}/config.json; [ -f "$1" ] && stat -c '@mtime %Y %n' "$@" 2>/dev/null ); return 0
}
root containerd /run/containerd/io.containerd.runtime.v2.task '*/*/init.pid' /run/containerd/containerd.sock
root k3s /run/k3s/containerd/io.containerd.runtime.v2.task '*/*/init.pid' /run/k3s/containerd/containerd.sock
vr=/var/run; [ -n "$hr" ] && vr=/run
if [ -d "$hr/run/crio" ] || [ -S "$hr$vr/crio/crio.sock" ]; then
  root cri-o /run/containers/storage/overlay-containers '*/userdata/pidfile' $vr/crio/crio.sock
fi
set -- "$hr"/var/log/pods/*/*/*.log
if [ -f "$1" ]; then found=1; echo @pods; for f in "$@"; do echo "\${f#"$hr"/var/log/pods/}"; done; fi
# Last exits: the CRI plugin's status file per container (kept after its task is deleted), CRI-O's
# exit files; /var/log/containers' names tie each container id to its pod and container name.
for d in /var/lib/containerd/io.containerd.grpc.v1.cri/containers /var/lib/rancher/k3s/agent/containerd/io.containerd.grpc.v1.cri/containers; do
  set -- "$hr$d"/*/status
  [ -f "$1" ] && { found=1; echo "@status $d"; files "$d" '*/status'; }
done
set -- "$hr"/run/crio/exits/*
[ -f "$1" ] && { echo '@status /run/crio/exits'; files /run/crio/exits '*'; }
set -- "$hr"/var/log/containers/*.log
if [ -e "$1" ] || [ -L "$1" ]; then echo @links; for f in "$@"; do echo "\${f#"$hr"/var/log/containers/}"; done; fi
[ -n "$found" ] || exit 127
exit 0`;

/** The largest meta.db the probe copies (bigger: "too-big", and cosi says so). */
export const META_MAX_BYTES = 8 * 1024 * 1024;

/**
 * containerd's and k3s's metadata store (meta.db, a bbolt file) copied as bytes: every container
 * with or without a task, its image and labels (parsers/containerd-meta.ts reads it). Read-only
 * and bounded: a file over META_MAX_BYTES is only named; no socket is opened.
 * Lines: "@meta KIND PATH SIZE base64|od" then the bytes, "@meta KIND PATH SIZE too-big",
 * "@meta KIND PATH - denied".
 */
export const containerdMetaScript = `found=
hr=$_cosi_hr
meta() {
  d=\${2%/io.containerd.metadata.v1.bolt/meta.db}
  # containerd's root is 0711 on a real node; one this user cannot pass is "denied" (--sudo reads it)
  if [ -d "$hr$d" ] && ! [ -x "$hr$d" ]; then found=1; echo "@meta $1 $2 - denied"; return 0; fi
  f=$hr$2
  [ -f "$f" ] || return 0
  found=1
  [ -r "$f" ] || { echo "@meta $1 $2 - denied"; return 0; }
  set -- "$1" "$2" "$f" $(ls -ln "$f" 2>/dev/null)
  n=\${8-}; case $n in ''|*[!0-9]*) n=- ;; esac
  if [ "$n" != - ] && [ "$n" -gt ${META_MAX_BYTES} ]; then echo "@meta $1 $2 $n too-big"; return 0; fi
  if command -v base64 >/dev/null 2>&1; then echo "@meta $1 $2 $n base64"; head -c ${META_MAX_BYTES} "$3" | base64
  else echo "@meta $1 $2 $n od"; head -c ${META_MAX_BYTES} "$3" | od -An -v -tx1; fi
}
meta containerd /var/lib/containerd/io.containerd.metadata.v1.bolt/meta.db
meta k3s /var/lib/rancher/k3s/agent/containerd/io.containerd.metadata.v1.bolt/meta.db
[ -n "$found" ] || exit 127
exit 0`;
