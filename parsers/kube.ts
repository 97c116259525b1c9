import { excerpt, sanitize } from './sanitize.js';
import { lines, type Parsed, type ParseIssue } from './types.js';
import { issue } from './issues.js';

/** One kube-proxy IPVS prerequisite module. */
export interface KubeModule {
  /** ip_vs, ip_vs_rr, ip_vs_wrr, ip_vs_sh, nf_conntrack. */
  name: string;
  /** In the running kernel: loaded as a module or built in. */
  loaded: boolean;
  builtin: boolean;
  /** The module that satisfied it (nf_conntrack_ipv4 before kernel 4.19), null when missing. */
  foundAs: string | null;
}

export interface KubeTool {
  name: string;
  present: boolean;
}

export interface KubeInfo {
  modules: KubeModule[];
  tools: KubeTool[];
}

/** The modules kube-proxy in IPVS mode needs; each satisfied by any of its alternatives. */
export const KUBE_MODULES: { name: string; alternatives: string[] }[] = [
  { name: 'ip_vs', alternatives: ['ip_vs'] },
  { name: 'ip_vs_rr', alternatives: ['ip_vs_rr'] },
  { name: 'ip_vs_wrr', alternatives: ['ip_vs_wrr'] },
  { name: 'ip_vs_sh', alternatives: ['ip_vs_sh'] },
  // Kernel 4.19 merged nf_conntrack_ipv4 into nf_conntrack (coreos/bugs#2518).
  { name: 'nf_conntrack', alternatives: ['nf_conntrack', 'nf_conntrack_ipv4'] },
];

const MODULE_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Parses the probe's kube section: `@modules` then /proc/modules lines,
 * `@builtin` then modules.builtin paths (`kernel/net/netfilter/ipvs/ip_vs.ko`),
 * `@tools` then `NAME yes|no`.
 */
export function parseKube(text: string): Parsed<KubeInfo> {
  const issues: ParseIssue[] = [];
  const loaded = new Set<string>();
  const builtin = new Set<string>();
  const tools: KubeTool[] = [];
  let part: 'modules' | 'builtin' | 'tools' | null = null;
  const seen = new Set<string>();
  lines(text).forEach((raw, i) => {
    const line = i + 1;
    const t = raw.trim();
    if (t === '') return;
    if (t === '@modules' || t === '@builtin' || t === '@tools') {
      part = t.slice(1) as 'modules' | 'builtin' | 'tools';
      seen.add(part);
      return;
    }
    if (part === 'modules') {
      const name = t.split(/\s+/)[0];
      if (MODULE_NAME.test(name)) loaded.add(name);
      else issues.push(issue('kube-bad-module', { text: excerpt(raw) }, line));
    } else if (part === 'builtin') {
      const base = t.slice(t.lastIndexOf('/') + 1);
      const name = base.replace(/\.ko(\.(xz|gz|zst))?$/, '');
      if (name !== base && MODULE_NAME.test(name)) builtin.add(name.replace(/-/g, '_'));
      else issues.push(issue('kube-bad-builtin', { text: excerpt(raw) }, line));
    } else if (part === 'tools') {
      const f = t.split(/\s+/);
      if (f.length === 2 && (f[1] === 'yes' || f[1] === 'no')) tools.push({ name: sanitize(f[0]), present: f[1] === 'yes' });
      else issues.push(issue('kube-bad-tool', { text: excerpt(raw) }, line));
    } else {
      issues.push(issue('kube-before-marker', { text: excerpt(raw) }, line));
    }
  });
  for (const p of ['modules', 'builtin', 'tools']) {
    if (!seen.has(p)) issues.push(issue('kube-part-missing', { part: p }));
  }
  const modules = KUBE_MODULES.map(({ name, alternatives }): KubeModule => {
    const asModule = alternatives.find((a) => loaded.has(a)) ?? null;
    const asBuiltin = alternatives.find((a) => builtin.has(a)) ?? null;
    return {
      name,
      loaded: asModule !== null || asBuiltin !== null,
      builtin: asModule === null && asBuiltin !== null,
      foundAs: asModule ?? asBuiltin,
    };
  });
  return { value: { modules, tools }, issues };
}
