import { parseArgs } from 'node:util';
import { isSshOptionText } from '../transport/ssh/keywords.js';
import { usage } from './errors.js';
import { DEFAULT_COLS, DEFAULT_ROWS, MAX_COLS, MAX_ROWS } from '../export/errors.js';
import { DEFAULT_LOG_LINES } from '../store/logs.js';
import { parsePriority, PRIORITY_VALUE } from '../logs/priority.js';

/** Every option of every command; each command checks which ones make sense for it. */
export interface CliOptions {
  positionals: string[];
  local: boolean;
  via?: string;
  snapshot?: string;
  demo?: string;
  output?: string;
  json: boolean;
  list: boolean;
  refreshSec: number;
  /** `cosi snapshot`: seconds between its two readings of the counters (0: one reading, no rates). */
  intervalSec: number;
  timeoutSec: number;
  sudo: boolean;
  engines: string[];
  identity: string[];
  jump?: string;
  port?: number;
  login?: string;
  configFile?: string;
  sshOptions: string[];
  tab: string;
  keys: string[];
  cols: number;
  rows: number;
  screenshotDir: string;
  help: boolean;
  version: boolean;
  /** cosi logs: -n, --since, --boot. */
  lines: number;
  since?: string;
  boot?: number;
  /** cosi logs -f/--follow: keep printing new lines until SIGINT/SIGTERM. */
  follow: boolean;
  /** cosi logs -p/--priority: 0 (emerg) .. 7 (debug). */
  priority?: number;
  /** The TUI's Logs tab: lines kept while following (a ring). */
  logLines: number;
  /** `--host-root DIR`: the shell sees the host's file system under DIR (a debug container). */
  hostRoot?: string;
}

export function parseCliOptions(argv: string[], command?: string): CliOptions {
  let v;
  try {
    v = parseArgs({
      args: negativeValues(sshStyleOptions(command === 'logs' ? priorityOptions(argv) : argv)),
      allowPositionals: true,
      strict: true,
      options: {
        local: { type: 'boolean' },
        via: { type: 'string' },
        snapshot: { type: 'string' },
        demo: { type: 'string' },
        output: { type: 'string', short: 'o' },
        json: { type: 'boolean' },
        list: { type: 'boolean' },
        refresh: { type: 'string' },
        interval: { type: 'string' },
        timeout: { type: 'string' },
        sudo: { type: 'boolean' },
        engine: { type: 'string', multiple: true },
        identity: { type: 'string', short: 'i', multiple: true },
        jump: { type: 'string', short: 'J' },
        port: { type: 'string', short: 'p' },
        login: { type: 'string', short: 'l' },
        config: { type: 'string', short: 'F' },
        'ssh-option': { type: 'string', multiple: true },
        tab: { type: 'string' },
        keys: { type: 'string' },
        cols: { type: 'string' },
        rows: { type: 'string' },
        'screenshot-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        lines: { type: 'string', short: 'n' },
        since: { type: 'string' },
        boot: { type: 'string', short: 'b' },
        'log-lines': { type: 'string' },
        version: { type: 'boolean', short: 'V' },
        'host-root': { type: 'string' },
        priority: { type: 'string' },
        follow: { type: 'boolean', short: 'f' },
      },
    });
  } catch (e) {
    // node's parseArgs says "Unknown option"; cosi's messages start lower-case
    const m = (e as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw usage(m.charAt(0).toLowerCase() + m.slice(1));
  }
  const o = v.values;
  return {
    positionals: v.positionals,
    local: o.local ?? false,
    via: o.via,
    snapshot: o.snapshot,
    demo: o.demo,
    output: o.output,
    json: o.json ?? false,
    list: o.list ?? false,
    refreshSec: number(o.refresh, '--refresh', 2, 0.2, 3600),
    intervalSec: number(o.interval, '--interval', 1, 0, 60),
    timeoutSec: number(o.timeout, '--timeout', 30, 1, 3600),
    sudo: o.sudo ?? false,
    engines: o.engine ?? [],
    identity: o.identity ?? [],
    jump: o.jump,
    port: o.port === undefined ? undefined : number(o.port, '-p', 22, 1, 65535),
    login: o.login,
    configFile: o.config,
    sshOptions: o['ssh-option'] ?? [],
    tab: o.tab ?? 'overview',
    keys: o.keys ? o.keys.trim().split(/\s+/) : [],
    cols: number(o.cols, '--cols', DEFAULT_COLS, 40, MAX_COLS),
    rows: number(o.rows, '--rows', DEFAULT_ROWS, 10, MAX_ROWS),
    screenshotDir: o['screenshot-dir'] ?? 'cosi-screenshots',
    help: o.help ?? false,
    version: o.version ?? false,
    lines: number(o.lines, '-n', 200, 1, 10000),
    since: o.since,
    boot: o.boot === undefined ? undefined : number(o.boot, '--boot', 0, -1000, 0),
    logLines: number(o['log-lines'], '--log-lines', DEFAULT_LOG_LINES, 100, 1_000_000),
    hostRoot: hostRootOption(o['host-root']),
    priority: priorityOption(o.priority),
    follow: o.follow ?? false,
  };
}

/** `--host-root DIR`: an absolute directory; "/" is the shell's own root (no prefix). */
function hostRootOption(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  if (!s.startsWith('/')) throw usage(`--host-root takes an absolute directory (where the host's / is seen, /host), not '${s}'`);
  if (/[\n\r\0]/.test(s)) throw usage('--host-root: a directory name without newlines');
  const d = s.replace(/\/+$/, '');
  return d === '' ? undefined : d;
}

function priorityOption(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const p = parsePriority(s);
  if (p === null) throw usage(`--priority takes emerg, alert, crit, err, warning, notice, info, debug or 0 to 7, not '${s}'`);
  return p;
}

/**
 * `cosi logs -p err` as journalctl spells it: a `-p` whose value is a level
 * (a name, or 0 .. 7, no SSH port) is the priority; any other is ssh's port.
 */
function priorityOptions(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--') return [...out, ...argv.slice(i)];
    if (argv[i] === '-p' && PRIORITY_VALUE.test(argv[i + 1] ?? '')) out.push(`--priority=${argv[++i]}`);
    else out.push(argv[i]);
  }
  return out;
}

/** `--boot -1` as journalctl spells it: a value that starts with '-' is still the option's value. */
function negativeValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--') return [...out, ...argv.slice(i)];
    if ((argv[i] === '--boot' || argv[i] === '-b') && /^-\d+$/.test(argv[i + 1] ?? '')) out.push(`--boot=${argv[++i]}`);
    else out.push(argv[i]);
  }
  return out;
}

/**
 * OpenSSH's `-o Key=Value` (also `-oKey=Value`) becomes `--ssh-option Key=Value` when Key is an
 * ssh_config keyword; any other `-o` value is cosi's output file. Nothing after `--` changes.
 */
export function sshStyleOptions(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') return [...out, ...argv.slice(i)];
    if (a === '-o' && i + 1 < argv.length && isSshOptionText(argv[i + 1])) out.push('--ssh-option', argv[++i]);
    else if (a.startsWith('-o') && a.length > 2 && isSshOptionText(a.slice(2))) out.push('--ssh-option', a.slice(2));
    else out.push(a);
  }
  return out;
}

function number(s: string | undefined, flag: string, dflt: number, min: number, max: number): number {
  if (s === undefined) return dflt;
  const n = Number(s);
  if (!Number.isFinite(n) || n < min || n > max) throw usage(`${flag} takes a number from ${min} to ${max}, not '${s}'`);
  return n;
}
