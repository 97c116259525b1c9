#!/usr/bin/env node
// Launcher: the compiled CLI lives in dist/ (built by `npm install` via prepare): dist/bundle/cosi.mjs,
// the bundle (bin/bundle.mjs), when it is there and not older than tsc's last emit
// (dist/.tsbuildinfo; a build whose bundle step did not run falls back to dist/src/cli.js).
import { existsSync, statSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

// React's production build (the development one makes every frame slower). V8's optimize-for-size
// is set by the command (src/tui/v8-tuning.ts).
process.env.NODE_ENV ??= 'production';
// V8's code cache on disk where this Node has it (22.1+): later starts skip compiling.
module.enableCompileCache?.();

const path = (rel) => fileURLToPath(new URL(rel, import.meta.url));
const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : null);
const cli = mtime(path('../dist/src/cli.js'));
const emitted = mtime(path('../dist/.tsbuildinfo')) ?? cli;
const bundle = mtime(path('../dist/bundle/cosi.mjs'));
if (cli === null && bundle === null) {
  process.stderr.write('cosi: not built yet; run `npm install` (or `npm run build`) in the checkout first\n');
  process.exit(1);
}
await import(bundle !== null && (cli === null || bundle >= emitted) ? '../dist/bundle/cosi.mjs' : '../dist/src/cli.js');
