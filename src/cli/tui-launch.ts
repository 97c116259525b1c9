import type { Transport } from '../transport/types.js';
import { CliError } from './errors.js';
import type { CliOptions } from './options.js';

/** Starts the live TUI on a transport. */
export async function runTui(_t: Transport, _o: CliOptions): Promise<number> {
  throw new CliError('the TUI is not wired in yet');
}
