import { randomBytes } from 'node:crypto';
import { parseEnginesDiscovery } from '../../parsers/engines-discovery.js';
import { readContainerLogs, sinceAfter, sinceOption } from './logs.js';
import { type EnginePlanEntry, planEngines, socketAt } from './plan.js';
import { type ContainerOutcome, cliOutcomes, interpretLogs, type LogsResult } from '../logs/answer.js';
import { buildCliLogsScript, buildLogsScript, type CliLogsEngine, cliStep, type ContainerMode, type LogsRequest, type LogsStep, logsTerminator, readLogsSteps, STEP, targetKind } from '../logs/script.js';
import type { ShellAccess } from '../transport/types.js';

/** How the target is reached: its shell, and (ssh, --local) streams to its unix sockets. */
export type LogsAccess = ShellAccess;

/** How the first round trip asks for containers: the engines discovery when their API can be reached, else their CLI. */
export function containerMode(req: LogsRequest, access: LogsAccess): ContainerMode {
  return access.connect !== undefined && targetKind(req.target) === 'container-or-unit' ? 'discover' : 'cli';
}

/**
 * Reads TARGET's lines: ONE round trip in the shell (journal, systemd's word
 * on the unit, and which engines there are), then containers through the
 * Engine API's logs endpoint over forwarded sockets, engine by engine in the
 * plan's order until one has the container. Only engines the API cannot
 * reach (forwarding refused, a root-only socket with --sudo) are asked with
 * their CLI, in one more round trip. A socket-activated engine that is not
 * running is never asked (planEngines). Without socket access (--via) the
 * shell's docker CLI reads containers in the first round trip.
 */
export async function readLogs(req: LogsRequest, access: LogsAccess, host: string, now = Date.now()): Promise<LogsResult> {
  return (await readLogsWithSteps(req, access, host, now)).res;
}

/** readLogs, and the steps it read: where a followed read starts (nextAfter in src/logs/follow.ts). */
export async function readLogsWithSteps(req: LogsRequest, access: LogsAccess, host: string, now = Date.now()): Promise<{ res: LogsResult; steps: Map<string, LogsStep> }> {
  const mode = containerMode(req, access);
  const steps = await roundTrip(access, req, (n) => buildLogsScript(req, n, mode));
  return { res: await finishLogs(req, mode, steps, access, host, now), steps };
}

/**
 * What the first round trip's steps say, after reading the containers it
 * discovered (mode 'discover') through the API, engine by engine, and the CLI
 * in one more round trip where the API cannot reach. The Logs tab's rides
 * run the first round trip in the probe's tick and go on here. Steps of the
 * CLI round trip are added to `steps`.
 */
export async function finishLogs(req: LogsRequest, mode: ContainerMode, steps: Map<string, LogsStep>, access: LogsAccess, host: string, now = Date.now()): Promise<LogsResult> {
  if (mode === 'cli') return interpretLogs(req, steps, host);
  const discovery = parseEnginesDiscovery(steps.get(STEP.discovery)?.out ?? '').value;
  const plan = planEngines(discovery, { reach: 'socket', sudo: req.sudo, hostRoot: req.hostRoot });
  // Following: what came after the last line's time.
  const since = req.after?.time !== undefined ? (sinceAfter(req.after.time) ?? undefined) : req.since === undefined ? undefined : (sinceOption(req.since, now) ?? undefined);
  // In plan order; undefined: left to the CLI round trip.
  const outcomes: (ContainerOutcome | undefined)[] = [];
  const cli: CliLogsEngine[] = [];
  for (const [i, e] of plan.entries()) {
    if (outcomes.some((o) => o?.kind === 'lines')) break;
    const shell = shellRead(e);
    if (e.method.kind === 'api') {
      const r = await readContainerLogs(() => access.connect!(socketAt(e)), req.target, { tail: req.lines, since }, e.name, { timeoutMs: access.timeoutMs, maxBytes: req.capBytes });
      if (r.ok) outcomes.push({ engine: e.name, kind: 'lines', lines: r.lines });
      else if (r.code === 'no-such-container') outcomes.push({ engine: e.name, kind: 'none' });
      else if (r.code === 'unreachable' && shell) {
        outcomes.push(undefined);
        cli.push({ engine: i, ...shell, socket: socketAt(e) });
      } else outcomes.push({ engine: e.name, kind: 'unreadable', why: r.message });
    } else if (shell) {
      outcomes.push(undefined);
      cli.push({ engine: i, ...shell, socket: socketAt(e) });
    } else outcomes.push(notRead(e));
  }
  const first = outcomes.findIndex((o) => o?.kind === 'lines');
  const needed = cli.filter((c) => first < 0 || c.engine < first);
  if (needed.length > 0) {
    const cliSteps = await roundTrip(access, req, (n) => buildCliLogsScript(req, n, needed));
    const got = cliOutcomes(cliSteps, req.target, needed.map((c) => ({ key: cliStep(c.engine), engine: plan[c.engine]!.name })));
    for (const c of needed) outcomes[c.engine] = got.find((o) => o.engine === plan[c.engine]!.name) ?? { engine: plan[c.engine]!.name, kind: 'unreadable', why: 'no answer' };
    for (const s of cliSteps.values()) steps.set(s.key, s);
  }
  return interpretLogs(req, steps, host, outcomes.filter((o): o is ContainerOutcome => o !== undefined));
}

async function roundTrip(access: LogsAccess, req: LogsRequest, script: (nonce: string) => string) {
  const nonce = randomBytes(12).toString('hex');
  return readLogsSteps(await access.run(script(nonce), logsTerminator(nonce)), nonce);
}

/** The CLI that reads this engine in the shell: its planned method, or the API's fallback. */
function shellRead(e: EnginePlanEntry): { tool: string; sudo: boolean } | null {
  if (e.method.kind === 'cli') return { tool: e.method.tool, sudo: e.method.sudo };
  if (e.method.kind === 'api' && e.fallback?.kind === 'cli') return { tool: e.fallback.tool, sudo: e.fallback.sudo };
  return null;
}

/** Why an engine the plan does not read was not asked, for the user. */
const NOT_READ: Record<string, string> = {
  'permission-denied': "permission denied (its socket is root's)",
  'unit-unknown': 'whether opening its socket would start it is unknown (cosi does not open it)',
  'no-sudo': 'its socket is root\'s and there is no sudo',
  'no-tool': 'no docker CLI on the host',
};

function notRead(e: EnginePlanEntry): ContainerOutcome {
  if (e.status === 'socket-activated') return { engine: e.name, kind: 'asleep' };
  const why = e.method.kind === 'curl' ? NOT_READ['no-tool']! : (NOT_READ[e.failure?.code ?? ''] ?? 'not read');
  return { engine: e.name, kind: 'unreadable', why };
}
