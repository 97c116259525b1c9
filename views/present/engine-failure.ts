import type { EngineFailure } from '../../src/snapshot/engine-failure.js';

/** The one-line reason an engine shows (the model and snapshot files store the code). */
export function engineFailureText(f: EngineFailure): string {
  switch (f.code) {
    case 'socket-activated':
      return 'socket-activated, not running';
    case 'unit-unknown':
      return 'not opened: its systemd unit state is unknown (opening it could start the daemon)';
    case 'permission-denied':
      return 'permission denied — run with --sudo';
    case 'sudo-password':
      return 'sudo needs a password — cosi never types passwords';
    case 'no-sudo':
      return 'sudo is not installed on the host';
    case 'no-tool':
      return 'neither docker nor curl on the host to read this socket';
    case 'no-socket':
      return 'no such socket';
    case 'refused':
      return 'not running (connection refused)';
    case 'forwarding-forbidden':
      return 'the SSH server forbids socket forwarding (AllowStreamLocalForwarding) — try --via or --sudo';
    case 'forward-failed':
      return 'the SSH server could not open the socket (daemon stopped?)';
    case 'no-socket-access':
      return 'no socket access on this transport';
    case 'no-shell':
      return 'no shell on this transport';
    case 'no-answer':
      return 'no answer from the host (the shell timed out or closed)';
    case 'no-version':
      return 'the engine gave no usable /version answer';
    case 'not-read':
      return 'not read in this snapshot';
    case 'other':
      return f.detail ?? 'unknown error';
  }
}
