import type { HostModel } from '../model/types.js';
import type { CliOptions } from './options.js';

/** `cosi screenshot`: the model of the chosen source, drawn at the chosen size, written by extension. */
export async function takeScreenshot(model: HostModel, o: CliOptions): Promise<void> {
  const { runScreenshot } = await import('../export/screenshot-command.js');
  await runScreenshot({ model, tab: o.tab, keys: o.keys, cols: o.cols, rows: o.rows, out: o.output as string });
}
