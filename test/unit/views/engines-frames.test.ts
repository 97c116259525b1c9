import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/model/build.js';
import { renderFrame } from '../../../views/render-frame.js';
import { labCpu, labMemory } from './lab-models.js';
import { expectGolden } from './golden.js';

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
