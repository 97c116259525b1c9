import type { EngineFailure } from './engine-failure.js';
import type { RawLog } from './logs.js';

/** Where a snapshot came from, shown in the header and stored in snapshot files. */
export interface TargetInfo {
  kind: 'local' | 'command' | 'ssh' | 'replay' | 'synthetic';
  /** Human label: "local", "via docker exec -i console sh", "rancher@10.0.0.7:22", a file name. */
  label: string;
}

/** One probe section as the host printed it: raw text, never the parsed model. */
export interface RawSection {
  text: string;
  /** Exit code of the section script; 127 = tool absent, null = not finished (timeout, closed). */
  rc: number | null;
  /** The section printed more than its limit; `text` holds the first `maxBytes`. */
  truncated: boolean;
  /** Bytes the section printed (up to its limit + 1). */
  bytes: number;
  /** Wall time on the host, from /proc/uptime (10 ms resolution); null when unknown. */
  ms: number | null;
}

/** Raw Docker Engine API answers for one engine socket, keyed by request path. */
export interface RawEngine {
  socket: string;
  /** "docker", "system-docker", "podman", or the user's --engine path. */
  name: string;
  /** How the answers were fetched: API over a unix socket / ssh forward, docker CLI, curl. */
  via: 'api' | 'cli' | 'curl' | 'none';
  /** Request path -> JSON text of the answer (e.g. "/version", "/info", "/containers/json?all=1"). */
  answers: Record<string, string>;
  /** When the engine could not be read: why, as a code (files before codes held an English `error`, read back by readEngineFailure). */
  failure?: EngineFailure;
  /** Containers not inspected because the tick's engine answers reached `capBytes` in all. */
  cut?: { containers: number; capBytes: number };
}

/** Versioned snapshot file: RAW texts so a parser fix improves every saved snapshot. */
export interface RawSnapshot {
  format: 'cosi-snapshot';
  version: 1;
  target: TargetInfo;
  /** ISO time on the collecting machine when the tick started. */
  takenAt: string;
  /** Round-trip time of the whole tick in ms. */
  durationMs: number;
  sections: Record<string, RawSection>;
  engines: RawEngine[];
  /**
   * An earlier reading of the counter sections (`stat`), so that rates (CPU %) can be
   * computed from the file alone: `cosi snapshot` reads them twice.
   */
  previous?: RawReading;
  /**
   * Sections not read yet: a live connection's first tick reads only the fast ones, so the header
   * and Overview draw at once; these follow on the next tick. Never in a snapshot file.
   */
  pending?: string[];
  /**
   * Sections whose text is older than a minute because reading them costs the host too much to do
   * it more often (src/probe/budget.ts): id -> when they were read (ms since the epoch). Never in a
   * snapshot file.
   */
  stale?: Record<string, number>;
  /**
   * Earlier readings of /proc/meminfo (section `meminfo`), oldest first, so that a
   * snapshot's Memory tab has a history chart of real samples (the bundled demos carry them).
   */
  history?: RawReading[];
  /**
   * The last lines of each failed or restarting unit and each exited or restarting container (`cosi snapshot`
   * reads them as `cosi logs` does), so that `cosi open` shows why offline. Absent in files
   * written before snapshots carried logs.
   */
  logs?: RawLog[];
  /** Targets left without logs beyond the cap on their number (LOG_TARGETS). */
  logsLeftOut?: number;
}

/** Counter sections as read at `takenAt`. */
export interface RawReading {
  takenAt: string;
  sections: Record<string, RawSection>;
}
