import { hostRootAssign, shQuote } from '../probe/build.js';
import { enginesDiscoveryScript } from '../probe/scripts.js';

/**
 * The one shell script `cosi logs` runs on the target, and the reader of its
 * answer. Read-only and bounded: journalctl always with -n (never --vacuum,
 * --rotate, --flush, never `systemctl status`, slow on big journals), docker
 * logs with --tail, and every step's output cut at a byte cap by `head -c`.
 *
 * Frames, per step (nonce fresh per call, so host output cannot forge one):
 *   @@COSILOG:<nonce>:B:<key>          stdout follows (cut at the cap)
 *   @@COSILOG:<nonce>:E:<rc>:<key>     stderr follows (missing when the cap cut the step)
 *   @@COSILOG:<nonce>:F:<key>          step ends
 *   @@COSILOG:<nonce>:DONE             script ends
 */
export const LOG_FRAME = '@@COSILOG';

export function logsTerminator(nonce: string): string {
  return `${LOG_FRAME}:${nonce}:DONE`;
}

export interface LogsRequest {
  /** A unit (`nginx.service`), a container name or id, `kernel`, or a log file's absolute path. */
  target: string;
  lines: number;
  /** `10m`, `2h`, `1d` (relative) or `2026-12-01[ 14:00[:00]]`, already validated. */
  since?: string;
  /** 0 this boot, -1 the previous one (journal only). */
  boot?: number;
  /** Lines at this syslog level (0 emerg .. 7 debug) or more important: journalctl -p (other sources: atPriority). */
  priority?: number;
  sudo: boolean;
  /** Bytes kept of each step's output. */
  capBytes: number;
  /**
   * Following: only what came after the last read. The journal's cursor (`--after-cursor`), a
   * container's last timestamp (`docker logs --since`), a file's size (read from that offset).
   */
  after?: { cursor?: string; time?: string; offset?: number };
  /** `--host-root DIR`: the host's journal, log files and engine sockets are under DIR. */
  hostRoot?: string;
}

const UNIT_SUFFIX = /\.(service|socket|timer|mount|automount|swap|target|path|slice|scope|device)$/;

/** A Kubernetes pod's CRI log files: `pod/NAMESPACE/POD[/CONTAINER]` (DNS names: the host's directory names). */
export const POD_TARGET = /^pod\/([a-z0-9][a-z0-9.-]*)\/([a-z0-9][a-z0-9.-]*)(?:\/([a-z0-9][a-z0-9.-]*))?$/;

/** What TARGET names: the kernel, certainly a unit (by its suffix), a pod, or a container or else a service. */
export function targetKind(target: string): 'kernel' | 'file' | 'unit' | 'pod' | 'container-or-unit' {
  if (target === 'kernel') return 'kernel';
  if (target.startsWith('/')) return 'file';
  if (target.startsWith('pod/')) return 'pod';
  return UNIT_SUFFIX.test(target) ? 'unit' : 'container-or-unit';
}

/** The unit a bare name means, as `journalctl -u` and systemctl read it. */
export function unitName(target: string): string {
  return UNIT_SUFFIX.test(target) ? target : `${target}.service`;
}

/** journalctl's and docker's spellings of --since. */
export function sinceArgs(since: string): { journal: string; docker: string } {
  const rel = /^(\d+)([smhd])$/.exec(since);
  if (rel) return { journal: `-${rel[1]}${rel[2] === 'm' ? 'min' : rel[2]}`, docker: since };
  return { journal: since, docker: since.replace(' ', 'T') };
}

export const SINCE_FORMAT = /^(\d+[smhd]|\d{4}-\d\d-\d\d( \d\d:\d\d(:\d\d)?)?)$/;

/** Step keys, in the answer. */
export const STEP = { file: 'file', size: 'size', year: 'year', journal: 'journal', loadState: 'load-state', dmesg: 'dmesg', docker: 'docker', dockerAsleep: 'docker-asleep', systemDocker: 'system-docker', discovery: 'discovery', plainFile: 'plain-file', syslog: 'syslog', podDirs: 'pod-dirs' } as const;

/** Step key of one pod container's CRI file. */
export const CRI_STEP = 'cri-';

