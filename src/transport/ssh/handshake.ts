/** What a new host shell says first: its process group (what a timed-out tick kills), and for the login shell the line that makes it the probe's /bin/sh. */

/**
 * Sets _cosi_pg to the shell's process group (field 5 of /proc/$$/stat; $$ without /proc): what
 * a timeout kills on the host. sshd makes each session its own group; a ForceCommand wrapper
 * may have forked our shell, so its pid is not always the group. (No single quote: it goes
 * inside the handshake's.)
 */
// No `2>/dev/null`: where /dev/null is missing (a rescue chroot) that redirection would create it.
export const PGID = 'if [ -r /proc/$$/stat ] && read -r _cosi_pg < /proc/$$/stat; then _cosi_pg=${_cosi_pg##*) }; set -- $_cosi_pg; _cosi_pg=$3; else _cosi_pg=$$; fi';

/**
 * ONE line for the login shell (bash, dash, ash, fish, csh): it becomes `/bin/sh -c`, which says
 * so with its pid, then becomes the `/bin/sh` that reads the probes. Nothing else is written
 * before that answer, so a login shell that reads ahead (dash reads its input in blocks) cannot
 * swallow a probe. The marker is printed in pieces so an echo of the line never looks like it.
 */
export function shellHandshake(token: string): string {
  return `exec /bin/sh -c '${PGID}; printf "%s:%s:%s\\n" @@COSI-SH ${token} "$_cosi_pg"; exec /bin/sh'\n`;
}
