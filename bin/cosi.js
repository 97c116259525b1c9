#!/usr/bin/env node
// Launcher: the compiled CLI lives in dist/ (built by `npm install` via prepare).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';

// React's production build (the development one makes every frame slower), and a V8 that
// collects parse garbage early: a 10,000-mount host peaks ~160 MB instead of ~220 MB.
process.env.NODE_ENV ??= 'production';
v8.setFlagsFromString('--optimize-for-size');

const cli = new URL('../dist/src/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('cosi: not built yet; run `npm install` (or `npm run build`) in the checkout first\n');
  process.exit(1);
}
await import(cli.href);
