// `tsx --import ./bench/narrow-width/register.mjs bench/run.ts` (package.json's bench script): the
// bench's in-process rows (keypress -> frame, sort) render with the string-width the bundle gives
// Ink and its patched frame composer (bin/bundle.mjs, bin/ink-patches.mjs), so they time what users run.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
