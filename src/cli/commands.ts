import { buildModel } from '../model/build.js';
import type { HostModel } from '../model/types.js';
import { modelJson } from '../model/json.js';
import { readSnapshotFile, writeSnapshotFile } from '../snapshot/file.js';
import type { RawSnapshot } from '../snapshot/types.js';
import { RATE_SECTIONS } from '../probe/sections.js';
import { ReplayTransport } from '../transport/replay.js';
import type { Transport } from '../transport/types.js';
import { usage } from './errors.js';
import { say } from '../say.js';
import { sanitize } from '../../parsers/sanitize.js';
import { readSnapshotLogs, snapshotLogTargets, type SnapshotLogTarget } from './snapshot-logs.js';
import type { CliOptions } from './options.js';
import { demoNames, demoTransport, openSource } from './source.js';
import { firstTick, needTerminal } from './connecting.js';

const progress = say;

/** What runs on the connection after the ticks, before it closes (the snapshot's logs). */
type Finish = (raw: RawSnapshot) => Promise<RawSnapshot>;
const asIs: Finish = async (raw) => raw;

/** One tick, then close; how the target was read is told on stderr (e.g. exec per tick). */
async function collectOnce(t: Transport, finish = asIs): Promise<RawSnapshot> {
  try {
    const raw = await t.collect();
    const notice = t.notice?.();
    if (notice) progress(notice);
    return await finish(raw);
  } finally {
    await t.close();
  }
}

/**
 * Two ticks `intervalSec` apart (one when 0), then close: the second snapshot keeps the first
 * reading of the counter sections as its `previous`, so that rates are in the file.
 */
async function collectTwice(t: Transport, intervalSec: number, finish = asIs): Promise<RawSnapshot> {
  if (intervalSec === 0) return collectOnce(t, finish);
  try {
    const first = await t.collect();
    const notice = t.notice?.();
    if (notice) progress(notice);
    await new Promise((resolve) => setTimeout(resolve, intervalSec * 1000));
    // The counter sections are read again even where their tier would let the first answer stand.
    const raw = await t.collect({ run: RATE_SECTIONS });
    const sections = Object.fromEntries(RATE_SECTIONS.filter((id) => first.sections[id]).map((id) => [id, first.sections[id]]));
    return await finish({ ...raw, previous: { takenAt: first.takenAt, sections } });
  } finally {
    await t.close();
  }
}

export async function snapshotCommand(o: CliOptions): Promise<number> {
  if (!o.output && !o.json) throw usage('snapshot needs -o FILE (raw snapshot) or --json (parsed model)');
  const t = await openSource(o, { files: false });
  progress(`probing ${t.target.label} ...`);
  const raw = await collectTwice(t, o.intervalSec, (r) => withLogs(t, r, o));
  const ids = Object.keys(raw.sections);
  const bytes = ids.reduce((a, id) => a + raw.sections[id].bytes, 0);
  progress(`${ids.length} sections, ${(bytes / 1024).toFixed(0)} KiB in ${raw.durationMs} ms`);
  if (o.output) {
    await writeSnapshotFile(o.output, raw);
    progress(`wrote ${o.output}`);
  }
  if (o.json) process.stdout.write(await jsonOf(buildModel(raw)));
  return 0;
}

/**
 * The snapshot's logs: the last lines of each failed unit and each exited or restarting
 * container, read on the same connection after the ticks (src/cli/snapshot-logs.ts).
 */
async function withLogs(t: Transport, raw: RawSnapshot, o: { sudo: boolean; hostRoot?: string }): Promise<RawSnapshot> {
  const access = t.access?.();
  if (!access) return raw;
  const { targets, left } = snapshotLogTargets(buildModel(raw));
  if (targets.length > 0) progress(`reading the logs of ${await logTargetWords(targets)} ...`);
  const logs = await readSnapshotLogs(targets, access, sanitize(t.target.label), o);
  return { ...raw, logs, ...(left > 0 ? { logsLeftOut: left } : {}) };
}

/** "2 failed units and 1 ended container": what the snapshot reads the logs of. */
async function logTargetWords(targets: SnapshotLogTarget[]): Promise<string> {
  const { plural } = await import('../../views/present/format.js');
  const units = targets.filter((t) => t.kind === 'unit').length;
  const containers = targets.length - units;
  return [units ? plural(units, 'failed unit') : '', containers ? plural(containers, 'ended container') : ''].filter(Boolean).join(' and ');
}

export async function openCommand(o: CliOptions): Promise<number> {
  const file = o.positionals[0];
  if (!file) throw usage('open needs a snapshot FILE');
  if (o.positionals.length > 1) throw usage(`unexpected argument '${o.positionals[1]}'`);
  const raw = await readSnapshotFile(file);
  if (o.json) {
    process.stdout.write(await jsonOf(buildModel(raw)));
    return 0;
  }
  return launchTui(new ReplayTransport(raw, file), o);
}

export async function demoCommand(o: CliOptions): Promise<number> {
  if (o.list) {
    for (const name of demoNames()) {
      const model = buildModel(await (await demoTransport(name)).collect());
      process.stdout.write(`${name.padEnd(12)} ${model.identity.osPrettyName} — ${model.identity.hostname}, recorded ${model.takenAt.slice(0, 10)} ${model.target.label}\n`);
    }
    return 0;
  }
  if (o.positionals.length > 1) throw usage(`unexpected argument '${o.positionals[1]}' (one demo at a time: ${demoNames().join(', ')})`);
  const name = o.positionals[0] ?? 'rancheros';
  return launchTui(await demoTransport(name), o);
}

export async function connectCommand(o: CliOptions): Promise<number> {
  let keysExchanged = (): void => undefined;
  const exchanged = new Promise<void>((done) => (keysExchanged = done));
  const t = await openSource(o, { files: false, quickFirst: true, onKeyExchange: () => keysExchanged() });
  await needTerminal(t);
  // The connection starts first: its key exchange needs this process at once. Ink and the views
  // (dynamic imports: the entry holds neither) compile once it is done (an SSH host), in the time
  // the host takes to authenticate and answer the first tick; never for a refused host key.
  const first = firstTick(t);
  first.catch(() => undefined);
  return (await import('./tui-launch.js')).runTui(t, o, first, t.target.kind === 'ssh' ? exchanged : undefined);
}

export async function screenshotCommand(o: CliOptions): Promise<number> {
  if (!o.output) throw usage('screenshot needs -o FILE (.svg, .png, .txt or .ansi)');
  const { takeScreenshot, checkScreenshotOptions } = await import('./screenshot.js');
  await checkScreenshotOptions(o);
  const t = await openSource(o, { files: true });
  const raw = await collectOnce(t);
  await takeScreenshot(buildModel(raw), o);
  progress(`wrote ${o.output}`);
  return 0;
}

async function launchTui(t: Transport, o: CliOptions): Promise<number> {
  const { runTui } = await import('./tui-launch.js');
  return runTui(t, o);
}

/**
 * `--json`: the model with the sentences of its parse issues and warnings. The views' presenters
 * (string-width and its Unicode tables, ~20 ms to load) are imported here, not by this module:
 * `cosi connect` loads this module before it connects.
 */
async function jsonOf(model: HostModel): Promise<string> {
  const [{ issueText }, { warningWords }] = await Promise.all([import('../../views/present/parse-issues.js'), import('../../views/present/warnings.js')]);
  return modelJson(model, issueText, warningWords(model));
}
