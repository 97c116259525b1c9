/** An error whose message is the whole story for the user: printed as "cosi: <message>", no stack. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** The TUI was asked for without a terminal; the CLI prints the command that gives the same as text. */
export class NoTerminalError extends CliError {
  override name = 'NoTerminalError';
  constructor() {
    super('the TUI needs a terminal');
  }
}

/** A wrong call: printed with a hint to --help, exit status 2. */
export function usage(message: string): CliError {
  return new CliError(`${message}\nTry 'cosi --help'.`, 2);
}
