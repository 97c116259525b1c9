import type { RawEngine } from '../snapshot/types.js';
import type { CgroupRow } from './cgroups.js';
import type { Container, Engine } from './types.js';

/** Containers carry their overlay upperdir until the mount join has used it. */
export type EngineWithLayers = Omit<Engine, 'containers'> & { containers: (Container & { upperDir: string | null })[] };

export interface Discovery {
  sockets: { path: string; access: 'rw' | 'denied' }[];
  tools: Record<string, string>;
  units: Record<string, string>;
}

/** Engines of the host: discovery from the probe plus the raw API answers. */
export function buildEngineModels(_raw: RawEngine[], _discovery: Discovery | null, _cgroups: CgroupRow[]): EngineWithLayers[] {
  return [];
}
