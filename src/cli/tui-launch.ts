import { createModelBuilder } from '../model/build.js';
import type { RawSnapshot } from '../snapshot/types.js';
import type { Transport } from '../transport/types.js';
import type { CliOptions } from './options.js';
import { say } from '../say.js';
import { firstTick, needTerminal, type FirstTick } from './connecting.js';

/**
 * Starts the live TUI. The first tick runs BEFORE the alternate screen so a
 * failed first connect (DNS, refused, timeout, auth, host key) exits with
 * one clear line; host-key and password questions happen on the plain terminal.
 * `first`: that tick when the caller started it already (`cosi connect` connects before this
 * module and Ink load: see connectCommand). `loadAfter`: Ink and the views load once it resolves
 * (the SSH key exchange) or the first tick succeeds, whichever comes first; at once without it.
 */
export async function runTui(t: Transport, o: CliOptions, first?: Promise<FirstTick>, loadAfter?: Promise<void>): Promise<number> {
  if (!first) await needTerminal(t);
  // Ink renders only the last frame when it thinks it runs in CI (it reads CI at import time).
  // A user at a terminal is not a CI log, even when their shell exports CI=true.
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  // Ink, React and the views load while the first tick runs.
  const ready = loadAfter && first ? Promise.race([loadAfter, first.then(noop)]) : Promise.resolve();
  const startModule = ready.then(() => import('../tui/start.js'));
  startModule.catch(() => undefined);
  let snapshot: RawSnapshot;
  if (t.target.kind === 'replay') snapshot = await t.collect();
  else {
    let r: FirstTick;
    try {
      r = await (first ?? firstTick(t));
    } catch (e) {
      await t.close().catch(() => undefined);
      throw e;
    }
    if ('quit' in r) {
      // The connect still under way (a socket, a child's pipes) would keep Node alive: close what
      // can be closed, then exit; the exit kills every process group cosi started.
      await Promise.race([t.close().catch(() => undefined), new Promise((done) => setTimeout(done, 1000))]);
      process.exit(r.quit);
    }
    snapshot = r.first;
  }
  const { startTui } = await startModule;
  const notice = t.notice?.() ?? null;
  if (notice) say(notice);
  const code = await startTui({
    notice,
    transport: primed(t, snapshot),
    // Parsed sections are kept between ticks: an unchanged section is not parsed again.
    buildModel: createModelBuilder(),
    refreshMs: o.refreshSec * 1000,
    logs: { sudo: o.sudo, ringLines: o.logLines, hostRoot: o.hostRoot },
    onScreenshot: async (frame) => {
      // Loaded on the first screenshot: xterm and resvg stay off the start path.
      const { saveTuiScreenshot } = await import('../export/write.js');
      const paths = await saveTuiScreenshot(o.screenshotDir, { ...frame, at: new Date() });
      return `${paths.svg} (+ .txt)`;
    },
  });
  // The TUI closed the transport; a reconnect still under way (an SSH handshake, a --via
  // command that never answers) must not keep cosi running: exit, which kills every group left.
  process.exit(code);
}

function noop(): void {}

/** The transport, whose first collect() answers with the snapshot already taken. */
export function primed(t: Transport, first: RawSnapshot): Transport {
  let pending: RawSnapshot | null = first;
  return {
    target: t.target,
    // The options go through: the user's r asks for every section ({ full: true }).
    collect: async (opts) => {
      const r = pending;
      pending = null;
      return r ?? t.collect(opts);
    },
    close: () => t.close(),
    notice: () => t.notice?.() ?? null,
    ...(t.setRider ? { setRider: t.setRider.bind(t) } : {}),
  };
}
