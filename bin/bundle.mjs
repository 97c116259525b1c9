// `npm run build` step 2: dist/bundle/cosi.mjs, the whole CLI (about 700 modules: cosi, Ink,
// React, ssh2, ...) in a few files instead of hundreds: the entry (options, help, the commands)
// and chunks loaded on demand, so `cosi connect` compiles Ink and the views while the SSH
// handshake runs, and the entry holds neither Ink nor ssh2.
// bin/cosi.js loads it when it is there and not older than the tsc output (dist/src/cli.js).
import * as esbuild from 'esbuild';
import { realpathSync, rmSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { INK_PATCHED_FILES, patchInk } from './ink-patches.mjs';

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

// yoga-layout (Ink's layout engine) loads its WebAssembly from a base64 data: URL through
// fetch() when fetch exists: that loads Node's whole fetch implementation (undici) and decodes
// the URL through it, about 200 ms of CPU at the load of the 2-core bench machine, before
// Ink's first frame. Its own synchronous base64 path gives the same bytes.
const yogaFetch = '"function"!=typeof fetch';
const yogaSync = {
  name: 'yoga-sync-wasm',
  setup(b) {
    b.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes(yogaFetch)) throw new Error(`${args.path}: no ${yogaFetch} to replace (yoga-layout changed: check bin/bundle.mjs)`);
      return { contents: text.replaceAll(yogaFetch, 'true'), loader: 'js' };
    });
  },
};

// string-width (Ink measures every text and every cell of a frame with it) answers one-column
// strings (views/present/narrow.ts: ASCII, box drawing, blocks, ● · …) by their length. Its own
// path segments graphemes and runs Unicode property regexes: ~90 ms of CPU on the first non-ASCII
// string (the first frame pays it), slow per character after; it is loaded on the first string that
// needs it (~20 ms of CPU at start otherwise). Only the string-width that Ink's
// output uses is wrapped (wrap-ansi's older copy counts some of these characters as two).
const narrowWidth = {
  name: 'narrow-width',
  setup(b) {
    const wrapped = fileURLToPath(new URL('../node_modules/string-width/index.js', import.meta.url));
    b.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.pluginData === 'real') return undefined;
      const real = await b.resolve('string-width', { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'real' });
      if (real.errors.length > 0 || realpathSync(real.path) !== realpathSync(wrapped)) return real;
      return { path: real.path, namespace: 'narrow-width' };
    });
    b.onLoad({ filter: /.*/, namespace: 'narrow-width' }, (args) => ({
      resolveDir: dirname(args.path),
      loader: 'js',
      // require(), not import: esbuild then evaluates string-width on the first call, not at start.
      contents: [
        "import stripAnsi from 'strip-ansi';",
        `import { narrowFirst } from ${JSON.stringify(`${root}views/present/narrow.ts`)};`,
        `export default narrowFirst(() => require(${JSON.stringify(args.path)}).default, stripAnsi);`,
      ].join('\n'),
    }));
  },
};

// A dependency's own native addon (ssh2's AES-GCM/ChaCha20 binding, sshcrypto.node) is required by
// a path relative to its source file, which means nothing next to the bundle: ssh2 catches the
// failure and falls back to its pure-JS ciphers, which cost most of cosi's idle CPU live (#13).
// Each is required by its package path instead (ssh2/lib/.../sshcrypto.node), found through
// node_modules wherever npm put it; an addon that did not build still falls back.
const nativeAddons = {
  name: 'native-addons',
  setup(b) {
    b.onResolve({ filter: /\.node$/ }, async (args) => {
      if (!args.path.startsWith('.')) return undefined;
      const file = resolve(args.resolveDir, args.path);
      const dir = `${sep}node_modules${sep}`;
      const at = file.lastIndexOf(dir);
      if (at < 0) return undefined;
      const spec = file.slice(at + dir.length).split(sep).join('/');
      const pkg = spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');
      const manifest = JSON.parse(await readFile(`${file.slice(0, at)}/node_modules/${pkg}/package.json`, 'utf8'));
      if (manifest.exports !== undefined) throw new Error(`${relative(root, file)}: ${pkg} has "exports", so ${spec} cannot be required by its path: check bin/bundle.mjs`);
      return { path: spec, external: true };
    });
  },
};

// Ink composes every frame through ansi-tokenize: its grapheme split, its style diff between
// neighbours (~25 and ~30 ms of CPU on the first frame) and its copies per character (the bulk of a
// list frame's composing) are patched (bin/ink-patches.mjs, INK_PATCHES).
const inkPatches = {
  name: 'ink-patches',
  setup(b) {
    b.onLoad({ filter: INK_PATCHED_FILES }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      return { contents: patchInk(text, args.path, root), loader: 'js', resolveDir: dirname(args.path) };
    });
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
  // Native addons stay where npm put them (the screenshot PNG writer, ssh2's optional cpu-features,
  // and the ones a dependency requires by a relative path: nativeAddons).
  external: ['@resvg/resvg-js', 'cpu-features', '*.node'],
  plugins: [nativeAddons, noDevtools, yogaSync, narrowWidth, inkPatches],
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
