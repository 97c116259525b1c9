import { randomBytes } from 'node:crypto';
import type { SectionSpec } from './section.js';
import { onceScript } from './scripts.js';
import { MARKERS, TICK_VARS } from './tiers.js';

/**
 * Frame lines: "@@COSI:<nonce>:B:<id>" opens a section, "@@COSI:<nonce>:E:<id>:<rc>:<up0>:<up1>"
 * closes it (rc and /proc/uptime before and after), "@@COSI:<nonce>:S:<id>:<rc>:<up0>:<up1>"
 * alone says "same output as the last time this shell sent it", "@@COSI:<nonce>:DONE" ends the tick.
 * The nonce is fresh per tick and never exported, so host output cannot forge a frame.
 */
export const FRAME = '@@COSI';

export function newNonce(): string {
  return randomBytes(12).toString('hex');
}

/** The frame a probe prints instead of its sections when the host has no /dev/null device. */
export const NO_DEV_NULL = 'NODEVNULL';

export function terminatorFor(nonce: string): string {
  return `${FRAME}:${nonce}:DONE`;
}

export interface BuildOptions {
  /** Run root sections through `sudo -n` (never prompts; a password demand fails the section). */
  sudo?: boolean;
  /** Print the end-of-tick terminator (default true; false when a root shell ends the tick, src/probe/sudo.ts). */
  end?: boolean;
  /** Sections the host may answer with an S frame when their output equals what it sent last. */
  same?: ReadonlySet<string>;
  /** Sections that run only when their change marker (tiers.ts MARKERS) moved since the last tick. */
  marker?: ReadonlySet<string>;
  /**
   * `--host-root DIR`: the host's file system is under DIR (a debug container). Every probe script
   * sees it as `$_cosi_hr` (empty without), set in the probe's shell and in each `sh -c` body.
   */
  hostRoot?: string;
  /**
   * What this shell already defined on earlier ticks (a persistent shell; none for one exec per
   * tick): the script defines only what it lacks, records it here, and calls the rest.
   */
  shell?: ShellMemory;
}

/**
 * The probe's definitions a persistent shell holds: the helpers (EMIT, the once-per-shell reads)
 * and one function per section (its text by id), so that a steady tick sends a line per section
 * instead of every body again (~25 KB the shell parses and the channel encrypts each tick).
 * Forgotten with the shell: a new shell starts with a new one.
 */
export interface ShellMemory {
  helpers: boolean;
  functions: Map<string, string>;
}

export function newShellMemory(): ShellMemory {
  return { helpers: false, functions: new Map() };
}

/** Outputs up to this size are remembered as text by the shell, bigger ones as their cksum. */
export const SAME_TEXT_MAX = 65_536;

/** Quotes text for a single-quoted sh word. */
export function shQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The shell variable suffix of a section id (ids are [a-z0-9-]). */
function varName(id: string): string {
  if (!/^[a-z0-9-]+$/.test(id)) throw new Error(`section id ${JSON.stringify(id)}: only a-z 0-9 -`);
  return id.replace(/-/g, '_');
}

