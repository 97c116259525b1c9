import { randomBytes } from 'node:crypto';
import type { SectionSpec } from './section.js';

/**
 * Frame lines: "@@COSI:<nonce>:B:<id>" opens a section, "@@COSI:<nonce>:E:<id>:<rc>:<up0>:<up1>"
 * closes it (rc and /proc/uptime before and after), "@@COSI:<nonce>:DONE" ends the tick.
 * The nonce is fresh per tick and never exported, so host output cannot forge a frame.
 */
export const FRAME = '@@COSI';

export function newNonce(): string {
  return randomBytes(12).toString('hex');
}

export function terminatorFor(nonce: string): string {
  return `${FRAME}:${nonce}:DONE`;
}

export interface BuildOptions {
  /** Run root sections through `sudo -n` (never prompts; a password demand fails the section). */
  sudo?: boolean;
  /** Print the end-of-tick terminator (default true; false when a root shell ends the tick, src/probe/sudo.ts). */
  end?: boolean;
}

/** Quotes text for a single-quoted sh word. */
export function shQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Emits ONE POSIX sh script that prints every section, framed. Safe to run again in the same shell. */
export function buildProbeScript(sections: readonly SectionSpec[], nonce: string, opts: BuildOptions = {}): string {
  const out: string[] = [
    // fd 4 = the channel, so a section's output bypasses the command substitution that catches its rc.
    'exec 4>&1',
    // GNU `timeout` bounds a section in time. Busybox's keeps the output pipe open for up to a
    // second after the command ends, so it is not used; there the transport's deadline bounds the tick.
    // Checked once per shell: the persistent shell keeps the variable between ticks.
    'if [ -z "${_cosi_toset:-}" ]; then _cosi_toset=1; _cosi_to=; timeout --version 2>/dev/null | grep -q coreutils && _cosi_to="timeout -k 1"; fi',
  ];
  for (const s of sections) out.push(sectionBlock(s, nonce, opts));
  if (opts.end !== false) out.push(`printf '\\n%s\\n' ${shQuote(terminatorFor(nonce))}`);
  return out.join('\n') + '\n';
}

function sectionBlock(s: SectionSpec, nonce: string, opts: BuildOptions): string {
  const head = `${FRAME}:${nonce}:B:${s.id}`;
  const tail = `${FRAME}:${nonce}:E:${s.id}`;
  const body = runner(s, opts);
  return [
    `printf '%s\\n' ${shQuote(head)}`,
    `_u0=; read -r _u0 _x < /proc/uptime 2>/dev/null`,
    // The body gets neither fd 3 (the rc), fd 4 (the channel) nor fd 5 (a --sudo root shell's input):
    // it can only write through the byte cap.
    `_rc=$( { { ${body} </dev/null 2>/dev/null 3>&- 4>&- 5>&-; echo $? >&3; } | head -c ${s.maxBytes + 1} >&4; } 3>&1 )`,
    `_u1=; read -r _u1 _x < /proc/uptime 2>/dev/null`,
    `printf '\\n%s:%s:%s:%s\\n' ${shQuote(tail)} "$_rc" "$_u0" "$_u1"`,
  ].join('\n');
}

/** The command that runs a section body: a subshell, or `sh -c` under timeout/sudo. */
function runner(s: SectionSpec, opts: BuildOptions): string {
  const sudo = opts.sudo && s.root ? 'sudo -n ' : '';
  if (s.timeoutSec === 0 && sudo === '') return `( ${s.script}\n)`;
  // Unquoted on purpose: "timeout N" splits into two words; empty when the host has no timeout.
  const bound = s.timeoutSec > 0 ? `\${_cosi_to:+$_cosi_to ${s.timeoutSec}} ` : '';
  return `${bound}${sudo}sh -c ${shQuote(s.script)}`;
}
