import type { HostModel } from '../model/types.js';
import { CliError } from './errors.js';
import type { CliOptions } from './options.js';

export async function takeScreenshot(_m: HostModel, _o: CliOptions): Promise<void> {
  throw new CliError('screenshots are not wired in yet');
}