// Prints one captured section ($_o = text then "@rc"; $1 var name, $2 id, $3 1 = S frame allowed,
// $4 the byte cap: a bounded section's text is cut here). The end time (_u1) is read after the
// cut and the checksum, so a section's cost (budget.ts) includes them.
// The shell keeps the last sent output per section in _cosi_p_<var>: in memory, never on disk.
// _cosi_text FILE sets _cosi_t to a small file's whole lines with builtins: one `read -d ''` in
// bash (its line reads seek back after each line, and a /proc file seeked back is made again from
// its start: /proc/vmstat read to oom_kill cost 3 ms a tick), a line loop elsewhere (dash and
// busybox read a byte per system call, never seek). _cosi_rd FILE adds them to the section;
// _cosi_slurp FILE adds a whole file as it is: one builtin `read -d ''` in bash, a `cat` elsewhere.
const EMIT = `_cosi_emit() {
  _t=\${_o%@*}; _rc=\${_o##*@}
  if [ \${#_t} -gt "$4" ]; then _t=$(printf '%s' "$_t" | head -c "$4"); fi
  if [ \${#_t} -gt ${SAME_TEXT_MAX} ]; then _k=c$(printf '%s' "$_t" | cksum); else _k="t$_t"; fi
  _u1=; read -r _u1 _x < /proc/uptime 2>/dev/null
  if [ "$3" = 1 ] && eval "[ \\"\\\${_cosi_p_$1-}\\" = \\"\\$_k\\" ]"; then
    printf '%s:S:%s:%s:%s:%s\\n' "$_cosi_f" "$2" "$_rc" "$_u0" "$_u1"
  else
    eval "_cosi_p_$1=\\$_k"
    printf '%s:B:%s\\n%s\\n%s:E:%s:%s:%s:%s\\n' "$_cosi_f" "$2" "$_t" "$_cosi_f" "$2" "$_rc" "$_u0" "$_u1"
  fi
  _o=; _t=; _k=
}
_cosi_nl='
'
_cosi_put() { _o="$_o$1$_cosi_nl"; }
_cosi_text() {
  _cosi_t=; [ -r "$1" ] || return 127
  if [ -n "\${BASH_VERSION-}" ]; then
    IFS= read -r -d '' _cosi_t < "$1"
    # As the loop: a last line without its newline is not a line.
    case $_cosi_t in *"$_cosi_nl") ;; *"$_cosi_nl"*) _cosi_t=\${_cosi_t%"$_cosi_nl"*}$_cosi_nl ;; *) _cosi_t= ;; esac
    return 0
  fi
  while IFS= read -r _l; do _cosi_t="$_cosi_t$_l$_cosi_nl"; done < "$1"
}
_cosi_rd() { _cosi_text "$1" || return 127; _o="$_o$_cosi_t"; _cosi_t=; }
_cosi_slurp() {
  [ -r "$1" ] || return 127
  if [ -n "\${BASH_VERSION-}" ]; then IFS= read -r -d '' _l < "$1"; _o="$_o$_l"; return 0; fi
  _l=$(cat "$1" && echo .) || return 1; _o="$_o\${_l%.}"
}`;

/** Emits ONE POSIX sh script that prints every section, framed. Safe to run again in the same shell. */
export function buildProbeScript(sections: readonly SectionSpec[], nonce: string, opts: BuildOptions = {}): string {
  // Checked before the first redirection: without the device, `2>/dev/null` would create a regular
  // file /dev/null on the host (a rescue chroot). The transport says so and stops.
  const noDevNull = `printf '\\n%s\\n' ${shQuote(`${FRAME}:${nonce}:${NO_DEV_NULL}`)}${opts.end !== false ? `; printf '\\n%s\\n' ${shQuote(terminatorFor(nonce))}` : ''}`;
  const out: string[] = [
    `if ! [ -c /dev/null ]; then ${noDevNull}; else`,
    // GNU `timeout` bounds a section in time. Busybox's keeps the output pipe open for up to a
    // second after the command ends, so it is not used; there the transport's deadline bounds the tick.
    // Checked once per shell (the persistent shell keeps the variable between ticks), on the first
    // tick that has a bounded section: a connection's quick first tick starts no process for it.
    sections.some((s) => s.timeoutSec > 0) ? 'if [ -z "${_cosi_toset:-}" ]; then _cosi_toset=1; _cosi_to=; timeout --version 2>/dev/null | grep -q coreutils && _cosi_to="timeout -k 1"; fi' : ':',
    hostRootAssign(opts.hostRoot),
    `_cosi_f=${shQuote(`${FRAME}:${nonce}`)}; unset ${TICK_VARS}`,
  ];
  const mem = opts.shell;
  if (!mem?.helpers) out.push(onceScript, EMIT);
  if (mem) mem.helpers = true;
  for (const s of sections) {
    const fn = sectionFunction(s, opts);
    if (mem?.functions.get(s.id) !== fn) out.push(fn);
    mem?.functions.set(s.id, fn);
    out.push(`_cosi_sec_${varName(s.id)} ${opts.same?.has(s.id) ? 1 : 0} ${opts.marker?.has(s.id) ? 1 : 0}`);
  }
  if (opts.end !== false) out.push(`printf '\\n%s\\n' ${shQuote(terminatorFor(nonce))}`);
  out.push('fi');
  return out.join('\n') + '\n';
}

