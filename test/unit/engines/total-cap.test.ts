import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_API_LIMITS } from '../../../src/engines/api.js';
import { collectEngines } from '../../../src/engines/collect.js';
import { planEngines } from '../../../src/engines/plan.js';
import { buildModel } from '../../../src/model/build.js';
import { parseSnapshot } from '../../../src/snapshot/file.js';
import type { RawSnapshot } from '../../../src/snapshot/types.js';
import { renderFrame } from '../../../views/render-frame.js';
import { capturedAnswers, connectUnix, startFakeDaemon, type FakeDaemon } from './fake-daemon.js';

// 100 containers x 8 MB inspect answers reached 2.6 GB RSS and "Invalid string length": each answer
// had a cap, the tick had none. Now all engines of a tick share one budget and the pane says what
// was left out. Two fake daemons of 12 containers with 1 MiB inspect answers, a 10 MiB budget.
const MiB = 1024 * 1024;
const fakes: FakeDaemon[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
});

function bigDaemonRoutes(prefix: string, n: number): Record<string, string> {
  const real = capturedAnswers('eng');
  const row = (JSON.parse(real['/containers/json?all=1']) as Record<string, unknown>[])[0];
  const inspect = JSON.parse(Object.entries(real).find(([k]) => k.startsWith('/containers/') && k.endsWith('/json') && !k.includes('?'))![1]) as { Id: string; Config: { Labels: Record<string, string> } };
  const routes: Record<string, string> = { '/version': real['/version'], '/info': real['/info'] };
  const rows = [];
  for (let i = 0; i < n; i++) {
    const id = `${prefix}${String(i).padStart(4, '0')}`.padEnd(64, '0');
    rows.push({ ...row, Id: id, Names: [`/${prefix}-${i}`] });
    routes[`/containers/${id}/json`] = JSON.stringify({ ...inspect, Id: id, Config: { ...inspect.Config, Labels: { pad: 'x'.repeat(MiB) } } });
  }
  routes['/containers/json?all=1'] = JSON.stringify(rows);
  return routes;
}

describe('the engine answers of one tick', () => {
  it('stop at the total cap across engines, count what was left out, and the Engines pane says so', async () => {
    const a = await startFakeDaemon(bigDaemonRoutes('aa', 12));
    const b = await startFakeDaemon(bigDaemonRoutes('bb', 12));
    fakes.push(a, b);
    const plan = planEngines(null, { reach: 'socket', engines: [a.socket, b.socket] });
    const raw = await collectEngines(plan, { kind: 'socket', connect: connectUnix }, {
      totalBytes: 10 * MiB,
      // A slow inspect is dropped without counting as cut (the row shows from the list): give this
      // machine's load room, so only the budget decides which containers are not inspected.
      limits: { ...DEFAULT_API_LIMITS, timeoutMs: 60_000 },
    });
    const held = raw.reduce((n, e) => n + Object.values(e.answers).reduce((m, t) => m + Buffer.byteLength(t), 0), 0);
    expect(held).toBeLessThanOrEqual(10 * MiB);
    const inspected = raw.map((e) => Object.keys(e.answers).filter((k) => k.startsWith('/containers/') && !k.includes('?')).length);
    expect(inspected[0] + inspected[1]).toBeGreaterThanOrEqual(8);
    expect(raw.map((e) => e.cut?.containers ?? 0)).toEqual([12 - inspected[0], 12 - inspected[1]]);

    // What a user sees, also after a round trip through a snapshot file.
    const text = `socket ${a.socket} rw\nsocket ${b.socket} rw\n`;
    const discovery = { text, rc: 0, truncated: false, bytes: text.length, ms: 1 };
    const snap: RawSnapshot = { format: 'cosi-snapshot', version: 1, target: { kind: 'local', label: 'cap' }, takenAt: '2026-11-29T00:00:00.000Z', durationMs: 1, sections: { engines: discovery }, engines: raw };
    const m = buildModel(parseSnapshot(JSON.stringify(snap), 'cap.cosi.json'));
    expect(m.engines.map((e) => e.containers.length)).toEqual([12, 12]);
    const frame = renderFrame(m, { tab: 'engines', cols: 200, rows: 40 });
    const cutB = 12 - inspected[1];
    expect(frame).toContain(`${cutB} containers not inspected: cosi reads at most 10 MiB of engine answers per refresh`);
  });
});
