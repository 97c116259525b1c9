import { isObj } from '../../parsers/json.js';

/**
 * Why an engine could not be read, as a code (views/present/engine-failure.ts
 * words it). `other` carries the tool's or daemon's own first line in `detail`.
 */
export const ENGINE_FAILURE_CODES = [
  'socket-activated',
  'unit-unknown',
  'permission-denied',
  'sudo-password',
  'no-sudo',
  'no-tool',
  'no-socket',
  'refused',
  'forwarding-forbidden',
  'forward-failed',
  'no-socket-access',
  'no-shell',
  'no-answer',
  'no-version',
  'not-read',
  'other',
] as const;

export type EngineFailureCode = (typeof ENGINE_FAILURE_CODES)[number];

export interface EngineFailure {
  code: EngineFailureCode;
  /** For `other`: the first line the tool or daemon printed. */
  detail?: string;
}

const CODES = new Set<string>(ENGINE_FAILURE_CODES);

/**
 * Files written before engines stored codes (cosi <= the 2026-12 builds) hold the
 * sentence in `error`: these are the sentences those builds wrote, read back as codes.
 */
const LEGACY_SENTENCES: Record<string, EngineFailureCode> = {
  'socket-activated, not running': 'socket-activated',
  'not opened: its systemd unit state is unknown (opening it could start the daemon)': 'unit-unknown',
  'permission denied — run with --sudo': 'permission-denied',
  'sudo needs a password — cosi never types passwords': 'sudo-password',
  'sudo is not installed on the host': 'no-sudo',
  'neither docker nor curl on the host to read this socket': 'no-tool',
  'no such socket': 'no-socket',
  'not running (connection refused)': 'refused',
  'the SSH server forbids socket forwarding (AllowStreamLocalForwarding) — try --via or --sudo': 'forwarding-forbidden',
  'the SSH server could not open the socket (daemon stopped?)': 'forward-failed',
  'no socket access on this transport': 'no-socket-access',
  'no shell on this transport': 'no-shell',
  'no answer from the host (the shell timed out or closed)': 'no-answer',
};

/** The failure a snapshot file's engine entry records: `failure` (current files) or the old `error` sentence. */
export function readEngineFailure(e: Record<string, unknown>): EngineFailure | undefined {
  const f = e.failure;
  if (isObj(f) && typeof f.code === 'string') {
    const detail = typeof f.detail === 'string' ? f.detail : undefined;
    // A code this cosi does not know (a newer file) still shows, as its detail or its code.
    if (!CODES.has(f.code)) return { code: 'other', detail: detail ?? f.code };
    return { code: f.code as EngineFailureCode, ...(detail !== undefined ? { detail } : {}) };
  }
  if (typeof e.error === 'string') {
    const code = LEGACY_SENTENCES[e.error];
    return code ? { code } : { code: 'other', detail: e.error };
  }
  return undefined;
}
