import type { EngineStatus } from './types.js';
import type { EngineFailure } from '../snapshot/engine-failure.js';

/** Turns a connection or CLI failure into a failure code, or `other` with its first line. */
export function describeFailure(text: string): EngineFailure {
  const t = text.trim();
  if (/password is required|a terminal is required|askpass/i.test(t)) return { code: 'sudo-password' };
  if (/sudo: (command )?not found/i.test(t)) return { code: 'no-sudo' };
  if (/administratively prohibited/i.test(t)) return { code: 'forwarding-forbidden' };
  if (/open failed|connect failed/i.test(t)) return { code: 'forward-failed' };
  if (/EACCES|permission denied/i.test(t)) return { code: 'permission-denied' };
  if (/ECONNREFUSED|connection refused|Is the docker daemon running|daemon running\?/i.test(t)) return { code: 'refused' };
  if (/ENOENT|no such file|does not exist|couldn't connect to server|Failed to connect/i.test(t)) return { code: 'no-socket' };
  const first = t.split('\n').find((l) => l.trim() !== '') ?? 'unknown error';
  return { code: 'other', detail: first.length > 160 ? `${first.slice(0, 159)}…` : first };
}

/** The status an engine's failure stands for. */
export function statusOfFailure(f: EngineFailure): EngineStatus {
  switch (f.code) {
    case 'socket-activated':
      return 'socket-activated';
    case 'unit-unknown':
    case 'not-read':
      return 'unknown';
    case 'permission-denied':
      return 'permission-denied';
    case 'refused':
    case 'no-socket':
    case 'forward-failed':
      return 'down';
    default:
      return 'error';
  }
}
