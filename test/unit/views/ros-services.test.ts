import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/model/build.js';
import { eachNode } from '../../../src/model/walk.js';
import { parseSnapshot } from '../../../src/snapshot/file.js';
import { renderFrame } from '../../../views/render-frame.js';
import { expectGolden } from './golden.js';

const load = (name: string) => buildModel(parseSnapshot(readFileSync(`demo/${name}.cosi.json`, 'utf8'), name));

describe('Services on a host without systemd (RancherOS)', () => {
  const model = load('rancheros');
  const sys = model.engines.find((e) => e.kind === 'system-docker')!;
  const frame = renderFrame(model, { tab: 'services', cols: 120, rows: 40 });

  it('lists every system-docker container first, with its state in docker words, like ros service ps', () => {
    expect(frame).toContain('system services (system-docker, as ros service ps)');
    for (const c of sys.containers) {
      const line = frame.split('\n').find((l) => l.includes(` ${c.name}  `));
      expect(line, c.name).toBeDefined();
      // docker's own words, whole or cut with an ellipsis where the STATE column ends
      const at = line!.indexOf(c.status.slice(0, 10));
      expect(at, `${c.name}: ${c.status}`).toBeGreaterThan(0);
      const cell = line!.slice(at).split(/ {2,}/)[0].replace(/…$/, '');
      expect(c.status.startsWith(cell), `${c.name}: ${cell} is not ${c.status}`).toBe(true);
    }
    expect(frame.indexOf('system services')).toBeLessThan(frame.indexOf('▾ /'));
  });

  it('opens a service to the processes of its cgroup', () => {
    const acpid = sys.containers.find((c) => c.name === 'acpid')!;
    const open = renderFrame(model, { tab: 'services', cols: 120, rows: 40, keys: ['j', 'enter'] });
    const pids = model.processes.filter((p) => p.cgroup === acpid.cgroupPath);
    expect(pids.length).toBeGreaterThan(0);
    for (const p of pids) expect(open).toMatch(new RegExp(`│ [├└]─  ${p.pid} `));
  });

  it('is not shown on a systemd host', () => {
    expect(renderFrame(load('coreos'), { tab: 'services', cols: 120, rows: 40 })).not.toContain('as ros service ps');
  });
});

describe('LIMITS in the RancherOS layout, as in the systemd one', () => {
  const header = (frame: string) => frame.split('\n').find((l) => l.startsWith('CGROUP / PROCESS'))!;
  const line = (frame: string, text: string) => frame.split('\n').find((l) => l.includes(text))!;

  it('140 and 100 columns: LIMITS holds the user container web\'s 64 MiB limit; 80: LIMITS is left out first, the names keep their room', () => {
    const model = load('rancheros');
    const frames = [140, 100, 80].map((cols) => renderFrame(model, { tab: 'services', cols, rows: 50 }, { color: false }));
    expectGolden('rancheros-services-limits-140', frames[0]);
    expectGolden('rancheros-services-limits-100', frames[1]);
    expectGolden('rancheros-services-limits-80', frames[2]);
    expect(header(frames[0])).toMatch(/MEMORY +LIMITS$/);
    expect(line(frames[1], 'web [docker')).toMatch(/ 64Mi$/);
    expect(header(frames[2])).toMatch(/MEMORY$/);
  });

  it("a system service under a limit shows it on its ros service ps row", () => {
    const model = load('rancheros');
    const acpid = model.engines.find((e) => e.kind === 'system-docker')!.containers.find((c) => c.name === 'acpid')!;
    acpid.limits = { cpuCores: 0.5, memoryBytes: 128 * 1024 * 1024, pids: null };
    const frame = renderFrame(model, { tab: 'services', cols: 120, rows: 30 }, { color: false });
    expect(line(frame, '├─▸ acpid ')).toMatch(/Up About a minute +2 +\d+Ki +0\.5c 128Mi$/);
  });

  it('a host without any limit has no LIMITS column', () => {
    const model = load('rancheros');
    eachNode(model.cgroups!, (n) => {
      n.limits = { cpuCores: null, memoryBytes: null, pids: null };
      return true;
    });
    for (const e of model.engines) for (const c of e.containers) c.limits = { cpuCores: null, memoryBytes: null, pids: null };
    expect(header(renderFrame(model, { tab: 'services', cols: 140, rows: 30 }, { color: false }))).toMatch(/MEMORY$/);
  });
});
