// `npm run build` step 2: dist/bundle/cosi.mjs, the whole CLI (about 700 modules: cosi, Ink,
// React, ssh2, ...) in a few files instead of hundreds: the entry (options, help, the commands)
// and chunks loaded on demand, so `cosi connect` compiles Ink and the views while the SSH
// handshake runs, and the entry holds neither Ink nor ssh2.
// bin/cosi.js loads it when it is there and not older than the tsc output (dist/src/cli.js).
import * as esbuild from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = process.argv[2] ?? `${root}dist/bundle`;
// Chunk names carry a hash: old ones would pile up.
rmSync(outdir, { recursive: true, force: true });

// Ink imports react-devtools-core only for DEV=true (not installed): an empty module stands in.
const noDevtools = {
  name: 'no-devtools',
  setup(b) {
    b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'empty' }));
    b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export default {};', loader: 'js' }));
  },
};

await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['src/cli.ts'],
  outdir,
  entryNames: 'cosi',
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Native addons stay where npm put them (the screenshot PNG writer, ssh2's optional cpu-features).
  external: ['@resvg/resvg-js', 'cpu-features', '*.node'],
  plugins: [noDevtools],
  // CommonJS dependencies call require() and read __dirname (ssh2's poly1305 loader): give the ESM bundle both.
  banner: {
    js: [
      "import { createRequire as __cosiRequire } from 'node:module';",
      "import { dirname as __cosiDirname } from 'node:path';",
      "import { fileURLToPath as __cosiPath } from 'node:url';",
      'const require = __cosiRequire(import.meta.url);',
      'const __filename = __cosiPath(import.meta.url);',
      'const __dirname = __cosiDirname(__filename);',
    ].join(' '),
  },
  // bin/cosi.js always runs React's production build; only that one is bundled.
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});
