// Module hooks: Ink's `import stringWidth from 'string-width'` (the top-level copy, the one the
// bundle wraps) gets ./string-width.mjs, whose own import gets the real one; ansi-tokenize's
// tokenize.js and styledChars.js are patched as the bundle patches them (bin/ink-patches.mjs).
import { realpathSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { patchStyledChars, patchTokenize, STYLED_CHARS_FILE, TOKENIZE_FILE } from '../../bin/ink-patches.mjs';

const real = (url) => pathToFileURL(realpathSync(fileURLToPath(url))).href;
const WRAPPED = real(new URL('../../node_modules/string-width/index.js', import.meta.url));
const WRAPPER = new URL('./string-width.mjs', import.meta.url).href;
const NARROW = new URL('../../views/present/narrow.ts', import.meta.url).href;
const SAME = new URL('../../views/present/same-styles.ts', import.meta.url).href;

export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (specifier !== 'string-width' || context.parentURL === WRAPPER || !r.url.startsWith('file:')) return r;
  return real(r.url) === WRAPPED ? { ...r, url: WRAPPER, shortCircuit: true } : r;
}

export async function load(url, context, next) {
  const r = await next(url, context);
  if (!url.startsWith('file:')) return r;
  const path = fileURLToPath(url);
  const patch = TOKENIZE_FILE.test(path) ? (t) => patchTokenize(t, path, NARROW) : STYLED_CHARS_FILE.test(path) ? (t) => patchStyledChars(t, path, SAME) : null;
  if (!patch) return r;
  return { ...r, source: patch(typeof r.source === 'string' ? r.source : Buffer.from(r.source).toString('utf8')), shortCircuit: true };
}
