import { describe, expect, it } from 'vitest';
import { parseKube } from '../../../parsers/kube.js';
import { checkNeverThrows, fixture, probeSection, said } from './_support.js';

const names = (r: ReturnType<typeof parseKube>) => r.value.modules.filter((m) => m.loaded).map((m) => m.foundAs);

describe('parseKube', () => {
  it('reads the kube section recorded on this machine: no modules, some tools', () => {
    const r = parseKube(probeSection('local-dash.txt', 'kube'));
    expect(r.issues).toEqual([]);
    expect(r.value.modules.map((m) => [m.name, m.loaded])).toEqual([
      ['ip_vs', false],
      ['ip_vs_rr', false],
      ['ip_vs_wrr', false],
      ['ip_vs_sh', false],
      ['nf_conntrack', false],
    ]);
    expect(r.value.tools).toEqual([
      { name: 'ipset', present: false },
      { name: 'socat', present: false },
      { name: 'ethtool', present: false },
      { name: 'ebtables', present: true },
      { name: 'conntrack', present: false },
      { name: 'tar', present: true },
    ]);
  });

  // /proc/modules lines of a 4.14 kernel (RancherOS 1.5 era) with IPVS loaded: nf_conntrack_ipv4 still exists there.
  it('a 4.14 kernel with IPVS loaded passes every module check', () => {
    const r = parseKube(fixture('kube/ipvs-4.14.txt'));
    expect(r.issues).toEqual([]);
    expect(r.value.modules.every((m) => m.loaded && !m.builtin)).toBe(true);
    expect(r.value.tools.filter((t) => !t.present).map((t) => t.name)).toEqual(['conntrack']);
  });

  it('before 4.19, nf_conntrack_ipv4 alone satisfies the conntrack prerequisite', () => {
    const r = parseKube('@modules\nnf_conntrack_ipv4 16384 7 - Live 0xffffffffc0986000\n@builtin\n@tools\n');
    expect(r.issues).toEqual([]);
    expect(r.value.modules[4]).toEqual({ name: 'nf_conntrack', loaded: true, builtin: false, foundAs: 'nf_conntrack_ipv4' });
  });

  it('from 4.19, nf_conntrack alone satisfies it; built-in modules count as present', () => {
    const r = parseKube(fixture('kube/ipvs-builtin-5.10.txt'));
    expect(r.issues).toEqual([]);
    expect(names(r)).toEqual(['ip_vs', 'ip_vs_rr', 'ip_vs_wrr', 'ip_vs_sh', 'nf_conntrack']);
    expect(r.value.modules[0]).toEqual({ name: 'ip_vs', loaded: true, builtin: true, foundAs: 'ip_vs' });
    expect(r.value.modules[4].builtin).toBe(false);
  });

  it('reports bad lines and missing parts', () => {
    const r = parseKube('stray\n@modules\n@tools\nipset maybe\n');
    expect(said(r.issues).map((i) => [i.line, i.message])).toEqual([
      [1, 'line before any @modules/@builtin/@tools marker: stray'],
      [4, 'expected "TOOL yes|no": ipset maybe'],
      [undefined, 'no @builtin part: the probe output is incomplete'],
    ]);
  });

  it('never throws on random, binary and truncated input', () => {
    checkNeverThrows(parseKube, [fixture('kube/ipvs-4.14.txt'), fixture('kube/ipvs-builtin-5.10.txt')]);
  });
});
