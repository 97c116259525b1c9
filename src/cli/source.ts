import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ProbeTransport } from '../transport/probe-transport.js';
import { readSnapshotFile } from '../snapshot/file.js';
import { localChannel, viaChannel } from '../transport/child-shell.js';
import { ReplayTransport } from '../transport/replay.js';
import type { Transport } from '../transport/types.js';
import { engineCollector, localSocket } from './engine-hook.js';
import { usage } from './errors.js';
import { fileSourceCommand } from './retry.js';
import type { CliOptions } from './options.js';
import { demoDir } from '../paths.js';

export interface SourceRules {
  /** screenshot also takes --snapshot FILE and --demo NAME. */
  files: boolean;
  /** The live TUI: the first tick reads only the fast sections (ProbeOptions.quickFirst). */
  quickFirst?: boolean;
  /** An SSH host: called once its first connect's key exchange is done (host key accepted). */
  onKeyExchange?: () => void;
}

/** Resolves exactly one source from the options into a Transport. */
export async function openSource(o: CliOptions, rules: SourceRules): Promise<Transport> {
  const host = o.positionals[0];
  const given = [host !== undefined, o.local, o.via !== undefined, o.snapshot !== undefined, o.demo !== undefined].filter(Boolean).length;
  if (given === 0) throw usage(`say what to inspect: a host (user@host), --local or --via CMD${rules.files ? ', --snapshot FILE or --demo NAME' : ''}`);
  if (given > 1) throw usage('give only one of: a host, --local, --via, --snapshot, --demo');
  if (o.positionals.length > 1) throw usage(`unexpected argument '${o.positionals[1]}'`);
  if (!rules.files && (o.snapshot !== undefined || o.demo !== undefined)) {
    throw usage(`--snapshot and --demo are for screenshot; to see it, run: ${fileSourceCommand(o, o.json)}`);
  }
  if (o.hostRoot !== undefined && (o.snapshot !== undefined || o.demo !== undefined)) throw usage('--host-root is for a live source (a host, --local or --via), not a saved snapshot');
  if (o.snapshot) return new ReplayTransport(await readSnapshotFile(o.snapshot), o.snapshot);
  if (o.demo !== undefined) return demoTransport(o.demo);
  if (o.local) {
    const channel = localChannel();
    const t: ProbeTransport = new ProbeTransport(channel, { sudo: o.sudo, hostRoot: o.hostRoot, timeoutMs: o.timeoutSec * 1000, quickFirst: rules.quickFirst, socket: localSocket, collectEngines: engineCollector({ ...o, socket: localSocket, shell: channel, root: () => t.rootShell }) });
    return t;
  }
  if (o.via !== undefined) {
    if (o.via.trim() === '') throw usage('--via needs a command, e.g. --via "docker exec -i console sh"');
    const channel = viaChannel(o.via);
    const t: ProbeTransport = new ProbeTransport(channel, { sudo: o.sudo, hostRoot: o.hostRoot, timeoutMs: o.timeoutSec * 1000, quickFirst: rules.quickFirst, collectEngines: engineCollector({ ...o, shell: channel, root: () => t.rootShell }) });
    return t;
  }
  return openSshSource(host as string, o, rules);
}

async function openSshSource(host: string, o: CliOptions, rules: SourceRules): Promise<Transport> {
  const { openSshTransport } = await import('./ssh-source.js');
  return openSshTransport(host, o, rules.quickFirst === true, rules.onKeyExchange);
}

export function demoNames(): string[] {
  try {
    return readdirSync(demoDir())
      .filter((f) => f.endsWith('.cosi.json'))
      .map((f) => f.slice(0, -'.cosi.json'.length))
      .sort();
  } catch {
    return [];
  }
}

/** The file of a bundled demo host; a usage error names the bundled ones. */
export function demoFile(name: string): string {
  const names = demoNames();
  if (!names.includes(name)) throw usage(`no demo host '${name}'; bundled: ${names.join(', ') || '(none)'}`);
  return join(demoDir(), `${name}.cosi.json`);
}

export async function demoTransport(name: string): Promise<Transport> {
  return new ReplayTransport(await readSnapshotFile(demoFile(name)), `demo ${name}`);
}
