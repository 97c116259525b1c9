/**
 * The probe sections about processes (rules as scripts.ts: POSIX sh, read only, tools only when
 * present, checked under dash, busybox sh and bash).
 */

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

/** proc-cpu's lines with builtins only: a \`read\` per process (dash and busybox read a byte per system call). */
const procCpuLoop = `for d in /proc/[0-9]*; do
    { read -r l < "$d/stat"; } 2>/dev/null || continue
    set -- \${l##*) }
    [ $# -ge 20 ] && echo "\${d#/proc/} $((\${12} + \${13})) \${20}"
  done`;

/**
 * proc-cpu's lines from one grep over every /proc/PID/stat and one awk (issue #13: on a node with
 * 5,000 processes the shell's loop took seconds). grep, not awk, opens the files: it goes on past
 * a process that ended meanwhile, where mawk and busybox awk stop. A line whose pid is not its
 * file's (a command name with a newline in it) is left out; printf %.0f, not print, so that a
 * sum over 2^31 is not written as 2.1e+09 (mawk).
 */
const procCpuScan = `(cd /proc && grep -H '' [0-9]*/stat 2>/dev/null) | awk '{
    i = index($0, "/stat:"); if (i < 2) next
    pid = substr($0, 1, i - 1); l = substr($0, i + 6)
    if (index(l, pid " (") != 1 || !match(l, /.*\\) /)) next
    n = split(substr(l, RLENGTH + 1), f, " ")
    if (n >= 20) printf "%s %.0f %s\\n", pid, f[12] + f[13], f[20]
  }'`;

/**
 * CPU time of every process (bounded): "@uptime SECONDS" then "PID TICKS START" (utime+stime and the
 * start time, in clock ticks, fields 14, 15 and 22 of /proc/PID/stat; the command name is cut off
 * before the fields are split, so a name with spaces or ")" cannot shift them). With grep and awk
 * when the host has both, else with builtins. `_cosi_pcl=1` takes the builtins (tests compare the two).
 */
export const procCpuScript = `absent() { return 127; }
if [ -r /proc/uptime ]; then
  read -r u _x < /proc/uptime; echo "@uptime $u"
  if [ -z "\${_cosi_pcl-}" ] && command -v grep >/dev/null 2>&1 && command -v awk >/dev/null 2>&1; then
  ${procCpuScan}
  else
  ${procCpuLoop}
  fi
else absent; fi`;
