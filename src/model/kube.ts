import type { KubeInfo } from '../../parsers/kube.js';
import type { KubeChecks } from './types.js';

/** The parser decides which module satisfies which prerequisite (KUBE_MODULES); the model lists what is missing. */
export function buildKube(parsed: KubeInfo | null): KubeChecks {
  if (!parsed) return { modules: [], tools: [], missing: [] };
  const modules = parsed.modules.map(({ name, loaded }) => ({ name, loaded }));
  const missing = [...modules.filter((m) => !m.loaded).map((m) => m.name), ...parsed.tools.filter((t) => !t.present).map((t) => t.name)];
  return { modules, tools: parsed.tools, missing };
}
