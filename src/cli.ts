/**
 * cosi's entry point. Commands are imported lazily so `cosi --help` and
 * `cosi snapshot` never load Ink, React or ssh2 they do not need.
 */
import { CliError } from './cli/errors.js';
import { COMMAND_HELP, MAIN_HELP } from './cli/help.js';
import { parseCliOptions } from './cli/options.js';
import { say } from './say.js';
import { heapAtStart } from './tui/v8-tuning.js';

const COMMANDS = ['connect', 'snapshot', 'open', 'demo', 'screenshot', 'logs'] as const;
type Command = (typeof COMMANDS)[number];

async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    process.stdout.write(first === 'help' && rest[0] && COMMAND_HELP[rest[0]] ? COMMAND_HELP[rest[0]] : MAIN_HELP);
    return 0;
  }
  if (first === '-V' || first === '--version') {
    const { packageRoot } = await import('./paths.js');
    const { readFileSync } = await import('node:fs');
    process.stdout.write(`${JSON.parse(readFileSync(`${packageRoot()}/package.json`, 'utf8')).version}\n`);
    return 0;
  }
  if (!COMMANDS.includes(first as Command)) {
    throw new CliError(`unknown command '${first}'. Commands: ${COMMANDS.join(', ')}.\nTry 'cosi --help'.`, 2);
  }
  heapAtStart(first);
  const o = parseCliOptions(rest, first);
  if (o.help) {
    process.stdout.write(COMMAND_HELP[first]);
    return 0;
  }
  const c = await import('./cli/commands.js');
  const run: Record<Command, (opts: typeof o) => Promise<number>> = {
    connect: c.connectCommand,
    snapshot: c.snapshotCommand,
    open: c.openCommand,
    demo: c.demoCommand,
    screenshot: c.screenshotCommand,
    logs: async (opts) => (await import('./cli/logs-command.js')).logsCommand(opts),
  };
  return run[first as Command](o);
}

async function report(e: unknown, argv: string[]): Promise<number> {
  if (e instanceof CliError) {
    if (e.name === 'NoTerminalError') {
      const { withoutTerminal } = await import('./cli/retry.js');
      say(`${e.message}; for a script, run: ${withoutTerminal(argv)}`);
    } else say(e.message);
    return e.exitCode;
  }
  const err = e as Error;
  // Transport (SSH included), snapshot-file and screenshot errors carry a message written for the user.
  if (err && ['TransportError', 'SnapshotFileError', 'ScreenshotError'].includes(err.name)) {
    // An unknown host key with nobody to ask: the advice is the user's command, ready to run.
    const retry = (err as { retryOption?: string }).retryOption;
    if (retry) {
      const { commandWithOption } = await import('./cli/retry.js');
      say(`${err.message}\nTo accept the key and connect, run: ${commandWithOption(argv, retry)}`);
    } else say(err.message);
    return 1;
  }
  say(`internal error: ${err?.message ?? String(e)}`);
  if (process.env.COSI_DEBUG) process.stderr.write(`${err?.stack ?? ''}\n`);
  else say('set COSI_DEBUG=1 for the stack trace, and please report it');
  return 70;
}

// `cosi snapshot --json | head`: a closed pipe ends the output quietly, as in other Unix tools.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  async (e) => {
    process.exitCode = await report(e, process.argv.slice(2));
  },
);
