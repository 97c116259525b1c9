/** The body of the cgroup-counters section (rules as scripts.ts: POSIX sh, read only, checked under dash, busybox sh and bash). */

/** Lines read of one counter file (cpu.stat has about ten). */
export const COUNTER_LINES = 16;

/**
 * The counters of the cgroups on screen (its data: src/probe/counters.ts). Inline, builtins only: no process.
 * \`$_cosi_cq\` (data set before it by counterData, never code) is split into lines by the shell's
 * field splitting (one pass, globbing off; \`\${x%%pattern}\` loops are quadratic in bash):
 * "r<mount point>" starts a hierarchy, "f<file>" adds one of its counter files, "p<path>" reads
 * them below the mount point. Printed: "@uptime <seconds>" (the clock of the rates), "@r <mount
 * point>" per hierarchy, then "<file path>:<line>" as \`grep -H\` would. A cgroup gone since the
 * tree was read is just not there. Only the lines cosi reads (parsers/cgroup-values.ts), and no
 * further than the last of them: a counter file's one value; of cpu.stat usage_usec, nr_periods,
 * nr_throttled and throttled_usec (v1 throttled_time), and nothing after "nr_periods 0" (never
 * under a quota: nothing throttled). A Services screen's answer on the big lab host: 26.2 -> 13.2 KB.
 * A hierarchy's lines gather in `_c` and join the answer `_o` once: each line appended to `_o`
 * itself would copy the whole answer so far (quadratic).
 */
export const countersScript = `_u=; read -r _u _x < /proc/uptime && _cosi_put "@uptime $_u"
_d=; _fs=; _c=
set -f; IFS=$_cosi_nl
for _l in $_cosi_cq; do
  case $_l in
    r*) _o="$_o$_c"; _c=; _d=\${_l#r}; _fs=; _cosi_put "@r $_d" ;;
    f*) _fs="$_fs$_cosi_nl\${_l#f}" ;;
    p*) _p=\${_l#p}
      for _f in $_fs; do
        [ -f "$_d$_p/$_f" ] || continue
        _n=0; while [ $_n -lt ${COUNTER_LINES} ] && IFS= read -r _v; do _n=$((_n + 1))
          case $_f:$_v in
            cpu.stat:usage_usec\\ *|cpu.stat:nr_periods\\ [1-9]*|cpu.stat:nr_throttled\\ *) _c="$_c$_d$_p/$_f:$_v$_cosi_nl" ;;
            cpu.stat:nr_periods\\ *|cpu.stat:throttled_*) _c="$_c$_d$_p/$_f:$_v$_cosi_nl"; break ;;
            cpu.stat:*) ;;
            *) _c="$_c$_d$_p/$_f:$_v$_cosi_nl"; break ;;
          esac
        done < "$_d$_p/$_f"
      done ;;
  esac
done
_o="$_o$_c"; _c=
unset IFS; set +f
return 0`;
