import type { Transport } from '../transport/types.js';
import { CliError } from './errors.js';
import type { CliOptions } from './options.js';

export async function openSshTransport(_host: string, _o: CliOptions): Promise<Transport> {
  throw new CliError('SSH is not wired in yet');
}
