import { connect as netConnect } from 'node:net';
import type { Duplex } from 'node:stream';
import { parseEnginesDiscovery } from '../../parsers/engines-discovery.js';
import { collectEngines, type EngineAccess } from '../engines/collect.js';
import { planEngines } from '../engines/plan.js';
import { usableText } from '../model/section-status.js';
import type { RawEngine, RawSection } from '../snapshot/types.js';
import type { ShellChannel } from '../transport/types.js';

export interface EngineHookOptions {
  engines: string[];
  sudo: boolean;
  /** Opens a stream to a unix socket on the target (local net.connect, ssh streamlocal forwarding). */
  socket?: (path: string) => Promise<Duplex>;
  /** The target's shell, for the docker CLI / curl path (--via, --sudo). */
  shell?: ShellChannel;
}

/** After each probe: plan the engines from the discovery section and read them; inspect answers are reused between ticks. */
export function engineCollector(o: EngineHookOptions): (sections: Record<string, RawSection>) => Promise<RawEngine[]> {
  let previous: RawEngine[] = [];
  return async (sections) => {
    const text = usableText(sections.engines);
    const discovery = text ? parseEnginesDiscovery(text).value : null;
    const plan = planEngines(discovery, { engines: o.engines, sudo: o.sudo, reach: o.socket ? 'socket' : 'shell' });
    const access: EngineAccess[] = [];
    if (o.socket) access.push({ kind: 'socket', connect: o.socket });
    const shell = o.shell;
    if (shell) access.push({ kind: 'shell', run: (script, terminator) => shell.run(script, terminator, { timeoutMs: 20_000, maxBytes: 64 * 1024 * 1024 }) });
    previous = await collectEngines(plan, access, { previous });
    return previous;
  };
}

/** A local unix socket as a stream (cosi --local). */
export function localSocket(path: string): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const s = netConnect(path);
    s.once('connect', () => resolve(s));
    s.once('error', reject);
  });
}
