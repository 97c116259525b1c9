import { shQuote } from './build.js';

/**
 * `--sudo`, elevated ONCE per session (one `sudo -n`, one auth-log entry,
 * not one per refresh): the persistent shell P runs the pipeline
 *
 *   { /bin/sh 5>&1 >&4; } | { sudo -n /bin/sh ...; } >&4
 *
 * The left shell U reads the next probes from the channel, as P did, with
 * fd 5 piped into the root shell R; both print to the channel. A probe gives
 * R its root sections with `printf '%s' SCRIPT >&5` (no here-document: some
 * shells write those to a temporary file). When `sudo -n` is refused (a
 * password, no sudo, requiretty) the right side says so and swallows fd 5.
 * Written as ONE line, alone: the shell must not read past it (dash reads
 * ahead in blocks).
 */
export function elevateScript(terminator: string): string {
  const said = (who: string) => `printf '\\n%s\\n%s\\n' ${who} ${shQuote(terminator)}`;
  const root = `${said('root')}; exec /bin/sh`;
  // Without a /dev/null device (a rescue chroot) the redirections would create a file: no elevation.
  return `if ! [ -c /dev/null ]; then ${said('refused')}; else exec 4>&1; { /bin/sh 5>&1 >&4 4>&-; } | { sudo -n /bin/sh -c ${shQuote(root)} 2>/dev/null || { ${said('refused')}; exec cat >/dev/null; }; } >&4 4>&-; fi\n`;
}

/** Reads the answer of elevateScript: true when the root shell is there. */
export function elevated(answer: string): boolean {
  return answer.trim() === 'root';
}

/** Hands `script` to the root shell of an elevated session (it prints to the channel itself). */
export function toRootShell(script: string): string {
  return `printf '%s' ${shQuote(script)} >&5\n`;
}
