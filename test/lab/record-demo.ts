// Records the bundled demo snapshots from the lab hosts:
//   npx tsx test/lab/record-demo.ts            (root; starts the lab; needs `npm run build`)
// demo/rancheros.cosi.json  via the RancherOS-like console (system-docker exec)
// demo/coreos.cosi.json     via the CoreOS-like systemd host
// A snapshot is refused (not written) when it holds anything that looks like a
// secret of this machine (findSecrets) or shows this machine at all: its
// hostname, users, checkout or lab paths, its cgroups (lib/demo-leaks.ts).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LAB, labUp, LabError, type LabHostName } from './lab.js';
import { REPO_DIR } from './lib/paths.js';
import { demoLeaks } from './lib/demo-leaks.js';
import { recordingMachine } from './lib/recording-machine.js';
import { buildModel } from '../../src/model/build.js';
import { parseSnapshot } from '../../src/snapshot/file.js';

/** `init`: PID 1 as the host sees it; anything else means the probe saw this machine's processes. */
const DEMOS: { name: string; host: LabHostName; init: string }[] = [
  { name: 'rancheros', host: 'rancher', init: 'dockerd' },
  { name: 'coreos', host: 'systemd', init: 'systemd' },
];

/** Patterns that must never ship in a demo file. */
const SECRET_PATTERNS: [string, RegExp][] = [
  ['private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ['openssh key body', /b3BlbnNzaC1rZXktdjE/],
  ['api key', /\b(sk-[A-Za-z0-9_-]{16,}|ghp_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|AKIA[0-9A-Z]{16})/],
  ['credential assignment', /\b[A-Za-z_]*(TOKEN|SECRET|PASSWORD|PASSWD|API_KEY|APIKEY|AUTH)[A-Za-z_]*=\S{6,}/i],
  ['bearer token', /\bBearer\s+[A-Za-z0-9._-]{16,}/],
  ['credential in JSON', /\\?"[A-Za-z_]*(TOKEN|SECRET|PASSWORD|API_KEY|CREDENTIAL)[A-Za-z_]*\\?"\s*:\s*\\?"[^"\\]{6,}/i],
  ['credential flag', /--(token|password|secret|api-key|auth-token)[= ]\S{6,}/i],
];

export function findSecrets(text: string): string[] {
  const found: string[] = [];
  for (const [what, re] of SECRET_PATTERNS) {
    const m = re.exec(text);
    if (m) {
      const at = Math.max(0, m.index - 40);
      found.push(`${what}: ...${text.slice(at, m.index + 60).replace(/\s+/g, ' ')}...`);
    }
  }
  return found;
}

/** Secrets and signs of this machine in a recorded demo, in words; empty when it may ship. */
export function refusals(text: string, init: string): string[] {
  const model = buildModel(parseSnapshot(text, 'demo'));
  return [...findSecrets(text), ...demoLeaks(text, model, recordingMachine(), { init })];
}

async function main(): Promise<number> {
  if (!existsSync(join(REPO_DIR, 'dist/src/cli.js'))) throw new LabError('cosi is not built: run `npm run build` first');
  await labUp('all');
  const outDir = join(REPO_DIR, 'demo');
  mkdirSync(outDir, { recursive: true });
  let failed = 0;
  for (const d of DEMOS) {
    const file = join(outDir, `${d.name}.cosi.json`);
    const tmp = `${file}.tmp`;
    process.stderr.write(`record-demo: ${d.name} via ${LAB[d.host].viaCommand}\n`);
    execFileSync('node', [join(REPO_DIR, 'bin/cosi.js'), 'snapshot', '--via', LAB[d.host].viaCommand, '-o', tmp], {
      cwd: REPO_DIR,
      stdio: ['ignore', 'inherit', 'inherit'],
      timeout: 120_000,
    });
    const refused = refusals(readFileSync(tmp, 'utf8'), d.init);
    if (refused.length > 0) {
      rmSync(tmp, { force: true });
      process.stderr.write(`record-demo: ${d.name} NOT written, it shows secrets or the recording machine:\n  ${refused.join('\n  ')}\n`);
      failed++;
      continue;
    }
    renameSync(tmp, file);
    process.stderr.write(`record-demo: wrote ${file}\n`);
  }
  return failed ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`record-demo: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