/** Step key of one engine's `docker logs` in the second round trip (buildCliLogsScript). */
export const cliStep = (engine: number): string => `cli-${engine}`;

/**
 * How containers are asked in the first round trip: 'cli' runs `docker logs`
 * and `system-docker logs` in the shell (--via: the shell is all there is);
 * 'discover' runs the engines discovery instead, so the caller reads the
 * Engine API over forwarded sockets (src/logs/read.ts).
 */
export type ContainerMode = 'cli' | 'discover';

export function buildLogsScript(r: LogsRequest, nonce: string, containers: ContainerMode = 'cli'): string {
  const sudo = r.sudo ? 'sudo -n ' : '';
  const out = prelude(r, nonce);
  const since = r.since === undefined ? undefined : sinceArgs(r.since);
  const jopts = ['--no-pager', '-o', 'json', '-n', String(r.lines)];
  if (since) jopts.push(`--since=${since.journal}`);
  if (r.boot !== undefined) jopts.push(`--boot=${r.boot}`);
  if (r.priority !== undefined) jopts.push(`--priority=${r.priority}`);
  if (r.after?.cursor) jopts.push(`--after-cursor=${r.after.cursor}`);
  const hr = hostRootOf(r);
  const j = `${hr ? '_hjc ' : `${sudo}journalctl `}${jopts.map(shQuote).join(' ')}`;
  const kind = targetKind(r.target);
  // The journal where there is journalctl; where systemd is not PID 1 (RancherOS, busybox, a console
  // container) the plain sources too, as a journalctl installed there may have no journal to read.
  // Under a host root: the host booted with systemd when it has /run/systemd/system; its journal is
  // read by this shell's journalctl with --root, else by the host's own, chrooted.
  if (hr) out.push(...hostRootPrelude(hr, sudo));
  else out.push('_sd=; read -r _sd < /proc/1/comm 2>/dev/null', '_hasjc() { command -v journalctl >/dev/null 2>&1; }');
  const sc = hr ? `chroot ${shQuote(hr)} systemctl` : 'systemctl';
  if (kind === 'kernel') {
    out.push(`_hasjc && _cl ${STEP.journal} ${j} -k`, `[ "$_sd" = systemd ] || _cl ${STEP.dmesg} sh -c '${sudo}dmesg | tail -n ${r.lines}'`);
  } else if (kind === 'file') {
    // Plain files where there is no journal (RancherOS, busybox: /var/log/messages, docker.log); the
    // host's year dates their RFC 3164 lines.
    // Its size first: following reads from there on (the bytes between two sizes, exactly).
    const p = shQuote(hr + r.target);
    out.push(`_cl ${STEP.year} date +%Y`, `_sz=$(${sudo}wc -c -- ${p} 2>/dev/null); _sz=$(echo $_sz); _sz=\${_sz%% *}; _cl ${STEP.size} echo "$_sz"`);
    const off = r.after?.offset;
    if (off === undefined) out.push(`_cl ${STEP.file} ${sudo}tail -n ${r.lines} -- ${p}`);
    else {
      // A file smaller than the offset was rotated or truncated: its last lines, as on a first read.
      out.push(
        `if [ -n "$_sz" ] && [ "$_sz" -ge ${off} ]; then _cl ${STEP.file} ${sudo}sh -c 'tail -c +"$1" -- "$2" | head -c "$3"' sh ${off + 1} ${p} "$((_sz - ${off}))";`,
        `else _cl ${STEP.file} ${sudo}tail -n ${r.lines} -- ${p}; fi`,
      );
    }
  } else if (kind === 'pod') {
    out.push(...podSteps(r, sudo, hr));
  } else {
    const u = shQuote(unitName(r.target));
    const name = unitName(r.target).replace(UNIT_SUFFIX, '');
    out.push(
      'if _hasjc; then',
      // The unit's own lines, and PID 1's about it (a unit that fails to start often has its only reason there).
      `  _cl ${STEP.journal} ${j} _SYSTEMD_UNIT=${u} + _PID=1 UNIT=${u}`,
      `  ${hr ? '' : 'command -v systemctl >/dev/null 2>&1 && '}_cl ${STEP.loadState} ${sc} show -p LoadState --value -- ${u}`,
      'fi',
      // No systemd (RancherOS, busybox): the service's own /var/log/NAME.log, else the syslog lines that name it.
      `if [ "$_sd" != systemd ]; then _cl ${STEP.year} date +%Y; if [ -e ${shQuote(`${hr}/var/log/${name}.log`)} ]; then _cl ${STEP.plainFile} ${sudo}tail -n ${r.lines} -- ${shQuote(`${hr}/var/log/${name}.log`)};`,
      `  else _cl ${STEP.syslog} ${sudo}sh -c ${shQuote(`cat ${shQuote(`${hr}/var/log/messages`)} ${shQuote(`${hr}/var/log/syslog`)} 2>/dev/null | grep -F -e ${shQuote(name)} | tail -n ${r.lines}`)}; fi; fi`,
    );
    if (kind === 'container-or-unit' && containers === 'discover') out.push(`_cl ${STEP.discovery} sh -c ${shQuote(`${hostRootAssign(hr)}\n${enginesDiscoveryScript}`)}`);
    else if (kind === 'container-or-unit') {
      const d = dockerLogsArgs(r);
      // Under a host root the CLI is this shell's, the sockets the host's (/var/run as /run).
      const at = (sock: string) => (hr ? ` -H ${shQuote(`unix://${hr}/run/${sock}`)}` : '');
      out.push(
        // The docker CLI would start a socket-activated docker.service that is not running: never.
        `if [ "$(${sc} is-active docker.socket 2>/dev/null)" = active ] && [ "$(${sc} is-active docker.service 2>/dev/null)" != active ]; then _cl ${STEP.dockerAsleep} true;`,
        `elif command -v docker >/dev/null 2>&1${hr ? ` && [ -S ${shQuote(`${hr}/run/docker.sock`)} ]` : ''}; then _cl ${STEP.docker} _cdl ${sudo}docker${at('docker.sock')} ${d}; fi`,
        hr
          ? `command -v docker >/dev/null 2>&1 && [ -S ${shQuote(`${hr}/run/system-docker.sock`)} ] && _cl ${STEP.systemDocker} _cdl ${sudo}docker${at('system-docker.sock')} ${d}`
          : `command -v system-docker >/dev/null 2>&1 && _cl ${STEP.systemDocker} _cdl ${sudo}system-docker ${d}`,
      );
    }
  }
  out.push(`printf '\\n%s\\n' ${shQuote(logsTerminator(nonce))}`);
  return out.join('\n') + '\n';
}

/** One engine read by its CLI in the shell: its socket could not be forwarded, or it is root's (`--sudo`). */
export interface CliLogsEngine {
  /** Its index in the engine plan (the step key). */
  engine: number;
  tool: string;
  sudo: boolean;
  socket: string;
}

/** The second round trip: `[sudo -n] TOOL -H unix://SOCKET logs ...` for each engine the API could not read. */
export function buildCliLogsScript(r: LogsRequest, nonce: string, engines: CliLogsEngine[]): string {
  const out = prelude(r, nonce);
  for (const e of engines) out.push(`_cl ${cliStep(e.engine)} _cdl ${e.sudo ? 'sudo -n ' : ''}${shQuote(e.tool)} -H ${shQuote(`unix://${e.socket}`)} ${dockerLogsArgs(r)}`);
  out.push(`printf '\\n%s\\n' ${shQuote(logsTerminator(nonce))}`);
  return out.join('\n') + '\n';
}

/**
 * A pod's CRI files: /var/log/pods/NS_POD_UID/CONTAINER/N.log, the highest N
 * (the current attempt) of each container, or of the one named.
 */
function podSteps(r: LogsRequest, sudo: string, hr: string): string[] {
  const m = POD_TARGET.exec(r.target);
  if (!m) return [];
  const [, ns, pod, ctr = ''] = m;
  const pods = `${shQuote(`${hr}/var/log/pods`)}/${ns}_${pod}_*/`;
  return [
    `_cl ${STEP.podDirs} sh -c ${shQuote(`${sudo}ls -d ${pods} 2>/dev/null; exit 0`)}`,
    `for _d in ${pods}; do [ -d "$_d" ] || continue; for _c in $(${sudo}ls "$_d" 2>/dev/null); do`,
    `  case $_c in *[!a-z0-9._-]*) continue;; esac; [ -z ${shQuote(ctr)} ] || [ "$_c" = ${shQuote(ctr)} ] || continue`,
    `  _f=$(${sudo}ls "$_d$_c" 2>/dev/null | grep -E '^[0-9]+\\.log$' | sort -n | tail -n 1); [ -n "$_f" ] && _cl "${CRI_STEP}$_c" ${sudo}tail -n ${r.lines} -- "$_d$_c/$_f"`,
    'done; done',
  ];
}

/** `--host-root DIR` without a trailing slash; '' without one. */
function hostRootOf(r: LogsRequest): string {
  return (r.hostRoot ?? '').replace(/\/+$/, '');
}

/**
 * Under a host root: systemd is the host's when DIR/run/systemd/system exists; its journal is read
 * with this shell's journalctl (--root), else with the host's own, chrooted into DIR.
 */
function hostRootPrelude(hr: string, sudo: string): string[] {
  const q = shQuote(hr);
  return [
    `_sd=; [ -d ${shQuote(`${hr}/run/systemd/system`)} ] && _sd=systemd`,
    `_hasjc() { command -v journalctl >/dev/null 2>&1 || [ -x ${shQuote(`${hr}/usr/bin/journalctl`)} ] || [ -x ${shQuote(`${hr}/bin/journalctl`)} ]; }`,
    `_hjc() { if command -v journalctl >/dev/null 2>&1; then ${sudo}journalctl --root=${q} "$@"; else ${sudo}chroot ${q} journalctl "$@"; fi; }`,
  ];
}

function dockerLogsArgs(r: LogsRequest): string {
  // Following: after the last line's time (the lines at that time come again and are dropped).
  const since = r.after?.time ?? (r.since === undefined ? undefined : sinceArgs(r.since).docker);
  return ['logs', '--timestamps', '--tail', String(r.lines), ...(since ? ['--since', since] : []), '--', r.target].map(shQuote).join(' ');
}

function prelude(r: LogsRequest, nonce: string): string[] {
  const f = shQuote(`${LOG_FRAME}:${nonce}`);
  return [
    // _cl KEY CMD...: stdout cut at the cap; the stderr and status follow in the same cut stream.
    `_cl() { _k=$1; shift; printf '\\n%s:B:%s\\n' ${f} "$_k";` +
      ` { _e=$( "$@" </dev/null 2>&1 1>&3 3>&- ); printf '\\n%s:E:%s:%s\\n%s\\n' ${f} "$?" "$_k" "$_e"; } 3>&1 | head -c ${r.capBytes};` +
      ` printf '\\n%s:F:%s\\n' ${f} "$_k"; }`,
    // _cdl CMD...: docker logs with its stderr lines marked "E " (stdout lines start with the time).
    `_cdl() { { "$@" 2>&1 1>&3 3>&- | sed 's/^/E /'; } 3>&1; }`,
  ];
}

export interface LogsStep {
  key: string;
  /** Exit status; null when the byte cap cut the step (its stderr and status were cut too). */
  rc: number | null;
  out: string;
  err: string;
}

/** Reads the framed answer of buildLogsScript, by step key. */
export function readLogsSteps(output: string, nonce: string): Map<string, LogsStep> {
  const f = `${LOG_FRAME}:${nonce}:`;
  const steps = new Map<string, LogsStep>();
  // The nonce makes the frame lines unforgeable: splitting on them is safe.
  for (const chunk of output.split(`${f}B:`).slice(1)) {
    const nl = chunk.indexOf('\n');
    if (nl < 0) break;
    const key = chunk.slice(0, nl);
    const fin = chunk.indexOf(`\n${f}F:${key}\n`);
    const body = chunk.slice(nl + 1, fin < 0 ? undefined : fin);
    const e = body.lastIndexOf(`\n${f}E:`);
    if (e < 0) steps.set(key, { key, rc: null, out: body, err: '' });
    else {
      const eEnd = body.indexOf('\n', e + 1);
      const rc = /^(\d+):/.exec(body.slice(e + 1 + f.length + 2, eEnd));
      steps.set(key, { key, rc: rc ? Number(rc[1]) : null, out: body.slice(0, e + 1), err: eEnd < 0 ? '' : body.slice(eEnd + 1).replace(/\n$/, '') });
    }
  }
  return steps;
}
