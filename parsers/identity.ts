import { excerpt, sanitize } from './sanitize.js';
import { lines, toInt, type Parsed, type ParseIssue } from './types.js';
import { issue } from './issues.js';

/** The probe's identity section (`key=value` lines written by identityScript). */
export interface IdentityInfo {
  hostname: string;
  kernelName: string;
  kernelRelease: string;
  /** `uname -v`: build number and date, spaces kept ("#1 SMP Tue Oct 22 23:53:27 UTC 2019"). */
  kernelVersion: string;
  arch: string;
  uptimeSeconds: number | null;
  load: [number, number, number] | null;
  cpus: number | null;
  /** Host clock, seconds since the epoch. */
  hostTime: number | null;
  /** `/proc/1/comm`: systemd, init, ... */
  init: string | null;
  /**
   * `--host-root DIR`: the shell sees the host's files under DIR. `pidNamespace` 'host': /proc,
   * cgroups and processes are the host's; 'own': they are the shell's container's; 'unknown'.
   * Absent without --host-root.
   */
  hostRoot?: HostRoot;
}

export interface HostRoot {
  dir: string;
  /** 'missing': the shell has no such directory (nothing of the host is read). */
  pidNamespace: 'host' | 'own' | 'unknown' | 'missing';
}

const DECIMAL = /^\d{1,15}(\.\d{1,6})?$/;

export function parseIdentity(text: string): Parsed<IdentityInfo> {
  const value: IdentityInfo = {
    hostname: '',
    kernelName: '',
    kernelRelease: '',
    kernelVersion: '',
    arch: '',
    uptimeSeconds: null,
    load: null,
    cpus: null,
    hostTime: null,
    init: null,
  };
  const issues: ParseIssue[] = [];
  lines(text).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    const eq = raw.indexOf('=');
    if (eq <= 0) {
      issues.push(issue('identity-not-key-value', { text: excerpt(raw) }, line));
      return;
    }
    const key = raw.slice(0, eq);
    const v = raw.slice(eq + 1).trim();
    const bad = (field: string) => issues.push(issue('identity-unreadable', { field, value: excerpt(v) }, line));
    switch (key) {
      case 'hostname':
        value.hostname = sanitize(v);
        break;
      case 'uname': {
        const u = splitUname(v);
        if (!u) {
          if (v !== '') bad('uname -srvm');
          break;
        }
        Object.assign(value, u);
        break;
      }
      case 'uptime': {
        const first = v.split(/\s+/)[0];
        if (DECIMAL.test(first)) value.uptimeSeconds = Number(first);
        else bad('uptime');
        break;
      }
      case 'loadavg': {
        const f = v.split(/\s+/);
        if (f.length >= 3 && f.slice(0, 3).every((x) => DECIMAL.test(x))) {
          value.load = [Number(f[0]), Number(f[1]), Number(f[2])];
        } else bad('load average');
        break;
      }
      case 'cpus': {
        const n = toInt(v);
        if (n !== undefined && n > 0) value.cpus = n;
        else bad('CPU count');
        break;
      }
      case 'time': {
        const n = toInt(v);
        if (n !== undefined) value.hostTime = n;
        else bad('host clock');
        break;
      }
      case 'init':
        value.init = v === '' ? null : sanitize(v);
        break;
      case 'hostroot': {
        // "hostroot=PIDNS DIR": DIR last and untrimmed (it may hold spaces).
        const m = /^(host|own|unknown|missing) (.+)$/s.exec(raw.slice(eq + 1));
        if (m) value.hostRoot = { dir: sanitize(m[2]), pidNamespace: m[1] as HostRoot['pidNamespace'] };
        else bad('host root');
        break;
      }
      default:
        // Keys a newer probe may add are not an error.
        break;
    }
  });
  return { value, issues };
}

/**
 * `uname -srvm`: kernel name, release, then the version (which has spaces),
 * then the machine. The version is cut from the original text so its spacing
 * ("Mon Dec  2") survives.
 */
function splitUname(v: string): Pick<IdentityInfo, 'kernelName' | 'kernelRelease' | 'kernelVersion' | 'arch'> | null {
  const tokens: { start: number; end: number }[] = [];
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(v)) !== null) tokens.push({ start: m.index, end: m.index + m[0].length });
  if (tokens.length < 3) return null;
  const tok = (k: number) => v.slice(tokens[k].start, tokens[k].end);
  const last = tokens.length - 1;
  return {
    kernelName: sanitize(tok(0)),
    kernelRelease: sanitize(tok(1)),
    kernelVersion: tokens.length > 3 ? sanitize(v.slice(tokens[2].start, tokens[last - 1].end)) : '',
    arch: sanitize(tok(last)),
  };
}
