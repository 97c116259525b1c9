/**
 * "Opening logs never delays the refresh tick of the other tabs by more than one tick": cosi's
 * own refresh loop (src/schedule/refresh.ts) and Logs rider (src/schedule/logs-rider.ts) in this
 * process, over one SSH channel to the systemd lab host (--sudo), at the default 2 s refresh.
 * Every tick's end is recorded. First ticks without logs (the baseline gap between two ticks),
 * then `L` on crashloop.service of the 1,000,000-entry journal several times (what the key does:
 * a new request, the next tick brought forward); the value is the longest gap between two ticks
 * from the first `L` on. One tick late at most: ratio <= 2.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { createModelBuilder } from '../src/model/build.js';
import { createRefresher } from '../src/schedule/refresh.js';
import { createLogsRider } from '../src/schedule/logs-rider.js';
import { createAppStore } from '../src/store/store.js';
import { ProbeTransport } from '../src/transport/probe-transport.js';
import type { Transport } from '../src/transport/types.js';
import { noPrompts, openSshChannel } from '../src/transport/ssh/index.js';
import { median } from './measure.js';

export interface TickFigures {
  baselineGapMs: number;
  maxGapWithLogsMs: number;
  opens: number;
  readMs: number;
}

const REFRESH_MS = 2000;

export async function tickWhileOpeningLogs(config: string, unit: string, opens: number, log: (s: string) => void): Promise<TickFigures> {
  const r = openSshChannel('lab-coreos', { configFile: config, sudo: true }, { prompts: noPrompts(), mode: 'shell' });
  if (!r.ok) throw new Error(r.error);
  const probe = new ProbeTransport(r.channel, { sudo: r.resolved.sudo, timeoutMs: 120_000 });
  const ends: number[] = [];
  // The refresher sees the transport; each collect's end is one tick.
  const timed: Transport = {
    target: probe.target,
    close: () => probe.close(),
    async collect(o) {
      try {
        return await probe.collect(o);
      } finally {
        ends.push(Date.now());
      }
    },
  };
  const store = createAppStore({ now: Date.now(), cols: 160, rows: 45 });
  const refresher = createRefresher({ transport: timed, buildModel: createModelBuilder(), store, refreshMs: REFRESH_MS });
  probe.setRider(createLogsRider(store, { sudo: true, ringLines: 10_000, host: 'lab-coreos' }));
  const gaps = (from: number) => ends.slice(1).map((t, i) => t - ends[i]!).filter((_, i) => ends[i + 1]! > from);
  try {
    refresher.start();
    while (ends.length < 8) await sleep(200);
    const before = gaps(ends[2]!);
    const baseline = median(before);
    const first = Date.now();
    const reads: number[] = [];
    for (let i = 0; i < opens; i++) {
      // `L`: a new request for the unit, and the next tick brought forward
      const s = store.getState();
      const request = s.ui.logs.request + 1;
      store.setState({ ui: { ...s.ui, tab: 'logs', logs: { ...s.ui.logs, target: { target: unit, label: `unit ${unit}` }, request, top: null } } });
      const t0 = Date.now();
      refresher.refreshNow();
      while (store.getState().logs?.request !== request || store.getState().logs?.state === 'loading') {
        if (Date.now() - t0 > 120_000) throw new Error(`the logs of ${unit} never came`);
        await sleep(20);
      }
      reads.push(Date.now() - t0);
      // back to another tab for a few ticks
      store.setState({ ui: { ...store.getState().ui, tab: 'services' } });
      await sleep(3 * REFRESH_MS);
    }
    const withLogs = gaps(first);
    log(`  ticks: ${before.length} before (median gap ${baseline} ms), gaps from the first L: ${withLogs.join(' ')} ms; reads ${reads.join(' ')} ms`);
    return { baselineGapMs: baseline, maxGapWithLogsMs: Math.max(...withLogs), opens, readMs: median(reads) };
  } finally {
    refresher.stop();
    await probe.close();
  }
}
