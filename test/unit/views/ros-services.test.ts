import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/model/build.js';
import { parseSnapshot } from '../../../src/snapshot/file.js';
import { renderFrame } from '../../../views/render-frame.js';

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
