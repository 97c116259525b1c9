import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';

// First frame (#13): `npm run build` bundles the CLI (bin/bundle.mjs) into an entry file and
// chunks loaded on demand, which bin/cosi.js loads. The bundle must run on its own: demos, a
// screenshot (Ink, the views), --help; the entry holds neither Ink nor ssh2 (they load while
// `cosi connect` connects).
const root = join(__dirname, '../../..');
const dir = join(root, 'dist', 'test-bundle');
const out = join(dir, 'cosi.mjs');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('the bundled CLI lists the demos and draws a tab; its entry holds neither Ink nor ssh2', () => {
  execFileSync(process.execPath, ['bin/bundle.mjs', dir], { cwd: root, stdio: 'pipe' });
  const entry = readFileSync(out, 'utf8');
  expect(entry).toMatch(/^\/\/ src\/cli\.ts$/m);
  expect(entry).not.toMatch(/node_modules\/(ink|ssh2|react)\//);
  const chunks = readdirSync(join(dir, 'chunks')).map((f) => readFileSync(join(dir, 'chunks', f), 'utf8')).join('\n');
  expect(chunks).toMatch(/node_modules\/ink\//);
  expect(chunks).toMatch(/node_modules\/ssh2\//);
  const run = (...args: string[]) => execFileSync(process.execPath, [out, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } });
  expect(run('demo', '--list')).toMatch(/^rancheros\s+RancherOS/m);
  const txt = join(dir, 'mounts.txt');
  run('screenshot', '--demo', 'rancheros', '--tab', 'mounts', '-o', txt);
  expect(execFileSync('cat', [txt], { encoding: 'utf8' })).toMatch(/\[3 Mounts\]/);
  // Ink's layout engine (yoga) decodes its WebAssembly itself: Node's fetch (undici, ~200 ms of
  // CPU at start on a busy machine) is never loaded. A fetch that says when it is called:
  const spy = join(dir, 'fetch-spy.cjs');
  mkdirSync(dir, { recursive: true });
  writeFileSync(spy, "globalThis.fetch = () => { process.stderr.write('FETCH CALLED\\n'); return Promise.reject(new Error('no')); };\n");
  const drawn = spawnSync(process.execPath, ['-r', spy, out, 'screenshot', '--demo', 'coreos', '--tab', 'overview', '-o', txt], { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } });
  expect(drawn.status, drawn.stderr).toBe(0);
  expect(drawn.stderr).not.toContain('FETCH CALLED');
  expect(readFileSync(txt, 'utf8')).toMatch(/\[1 Overview\]/);
  // ssh2 loads in the bundle (its crypto reads __dirname): a refused connection is said in one line.
  // It loads its native ciphers (sshcrypto.node) whenever the installed ssh2 has them: their pure-JS
  // fallback, silent, cost most of cosi's idle CPU live (#13). A dlopen that says what it loads:
  const dlopenSpy = join(dir, 'dlopen-spy.cjs');
  writeFileSync(dlopenSpy, 'const open = process.dlopen; process.dlopen = function (m, file, ...rest) { process.stderr.write(`DLOPEN ${file}\\n`); return open.call(this, m, file, ...rest); };\n');
  const r = spawnSync(process.execPath, ['-r', dlopenSpy, out, 'snapshot', '127.0.0.1:1', '--json'], { cwd: root, encoding: 'utf8' });
  expect(r.status).not.toBe(0);
  expect(r.stderr).toMatch(/127\.0\.0\.1 port 1: connection refused/);
  expect(r.stderr).not.toMatch(/internal error/);
  const installed: boolean = createRequire(join(root, 'package.json'))('ssh2/lib/protocol/crypto.js').bindingAvailable;
  expect(/DLOPEN .*[\\/]sshcrypto\.node$/m.test(r.stderr), r.stderr).toBe(installed);
}, 60_000);
