// Helpers for lab tests: run cosi against a lab host and run peer tools
// (free, findmnt, systemctl, /proc) on the same host at the same time.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { LAB, type LabHostName } from '../lab.js';
import { REPO_DIR } from '../lib/paths.js';

const pexec = promisify(execFile);

export function requireBuilt(): void {
  if (!existsSync(join(REPO_DIR, 'dist/src/cli.js'))) throw new Error('cosi is not built: run `npm run build` before `npm run test:lab`');
}

/** `cosi snapshot --via <host's via command> ARGS`; resolves stdout. */
export async function cosi(host: LabHostName, args: string[]): Promise<string> {
  const r = await pexec('node', [join(REPO_DIR, 'bin/cosi.js'), 'snapshot', '--via', LAB[host].viaCommand, ...args], {
    cwd: REPO_DIR,
    maxBuffer: 128 * 1024 * 1024,
    timeout: 120_000,
  });
  return r.stdout;
}

/** Runs a shell snippet as root on the lab host (same namespaces cosi's probe sees). */
export async function onHost(host: LabHostName, script: string, timeoutMs = 60_000): Promise<string> {
  const h = LAB[host];
  const r = await pexec('docker', ['-H', `unix://${h.daemonSocket}`, 'exec', h.container, 'sh', '-c', script], {
    maxBuffer: 64 * 1024 * 1024,
    timeout: timeoutMs,
  });
  return r.stdout;
}

/** Parses `free -b`: the Mem: row by the header's column names. */
export function parseFreeB(text: string): Record<string, number> {
  const lines = text.split('\n').filter((l) => l.trim());
  const head = lines[0].trim().split(/\s+/);
  const mem = lines.find((l) => l.startsWith('Mem:'));
  if (!mem) throw new Error(`no Mem: row in free -b output:\n${text}`);
  const vals = mem.trim().split(/\s+/).slice(1).map(Number);
  const out: Record<string, number> = {};
  head.forEach((k, i) => (out[k] = vals[i]));
  return out;
}

export interface PeerUnit {
  name: string;
  load: string;
  active: string;
  sub: string;
}

/** Parses `systemctl list-units --all --no-legend --plain --no-pager --full`. */
export function parseListUnits(text: string): PeerUnit[] {
  return text
    .split('\n')
    .map((l) => l.replace(/^[●*]\s*/, '').trim())
    .filter(Boolean)
    .map((l) => {
      const [name, load, active, sub] = l.split(/\s+/);
      return { name, load, active, sub };
    });
}

export interface CgNode {
  path: string;
  pids: number[];
  children: CgNode[];
}

/** Every (pid, cgroup path) pair in cosi's cgroup tree. */
export function flattenCgroups(root: CgNode | CgNode[] | null | undefined): { pid: number; path: string }[] {
  const out: { pid: number; path: string }[] = [];
  const walk = (n: CgNode) => {
    for (const pid of n.pids ?? []) out.push({ pid, path: n.path });
    for (const c of n.children ?? []) walk(c);
  };
  if (Array.isArray(root)) root.forEach(walk);
  else if (root) walk(root);
  return out;
}

/** `/proc/<pid>/cgroup` lines -> the set of paths the process is in (any hierarchy). */
export function parseProcCgroup(text: string): Set<string> {
  const paths = new Set<string>();
  for (const line of text.split('\n')) {
    const m = /^\d+:[^:]*:(.*)$/.exec(line.trim());
    if (m) paths.add(m[1]);
  }
  return paths;
}
