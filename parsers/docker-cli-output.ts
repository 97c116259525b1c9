import {
  parseContainerList,
  parseInfoJson,
  parseJsonLines,
  str,
  stripSlash,
  type ContainerSummary,
  type EngineInfo,
} from './docker-api.js';
import { isObj } from './json.js';
import { sanitize } from './sanitize.js';
import { lines, parsed, toInt, type Parsed, type ParseIssue } from './types.js';
import { issue } from './issues.js';

/**
 * The docker CLI's outputs, for the `--via`/`--sudo` path and for old
 * transcripts: `docker ps -a --no-trunc --format '{{json .}}'` (JSON lines
 * of strings) and the text of `docker info` (the seed's Photon OS, CoreOS
 * and RancherOS transcripts). Pure; never throws.
 */

/** `docker ps -a --no-trunc --format '{{json .}}'`. */
export function parseCliPs(text: string): Parsed<ContainerSummary[]> {
  const out: ContainerSummary[] = [];
  const j = parseJsonLines(text, 'docker ps');
  const issues: ParseIssue[] = [...j.issues];
  j.value.forEach((row, i) => {
    const s = isObj(row) ? summaryFromCli(row) : null;
    if (s) out.push(s);
    else issues.push(issue('cli-ps-no-id', {}, i + 1));
  });
  return parsed(out, issues);
}

function summaryFromCli(v: Record<string, unknown>): ContainerSummary | null {
  const id = str(v.ID);
  if (!id) return null;
  const labels = Object.create(null) as Record<string, string>; // a `__proto__` label stays a label
  for (const kv of (str(v.Labels) ?? '').split(',')) {
    if (kv === '') continue;
    const eq = kv.indexOf('=');
    if (eq < 0) labels[kv] = '';
    else labels[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  let command = str(v.Command) ?? '';
  // The CLI quotes the command: "\"sh -c 'x'\"".
  if (command.length >= 2 && command.startsWith('"') && command.endsWith('"')) command = command.slice(1, -1);
  const names = (str(v.Names) ?? '').split(',');
  return {
    id,
    name: stripSlash(names.find((n) => !n.includes('/')) ?? names[0] ?? ''),
    image: str(v.Image) ?? '',
    command,
    created: cliTime(str(v.CreatedAt)),
    state: (str(v.State) ?? '').toLowerCase(),
    status: str(v.Status) ?? '',
    ports: (str(v.Ports) ?? '').split(', ').filter((p) => p !== '').sort().join(', '),
    labels,
    networks: (str(v.Networks) ?? '').split(',').filter((n) => n !== '').sort(),
  };
}

/** "2026-11-29 00:46:44 +0000 UTC" -> epoch seconds. */
function cliTime(s: string | null): number | null {
  if (!s) return null;
  const m = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d) ([+-]\d\d)(\d\d)/.exec(s);
  if (!m) return null;
  const t = Date.parse(`${m[1]}T${m[2]}${m[3]}:${m[4]}`);
  return Number.isFinite(t) ? Math.floor(t / 1000) : null;
}

/** The answer stored under "/containers/json?all=1": the API's JSON array or the CLI's JSON lines. */
export function parseAnyContainerList(text: string): Parsed<ContainerSummary[]> {
  const t = text.trimStart();
  return t.startsWith('{') ? parseCliPs(text) : parseContainerList(text);
}

/** The answer stored under "/info": JSON (API, `docker info --format '{{json .}}'`) or `docker info` text. */
export function parseAnyInfo(text: string): Parsed<EngineInfo | null> {
  return text.trimStart().startsWith('{') ? parseInfoJson(text) : parseDockerInfoText(text);
}

const TEXT_KEYS: Record<string, keyof EngineInfo> = {
  'Server Version': 'serverVersion',
  'Storage Driver': 'storageDriver',
  'Backing Filesystem': 'backingFilesystem',
  'Docker Root Dir': 'rootDir',
  'Cgroup Driver': 'cgroupDriver',
  'Cgroup Version': 'cgroupVersion',
  Containers: 'containers',
  Running: 'running',
  Paused: 'paused',
  Stopped: 'stopped',
  Images: 'images',
  Name: 'name',
  'Operating System': 'operatingSystem',
  'Kernel Version': 'kernel',
};
const NUMERIC = new Set<keyof EngineInfo>(['containers', 'running', 'paused', 'stopped', 'images']);

/**
 * The text of `docker info`: old clients print "Key: value" flush left
 * (18.06), newer ones split "Client:" / "Server:" and indent. Only the
 * server part is read; "ERROR:" and "WARNING:" lines become issues.
 */
export function parseDockerInfoText(text: string): Parsed<EngineInfo | null> {
  const all = lines(text);
  const issues: ParseIssue[] = [];
  const info: EngineInfo = {
    serverVersion: null,
    storageDriver: null,
    backingFilesystem: null,
    rootDir: null,
    cgroupDriver: null,
    cgroupVersion: null,
    containers: null,
    running: null,
    paused: null,
    stopped: null,
    images: null,
    name: null,
    operatingSystem: null,
    kernel: null,
  };
  const server = all.findIndex((l) => l.trim() === 'Server:');
  let found = 0;
  all.forEach((raw, i) => {
    if (server >= 0 && i <= server) return;
    const l = raw.trim();
    if (/^(ERROR|WARNING):/.test(l)) {
      issues.push(issue('cli-info-message', { text: sanitize(l) }, i + 1));
      return;
    }
    const colon = l.indexOf(':');
    if (colon <= 0) return;
    const key = TEXT_KEYS[l.slice(0, colon)];
    if (!key || info[key] !== null) return;
    const value = sanitize(l.slice(colon + 1).trim());
    if (NUMERIC.has(key)) {
      const n = toInt(value);
      if (n === undefined) issues.push(issue('cli-info-not-number', { field: sanitize(l.slice(0, colon)) }, i + 1));
      else (info[key] as number | null) = n;
    } else (info[key] as string | null) = value === '' ? null : value;
    found++;
  });
  if (found === 0) return parsed(null, issues.length ? issues : [issue('cli-info-no-fields', {})]);
  return parsed(info, issues);
}
