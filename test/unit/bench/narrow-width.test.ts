import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { expect, it } from 'vitest';

// `npm run bench` starts with bench/narrow-width/register.mjs: the in-process rows must render with
// the string-width and the frame composer the bundle gives Ink, not the plain ones the sources import.
it("the bench's hooks give Ink the bundle's string-width (narrowFirst) and its patched ansi-tokenize", () => {
  const root = process.cwd();
  const realUrl = pathToFileURL(join(root, 'node_modules/string-width/index.js')).href;
  const script = [
    "import sw from 'string-width';",
    `import real from ${JSON.stringify(realUrl)};`,
    "import { tokenize } from '@alcalzone/ansi-tokenize';",
    "const patched = String(tokenize).includes('__cosiUnits') ? 'units' : 'segmenter';",
    "console.log(sw === real ? 'plain' : 'wrapped', patched, sw('├─ a…'), sw('日本'), real('├─ a…'), tokenize('a\\x1b[31m├b').length);",
  ].join('\n');
  const run = (hook: boolean) =>
    spawnSync(process.execPath, ['--import', 'tsx', ...(hook ? ['--import', './bench/narrow-width/register.mjs'] : []), '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
  const withHook = run(true);
  expect(withHook.stderr).toBe('');
  expect(withHook.stdout.trim()).toBe('wrapped units 5 4 5 4');
  expect(run(false).stdout.trim()).toBe('plain segmenter 5 4 5 4');
});
