import { connect as netConnect } from 'node:net';
import type { Duplex } from 'node:stream';
import { parseEnginesDiscovery } from '../../parsers/engines-discovery.js';
import { collectEngines, type EngineAccess } from '../engines/collect.js';
import { planEngines, type EnginePlanEntry } from '../engines/plan.js';
import { usableText } from '../model/section-status.js';
import type { RawEngine, RawSection } from '../snapshot/types.js';
import type { SudoSession } from '../transport/sudo-session.js';
import type { ShellChannel } from '../transport/types.js';

export interface EngineHookOptions {
  engines: string[];
  sudo: boolean;
  /** Opens a stream to a unix socket on the target (local net.connect, ssh streamlocal forwarding). */
  socket?: (path: string) => Promise<Duplex>;
  /** The target's shell, for the docker CLI / curl path (--via, --sudo). */
  shell?: ShellChannel;
  /** --sudo: the session's root shell, once the transport has elevated (then no `sudo -n` per tick). */
  root?: () => SudoSession | null;
  /** `--host-root DIR`: sockets are opened under DIR. */
  hostRoot?: string;
}

/** After each probe: plan the engines from the discovery section and read them; inspect answers are reused between ticks. */
export function engineCollector(o: EngineHookOptions): (sections: Record<string, RawSection>) => Promise<RawEngine[]> {
  let previous: RawEngine[] = [];
  return async (sections) => {
    const text = usableText(sections.engines);
    const discovery = text ? parseEnginesDiscovery(text).value : null;
    let plan = planEngines(discovery, { engines: o.engines, sudo: o.sudo, reach: o.socket ? 'socket' : 'shell', hostRoot: o.hostRoot });
    const access: EngineAccess[] = [];
    if (o.socket) access.push({ kind: 'socket', connect: o.socket });
    const shell = o.shell;
    const limits = { timeoutMs: 20_000, maxBytes: 64 * 1024 * 1024 };
    // Root-only sockets with an elevated session: the whole engine script runs in its root shell, no `sudo -n`.
    const root = o.root?.();
    if (root?.mode === 'root' && plan.some(needsSudo)) {
      plan = plan.map((e) => (needsSudo(e) ? { ...e, method: { ...e.method, sudo: false } } : e));
      access.push({ kind: 'shell', run: (script, terminator) => root.runRoot(script, terminator, limits) });
    } else if (shell) access.push({ kind: 'shell', run: (script, terminator) => shell.run(script, terminator, limits) });
    previous = await collectEngines(plan, access, { previous });
    return previous;
  };
}

function needsSudo(e: EnginePlanEntry): e is EnginePlanEntry & { method: { kind: 'cli' | 'curl'; tool: string; sudo: boolean } } {
  return (e.method.kind === 'cli' || e.method.kind === 'curl') && e.method.sudo;
}

/** A local unix socket as a stream (cosi --local). */
export function localSocket(path: string): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const s = netConnect(path);
    s.once('connect', () => resolve(s));
    s.once('error', reject);
  });
}
