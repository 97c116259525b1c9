// Containers of the user docker that exist for their logs (issue #14): a chatty
// one (~1,000 lines/s), one whose output carries terminal escapes, one that
// exited with code 3 after an error message, one with a TTY. All busybox; the
// chatty loop never forks (a fifo read with a timeout paces it), so its CPU and
// memory stay low and nearly still on a shared machine.
import type { ContainerSpec } from './containers.js';

/** Printed by log-crashed on stderr before it exits with code 3. */
export const CRASH_MESSAGE = 'log-crashed: fatal: cannot open /etc/worker.conf: No such file or directory';
export const CRASH_EXIT = 3;
/** Each line of log-chatty: `chatty N CHATTY_TAIL`, N counting from 1 since its start. */
export const CHATTY_TAIL = 'lorem ipsum dolor sit amet';
/** log-escapes' lines as written (busybox printf), and the first words of each, which survive sanitizing. */
export const ESCAPE_LINES = [
  ['escapes: red \\033[31merror\\033[0m text', 'escapes: red'],
  ['escapes: title \\033]0;pwned\\007 set', 'escapes: title'],
  ['escapes: clear \\033[2J\\033[H screen', 'escapes: clear'],
  ['escapes: c1 csi \\302\\23331m here', 'escapes: c1 csi'],
  ['escapes: bell \\007 and cursor up \\033[1A', 'escapes: bell'],
] as const;

// json-file keeps at most 2 x 5 MB of the chatty container (about 3 minutes of it)
const ROTATE = ['--log-opt', 'max-size=5m', '--log-opt', 'max-file=2'];
// stays up, exits promptly on docker stop
const IDLE = "trap 'exit 0' TERM; while :; do sleep 3600 & wait $!; done";

const chatty = [
  'mkfifo /tmp/tick; exec 3<>/tmp/tick; n=0',
  `while :; do i=0; while [ $i -lt 100 ]; do i=$((i+1)); n=$((n+1)); echo "chatty $n ${CHATTY_TAIL}"; done; read -t 0.1 -u 3 x; done`,
].join('\n');

const escapes = [
  ...ESCAPE_LINES.map(([raw], i) => `printf '${raw}\\n' ${i % 2 ? '>&2' : ''}`),
  IDLE,
].join('\n');

// dockerd copies stdout and stderr on goroutines of their own: two lines written in the same
// instant reach the log in either order, so the error comes a second after the first line.
const crashed = [`echo 'log-crashed: starting worker'`, 'sleep 1', `echo '${CRASH_MESSAGE}' >&2`, `exit ${CRASH_EXIT}`].join('\n');

const tty = [
  "trap 'exit 0' TERM",
  "echo 'log-tty: a terminal session'",
  "printf 'log-tty: progress 50%%\\rlog-tty: progress 100%%\\n'",
  'n=0; while :; do n=$((n+1)); echo "log-tty: tick $n"; sleep 10 & wait $!; done',
].join('\n');

/** The four, for the user docker of the RancherOS-like host. */
export function logContainers(image: string): ContainerSpec[] {
  const base = { image, command: [] as string[] };
  return [
    { ...base, name: 'log-chatty', want: 'running', options: ['--net', 'none', ...ROTATE], command: ['sh', '-c', chatty] },
    { ...base, name: 'log-escapes', want: 'running', options: ['--net', 'none'], command: ['sh', '-c', escapes] },
    { ...base, name: 'log-crashed', want: 'exited', exitCode: CRASH_EXIT, options: ['--net', 'none'], command: ['sh', '-c', crashed] },
    { ...base, name: 'log-tty', want: 'running', options: ['--net', 'none', '-t'], command: ['sh', '-c', tty] },
  ];
}

export const LOG_CONTAINER_NAMES = ['log-chatty', 'log-escapes', 'log-crashed', 'log-tty'] as const;
