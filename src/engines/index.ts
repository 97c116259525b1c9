/**
 * Container engines: every docker / system-docker / podman socket of the host.
 *
 *   probe tick ──> sections.engines (discovery) ──> planEngines ──> collectEngines ──> RawEngine[] (snapshot)
 *   RawEngine[] + cgroup figures ──> buildEngines ──> Engine[] (+ upperDir for the Mounts join)
 *
 * See docs/engines.md.
 */
import { parseEnginesDiscovery } from '../../parsers/engines-discovery.js';
import type { RawEngine, RawSection } from '../snapshot/types.js';
import type { ApiLimits } from './api.js';
import { collectEngines, type EngineAccess } from './collect.js';
import { planEngines, type PlanOptions } from './plan.js';

export { apiGet, DEFAULT_API_LIMITS, EngineApiError, type ApiLimits, type StreamFactory } from './api.js';
export { buildEngineScript, engineTerminator, readEngineSteps } from './cli.js';
export { collectEngines, type CollectOptions, type EngineAccess } from './collect.js';
export { describeFailure, MESSAGES, statusOfError } from './errors.js';
export {
  buildEngines,
  containerForCgroup,
  containerForUpperdir,
  containerIdOfComponent,
  enginesJson,
  rosServices,
  type CgroupFigures,
  type ContainerWithLayer,
  type EngineWithLayers,
} from './model.js';
export { redactEnv } from './redact.js';
export { labelSocket, planEngines, socketKey, type EngineDiscovery, type EngineMethod, type EnginePlanEntry, type PlanOptions } from './plan.js';

/**
 * The `collectEngines` hook of ProbeTransport: after each probe tick, plans
 * from that tick's `engines` section and reads the engines. Keeps the last
 * answers so unchanged containers are not inspected again.
 *
 *   --local:  engineCollector({ reach: 'socket', access: [{ kind: 'socket', connect: netConnect }], ... })
 *   ssh:      engineCollector({ reach: 'socket', access: [{ kind: 'socket', connect: (p) => ch.forwardUnixSocket(p) },
 *                                                         { kind: 'shell', run: (s, t) => ch.run(s, t, limits) }], sudo })
 *   --via:    engineCollector({ reach: 'shell', access: [{ kind: 'shell', run: (s, t) => ch.run(s, t, limits) }], sudo })
 */
export function engineCollector(
  opts: PlanOptions & { access: EngineAccess[]; limits?: ApiLimits },
): (sections: Record<string, RawSection>) => Promise<RawEngine[]> {
  let previous: RawEngine[] = [];
  return async (sections) => {
    const text = sections.engines?.text ?? '';
    const discovery = text === '' && opts.engines?.length ? null : parseEnginesDiscovery(text).value;
    const plan = planEngines(discovery, opts);
    const raw = await collectEngines(plan, opts.access, { previous, limits: opts.limits });
    previous = raw;
    return raw;
  };
}
