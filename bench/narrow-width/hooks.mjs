// Module hooks: Ink's `import stringWidth from 'string-width'` (the top-level copy, the one the
// bundle wraps) gets ./string-width.mjs, whose own import gets the real one; ansi-tokenize's
// tokenize.js and styledChars.js are patched as the bundle patches them (bin/ink-patches.mjs).
import { realpathSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { INK_PATCHED_FILES, patchInk } from '../../bin/ink-patches.mjs';

const real = (url) => pathToFileURL(realpathSync(fileURLToPath(url))).href;
const WRAPPED = real(new URL('../../node_modules/string-width/index.js', import.meta.url));
const WRAPPER = new URL('./string-width.mjs', import.meta.url).href;
const ROOT = new URL('../../', import.meta.url).href;

export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (specifier !== 'string-width' || context.parentURL === WRAPPER || !r.url.startsWith('file:')) return r;
  return real(r.url) === WRAPPED ? { ...r, url: WRAPPER, shortCircuit: true } : r;
}

export async function load(url, context, next) {
  const r = await next(url, context);
  if (!url.startsWith('file:') || !INK_PATCHED_FILES.test(fileURLToPath(url))) return r;
  const text = typeof r.source === 'string' ? r.source : Buffer.from(r.source).toString('utf8');
  return { ...r, source: patchInk(text, fileURLToPath(url), ROOT), shortCircuit: true };
}