/** Function texts by spec, then by the options they depend on: built once, not every tick. */
const functions = new WeakMap<SectionSpec, Map<string, string>>();

/**
 * `_cosi_sec_<id> SAME MARKER`: runs one section and prints its frame. SAME 1: an S frame may
 * answer it; MARKER 1: it runs only when its change marker (tiers.ts MARKERS) moved. The arguments
 * are copied first: a marker's `set --` would replace them.
 */
function sectionFunction(s: SectionSpec, opts: BuildOptions): string {
  const key = `${opts.sudo ? 1 : 0}${opts.hostRoot ?? ''}`;
  let byOpts = functions.get(s);
  if (!byOpts) functions.set(s, (byOpts = new Map()));
  let fn = byOpts.get(key);
  if (fn === undefined) byOpts.set(key, (fn = `_cosi_sec_${varName(s.id)}() {\n_cosi_sa=$1; _cosi_sm=$2\n${sectionBlock(s, opts)}\n}`));
  return fn;
}

function sectionBlock(s: SectionSpec, opts: BuildOptions): string {
  const v = varName(s.id);
  const body = runner(s, opts);
  const run = [
    `_u0=; read -r _u0 _x < /proc/uptime 2>/dev/null`,
    capture(s, body),
    `_cosi_emit ${v} ${s.id} "$_cosi_sa" ${s.maxBytes + 1}`,
  ].join('\n');
  const marker = MARKERS[s.id];
  if (!marker) return run;
  // Every tick keeps the marker current; a tick where the section is not due runs it only when it moved.
  return `${marker}\nif [ "$_cosi_sm" = 0 ] || [ "\${_cosi_m_${v}-}" != "x$_m" ]; then\n_cosi_m_${v}="x$_m"\n${run}\nfi`;
}

/** Sets `_o` to the section's text then "@rc". */
function capture(s: SectionSpec, body: string): string {
  if (s.skipWhen) return `if ${s.skipWhen}; then _o=@127; else\n${capture({ ...s, skipWhen: undefined }, body)}\nfi`;
  // An inline body is a function of the probe's own shell: no subshell, no process.
  if (s.inline && s.root) throw new Error(`section ${s.id}: an inline body cannot run as root`);
  if (s.inline) return `_o=; _cosi_in() {\n${s.script}\n}\n_cosi_in </dev/null >/dev/null 2>/dev/null; _r=$?; _o="$_o@$_r"`;
  return (
    // The inner substitution catches the rc on fd 3 once the pipeline (body and the byte cap) has
    // ended; fd 4 is the outer one, so "@rc" always follows the whole text. The body gets neither,
    // nor fd 5 (a --sudo root shell's input): it can only write through the byte cap.
    s.bounded
      ? `_o=$( ${body} </dev/null 2>/dev/null 5>&-; printf '@%s' "$?" )`
      : `_o=$( exec 4>&1; _r=$( { { ${body} </dev/null 2>/dev/null 3>&- 4>&- 5>&-; echo $? >&3; } | head -c ${s.maxBytes + 1} >&4; } 3>&1 ); printf '@%s' "$_r" )`
  );
}

/** `_cosi_hr=DIR` (shell-quoted; a trailing slash dropped, "/" is no prefix). */
export function hostRootAssign(dir: string | undefined): string {
  const d = (dir ?? '').replace(/\/+$/, '');
  return `_cosi_hr=${d === '' ? '' : shQuote(d)}`;
}

/** The command that runs a section body: a subshell, or `sh -c` under timeout/sudo. */
function runner(s: SectionSpec, opts: BuildOptions): string {
  const sudo = opts.sudo && s.root ? 'sudo -n ' : '';
  if (s.timeoutSec === 0 && sudo === '') return s.bounded ? `{ ${s.script}\n}` : `( ${s.script}\n)`;
  // Unquoted on purpose: "timeout N" splits into two words; empty when the host has no timeout.
  const bound = s.timeoutSec > 0 ? `\${_cosi_to:+$_cosi_to ${s.timeoutSec}} ` : '';
  // `sh -c` starts a shell of its own: the host root is given to it in the body.
  return `${bound}${sudo}sh -c ${shQuote(`${hostRootAssign(opts.hostRoot)}\n${s.script}`)}`;
}
