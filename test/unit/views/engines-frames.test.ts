import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/model/build.js';
import type { RawSnapshot } from '../../../src/snapshot/types.js';
import { parseSnapshot } from '../../../src/snapshot/file.js';
import { renderFrame } from '../../../views/render-frame.js';
import { rawFrom } from '../../fixtures/docker/raw.js';
import { expectGolden } from './golden.js';

const fixture = (p: string) => readFileSync(join(import.meta.dirname, '../../fixtures', p), 'utf8');
/** The RancherOS demo as recorded from the shared lab (its user docker is the lab's, as the fixtures below). */
const demo: RawSnapshot = parseSnapshot(readFileSync(join(import.meta.dirname, '../../fixtures/demo-leaks/rancheros-recorded-on-vm.cosi.json'), 'utf8'), 'demo');

const section = (text: string) => ({ text, rc: 0, truncated: false, bytes: text.length, ms: 0 });
const WEB = '7c4ad8cd967f125672de28f5f9d242281210d3d2fc32d0f5a0cd7435978c3356';
const COREOS = 'a102869b96962d2ff9a148644965a718dcb4b1256b90b6009bc1c9ca73176bbf';
const BATCH = 'ba84a3e6745e715d452ae013d14e8b18cff7e23bd40a39c24952edfc3f33df19';

/** The RancherOS demo whose user docker and cgroups are the lab's, read in one moment with 16 MiB of page cache in web. */
function labMemory(): RawSnapshot {
  const text = fixture('cgroups/v1-lab-docker-memory.txt');
  const engines = demo.engines.map((e) => (e.name === 'docker' ? rawFrom('lab-memory', 'docker', e.socket) : e));
  return { ...demo, engines, sections: { ...demo.sections, cgroups: section(text) } };
}

/**
 * CONSTRUCTED from that real reading: web under a half-core quota in both readings, and a second
 * reading 2 s later in which web used 1 s of CPU (50% of one core) and was throttled in 16 of 20
 * periods, coreos 0.06 s (3%); batch's inspect says its last exit was an OOM kill after 3 restarts.
 */
function labCpu(): RawSnapshot {
  const quota = (t: string) => t.replace(`/cpu/docker/${WEB}/cpu.cfs_quota_us:-1`, `/cpu/docker/${WEB}/cpu.cfs_quota_us:50000`);
  const first = quota(fixture('cgroups/v1-lab-docker-memory.txt'));
  const second = first
    .replace('@uptime 851.29', '@uptime 853.29')
    .replace(`${WEB}/cpuacct.usage:376430431`, `${WEB}/cpuacct.usage:${376430431 + 1e9}`)
    .replace(`${WEB}/cpu.stat:nr_periods 0`, `${WEB}/cpu.stat:nr_periods 20`)
    .replace(`${WEB}/cpu.stat:nr_throttled 0`, `${WEB}/cpu.stat:nr_throttled 16`)
    .replace(`${COREOS}/cpuacct.usage:38404619452`, `${COREOS}/cpuacct.usage:${38404619452 + 6e7}`);
  const lab = labMemory();
  const engines = lab.engines.map((e) => {
    if (e.name !== 'docker') return e;
    const key = `/containers/${BATCH}/json`;
    const batch = e.answers[key]!.replace('"OOMKilled":false', '"OOMKilled":true').replace('"RestartCount":0', '"RestartCount":3');
    return { ...e, answers: { ...e.answers, [key]: batch } };
  });
  return { ...lab, engines, sections: { ...lab.sections, cgroups: section(second) }, previous: { takenAt: lab.takenAt, sections: { cgroups: section(first) } } };
}

describe('Engines: memory as docker stats shows it, with the limit', () => {
  const model = buildModel(labMemory());

  it('the list: web 808Ki/64Mi (docker stats said 808KiB / 64MiB), coreos 10Mi without a limit', () => {
    const frame = renderFrame(model, { tab: 'engines', cols: 100, rows: 30 }, { color: false });
    expect(frame).toMatch(/web +running +808Ki\/64Mi/);
    expect(frame).toMatch(/coreos +running +10Mi /);
    expectGolden('lab-engines-memory', frame);
  });

  it("web's details: docker's figure and limit, then the raw usage and the inactive file cache", () => {
    const frame = renderFrame(model, { tab: 'engines', cols: 100, rows: 30, keys: ['j', 'j', 'j', 'j', 'enter'] }, { color: false });
    expect(frame).toContain('memory     808Ki · limit 64Mi (1% used) · as docker stats counts: usage less inactive file cache');
    expect(frame).toContain('usage 16Mi (its cgroup, page cache included) · inactive file cache 16Mi');
    expectGolden('lab-engines-memory-detail', frame);
  });
});

describe('Engines: CPU as docker stats counts it, CPU limit, throttling, restarts and OOM kills', () => {
  const model = buildModel(labCpu());

  it('the list at 100 and 80 columns: web 50%/50% and throttled, coreos 3%, batch OOM-killed after 3 restarts', () => {
    const frame = renderFrame(model, { tab: 'engines', cols: 100, rows: 30 }, { color: false });
    expect(frame).toMatch(/web +running +50%\/50% +808Ki\/64Mi +1 cosi-lab\/busybox:\S+ throttled 80% ·/);
    expect(frame).toMatch(/coreos +running +3% +10Mi/);
    expect(frame).toMatch(/batch +exited +cosi-lab\/busybox:\S+ OOM-killed · 3 /);
    expectGolden('lab-engines-cpu', frame);
    expectGolden('lab-engines-cpu-80x24', renderFrame(model, { tab: 'engines', cols: 80, rows: 24 }, { color: false }));
  });

  it("web's and batch's details", () => {
    const web = renderFrame(model, { tab: 'engines', cols: 100, rows: 30, keys: ['j', 'j', 'j', 'j', 'enter'] }, { color: false });
    expect(web).toContain('cpu        50% of one core (as docker stats) · limit 0.5 cores (50%) · throttled in 80% of periods');
    expectGolden('lab-engines-cpu-detail', web);
    const batch = renderFrame(model, { tab: 'engines', cols: 100, rows: 30, keys: ['j', 'j', 'enter'] }, { color: false });
    expect(batch).toContain('state      exited · Exited (0) 7 minutes ago · 3 restarts · last exit: OOM-killed');
    expect(batch).toContain('cpu        - (not running) · no limit');
  });

  it('--json: cpuPercent, throttledPercent, oomKilled and limits per container; one reading gives no rate', () => {
    const docker = model.engines.find((e) => e.name === 'docker')!;
    const web = docker.containers.find((c) => c.name === 'web')!;
    expect(web).toMatchObject({ cpuPercent: 50, throttledPercent: 80, oomKilled: false, oomKills: 0, limits: { cpuCores: 0.5, memoryBytes: 64 * 1024 * 1024, pids: null } });
    expect(docker.containers.find((c) => c.name === 'coreos')).toMatchObject({ cpuPercent: 3, throttledPercent: null, limits: { cpuCores: null } });
    expect(docker.containers.find((c) => c.name === 'batch')).toMatchObject({ cpuPercent: null, oomKilled: true, restarts: 3 });
    const once = buildModel({ ...labCpu(), previous: undefined }).engines.find((e) => e.name === 'docker')!;
    expect(once.containers.find((c) => c.name === 'web')).toMatchObject({ cpuPercent: null, throttledPercent: null });
    expect(renderFrame(buildModel({ ...labCpu(), previous: undefined }), { tab: 'engines', cols: 100, rows: 30 }, { color: false })).toMatch(/web +running +-\/50% +808Ki\/64Mi/);
  });
});
