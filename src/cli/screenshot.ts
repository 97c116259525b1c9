import type { HostModel } from '../model/types.js';
import type { CliOptions } from './options.js';
import { usage } from './errors.js';

/** A bad --tab, --keys, size or file extension is a wrong call (status 2), found before any connect. */
export async function checkScreenshotOptions(o: CliOptions): Promise<void> {
  const { resolveTab, checkKeys, keyPresses } = await import('../export/screenshot-command.js');
  const { checkSize } = await import('../export/errors.js');
  const { formatOf } = await import('../export/write.js');
  try {
    formatOf(o.output as string);
    checkSize(o.cols, o.rows);
    resolveTab(o.tab);
    checkKeys(keyPresses(o.keys));
  } catch (e) {
    throw usage((e as Error).message);
  }
}

/** `cosi screenshot`: the model of the chosen source, drawn at the chosen size, written by extension. */
export async function takeScreenshot(model: HostModel, o: CliOptions): Promise<void> {
  const { runScreenshot } = await import('../export/screenshot-command.js');
  await runScreenshot({ model, tab: o.tab, keys: o.keys, cols: o.cols, rows: o.rows, out: o.output as string });
}
