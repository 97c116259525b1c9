#!/usr/bin/env node
// Launcher: the compiled CLI lives in dist/ (built by `npm install` via prepare).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/src/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('cosi: not built yet; run `npm install` (or `npm run build`) in the checkout first\n');
  process.exit(1);
}
await import(cli.href);
