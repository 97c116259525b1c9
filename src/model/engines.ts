import { buildEngines, type EngineWithLayers } from '../engines/model.js';
import { planEngines, type EngineDiscovery } from '../engines/plan.js';
import type { RawSnapshot } from '../snapshot/types.js';
import type { CgroupRow } from './cgroups.js';

/**
 * Engines of the host from the raw API answers. A snapshot taken without
 * engine collection still shows the sockets the probe found (from the plan).
 */
export function buildEngineModels(raw: RawSnapshot['engines'], discovery: EngineDiscovery | null, cgroups: CgroupRow[]): EngineWithLayers[] {
  const plan = raw.length === 0 ? planEngines(discovery, { reach: 'socket' }) : null;
  return buildEngines(raw, plan, cgroups);
}
