/**
 * Child process of the peak-RSS measurement: loads a snapshot FILE the way
 * `cosi open` does, builds the model, renders every tab (and the Mounts and
 * Services lists after `G` and `enter`), then prints its peak RSS in KiB.
 *   node bench/rss-child.mjs dist FILE            (the compiled cosi, as users run it)
 *   node --import tsx bench/rss-child.mjs src FILE (the sources, when dist/ is not built)
 */
import v8 from 'node:v8';

// Started the way bin/cosi.js starts cosi (production React, V8 sized for a small heap).
process.env.NODE_ENV ??= 'production';
v8.setFlagsFromString('--optimize-for-size');

const [from, file] = process.argv.slice(2);
if ((from !== 'dist' && from !== 'src') || !file) {
  process.stderr.write('usage: rss-child.mjs dist|src SNAPSHOT\n');
  process.exit(2);
}
const base = new URL(from === 'dist' ? '../dist/' : '../', import.meta.url);
const load = (p) => import(new URL(p, base).href);
const { buildModel } = await load('src/model/build.js');
const { readSnapshotFile } = await load('src/snapshot/file.js');
const { TABS } = await load('src/store/types.js');
const { renderFrame } = await load('views/render-frame.js');

const model = buildModel(await readSnapshotFile(file));
let chars = 0;
for (const tab of TABS) chars += renderFrame(model, { tab, cols: 100, rows: 30 }).length;
for (const tab of ['mounts', 'services']) chars += renderFrame(model, { tab, cols: 100, rows: 30, keys: ['G', 'enter', 'g', 'enter'] }).length;
process.stdout.write(JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS, chars, mounts: model.mounts.length }) + '\n');
