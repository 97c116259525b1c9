import type { KubeChecks } from './types.js';

/** kube-proxy in IPVS mode needs these (the seed's modprobe list); conntrack is nf_conntrack_ipv4 before 4.19. */
export const IPVS_MODULES = ['ip_vs', 'ip_vs_rr', 'ip_vs_wrr', 'ip_vs_sh'];
export const CONNTRACK_MODULES = ['nf_conntrack', 'nf_conntrack_ipv4'];

export function buildKube(parsed: { modules: { name: string; loaded: boolean }[]; tools: { name: string; present: boolean }[] } | null): KubeChecks {
  if (!parsed) return { modules: [], tools: [], missing: [] };
  const loaded = new Set(parsed.modules.filter((m) => m.loaded).map((m) => m.name));
  const modules = [
    ...IPVS_MODULES.map((name) => ({ name, loaded: loaded.has(name) })),
    { name: 'nf_conntrack', loaded: CONNTRACK_MODULES.some((n) => loaded.has(n)) },
  ];
  const missing = [...modules.filter((m) => !m.loaded).map((m) => m.name), ...parsed.tools.filter((t) => !t.present).map((t) => t.name)];
  return { modules, tools: parsed.tools, missing };
}
