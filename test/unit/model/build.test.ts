import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/model/build.js';
import { warningText } from '../../../views/present/warnings.js';
import { rawFromCapture } from '../../support/raw.js';

// A real probe answer of a Debian VM (cgroup v1, no systemd as PID 1), captured under dash.
const raw = rawFromCapture('test/fixtures/probe/local-dash.txt');
const sectionText = (id: string) => raw.sections[id].text;

describe('buildModel on a real probe capture', () => {
  const m = buildModel(raw);

  it('reads memory as free does', () => {
    const total = Number(/^MemTotal:\s+(\d+) kB/m.exec(sectionText('meminfo'))![1]) * 1024;
    const avail = Number(/^MemAvailable:\s+(\d+) kB/m.exec(sectionText('meminfo'))![1]) * 1024;
    expect(m.memory?.totalBytes).toBe(total);
    expect(m.memory?.availableBytes).toBe(avail);
    expect(m.memory?.usedBytes).toBe(total - avail);
  });

  it('keeps every mountinfo line as a mount and builds one tree from them', () => {
    const lines = sectionText('mountinfo').trim().split('\n').length;
    expect(m.mounts).toHaveLength(lines);
    const count = (nodes: typeof m.mountTree): number => nodes.reduce((a, n) => a + 1 + count(n.children), 0);
    expect(count(m.mountTree)).toBe(lines);
    expect(m.mountTree[0].mount.target).toBe('/');
  });

  it('groups mounts by filesystem instance, and joins df sizes', () => {
    const root = m.mounts.find((x) => x.target === '/')!;
    expect(root.sizeBytes).toBeGreaterThan(0);
    const group = m.mountGroups.find((g) => g.members.some((x) => x.target === '/'))!;
    expect(group.source).toBe(root.source);
    expect(group.sizeBytes).toBe(root.sizeBytes);
    expect(m.mountGroups.reduce((a, g) => a + g.members.length, 0)).toBe(m.mounts.length);
  });

  it('puts each process in the cgroup whose cgroup.procs lists it', () => {
    expect(m.cgroupVersion).toBe('hybrid'); // v1 controllers plus cgroup2 on /sys/fs/cgroup/unified
    const pid1 = m.processes.find((p) => p.pid === 1)!;
    expect(pid1.cgroup).toBe('/');
    expect(m.cgroups?.pids).toContain(1);
  });

  it('says systemd is absent rather than failed, and names no warnings for it', () => {
    expect(m.units).toBeNull();
    expect(m.sections.systemd.state).toBe('absent');
    expect(m.warnings.map((w) => warningText(w, m)).join('\n')).not.toMatch(/systemd/);
  });

  it('finds the missing kube-proxy IPVS prerequisites this VM has, but warns only where kubelet or kube-proxy runs', () => {
    expect(m.kube.missing).toEqual(expect.arrayContaining(['ip_vs', 'ipset', 'socat']));
    expect(m.warnings.some((w) => warningText(w, m).startsWith('kube-proxy'))).toBe(false);
    // a copy of kthreadd's row (the columns stay aligned) renamed kubelet, then kube-proxy
    const kthreadd = sectionText('processes').split('\n').find((l) => / \[kthreadd\]$/.test(l))!;
    for (const name of ['kubelet   ', 'kube-proxy']) {
      const line = kthreadd.replace(/^ +2 /, ' 4242 ').replace(/kthreadd  .*$/, `${name}       /usr/bin/${name.trim()} --v=2`);
      const node = structuredClone(raw);
      node.sections.processes = { ...node.sections.processes, text: node.sections.processes.text.trimEnd() + '\n' + line + '\n' };
      const n = buildModel(node);
      expect(n.processes.find((p) => p.pid === 4242)?.comm).toBe(name.trim());
      expect(n.warnings.some((w) => warningText(w, n).startsWith('kube-proxy IPVS prerequisites missing: ip_vs'))).toBe(true);
    }
  });
});

describe('buildModel on damaged input', () => {
  it('marks a section that never finished and keeps the others', () => {
    const cut = structuredClone(raw);
    cut.sections.mountinfo = { ...cut.sections.mountinfo, rc: null };
    delete (cut.sections as Record<string, unknown>).df;
    const m = buildModel(cut);
    expect(m.sections.mountinfo.state).toBe('error');
    expect(m.sections.df.state).toBe('missing');
    expect(m.memory?.totalBytes).toBeGreaterThan(0);
    expect(m.warnings.some((w) => w.tab === 'mounts' && /did not finish/.test(warningText(w, m)))).toBe(true);
  });

  it('turns host escape sequences into visible text everywhere in the model', () => {
    const evil = structuredClone(raw);
    evil.sections['os-release'].text = 'PRETTY_NAME="pwned\u001b]0;title\u0007\u001b[2J"\n';
    const json = JSON.stringify(buildModel(evil));
    expect(json).not.toMatch(/\\u001b|\\u0007/);
    expect(buildModel(evil).identity.osPrettyName).toBe('pwned\\e]0;title\\x07\\e[2J');
  });
});
