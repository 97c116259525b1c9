import type { EngineStatus } from './types.js';

/** The one-line reasons an engine section shows; stored in RawEngine.error, so snapshots replay them. */
export const MESSAGES = {
  socketActivated: 'socket-activated, not running',
  unitUnknown: 'not opened: its systemd unit state is unknown (opening it could start the daemon)',
  permissionDenied: 'permission denied — run with --sudo',
  sudoPassword: 'sudo needs a password — cosi never types passwords',
  noSudo: 'sudo is not installed on the host',
  noTool: 'neither docker nor curl on the host to read this socket',
  noSocket: 'no such socket',
  refused: 'not running (connection refused)',
  forwardingForbidden: 'the SSH server forbids socket forwarding (AllowStreamLocalForwarding) — try --via or --sudo',
  forwardFailed: 'the SSH server could not open the socket (daemon stopped?)',
} as const;

/** Turns a connection or CLI failure into one of MESSAGES, or a short cleaned text. */
export function describeFailure(text: string): string {
  const t = text.trim();
  if (/password is required|a terminal is required|askpass/i.test(t)) return MESSAGES.sudoPassword;
  if (/sudo: (command )?not found/i.test(t)) return MESSAGES.noSudo;
  if (/administratively prohibited/i.test(t)) return MESSAGES.forwardingForbidden;
  if (/open failed|connect failed/i.test(t)) return MESSAGES.forwardFailed;
  if (/EACCES|permission denied/i.test(t)) return MESSAGES.permissionDenied;
  if (/ECONNREFUSED|connection refused|Is the docker daemon running|daemon running\?/i.test(t)) return MESSAGES.refused;
  if (/ENOENT|no such file|does not exist|couldn't connect to server|Failed to connect/i.test(t)) return MESSAGES.noSocket;
  const first = t.split('\n').find((l) => l.trim() !== '') ?? 'unknown error';
  return first.length > 160 ? `${first.slice(0, 159)}…` : first;
}

/** The status an engine's stored error stands for (snapshots carry the message only). */
export function statusOfError(message: string): EngineStatus {
  if (message === MESSAGES.socketActivated) return 'socket-activated';
  if (message === MESSAGES.unitUnknown) return 'unknown';
  if (message === MESSAGES.permissionDenied) return 'permission-denied';
  if (message === MESSAGES.refused || message === MESSAGES.noSocket || message === MESSAGES.forwardFailed) return 'down';
  return 'error';
}
