// Records the bundled demo snapshots, each from a demo host of its own:
//   npx tsx test/lab/record-demo.ts [rancheros|coreos]   (root; needs `npm run build`)
// demo/rancheros.cosi.json  the RancherOS-like host (lib/demo-rancher.ts), through its console
// demo/coreos.cosi.json     the CoreOS-like systemd host (lib/demo-coreos.ts)
// The hosts are set up here, not by `lab up` (the lab and its tests are not
// touched), in namespaces of their own (lib/isolated-host.ts), and taken down
// afterwards. Before the snapshot, memory is sampled for a while so that the
// Memory tab has a history of real readings.
// A snapshot is refused (not written) when it holds anything that looks like a
// secret of this machine (findSecrets) or shows this machine at all: its
// hostname, users, checkout or lab paths, its cgroups (lib/demo-leaks.ts).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LabError } from './lab.js';
import { REPO_DIR } from './lib/paths.js';
import { demoLeaks } from './lib/demo-leaks.js';
import { recordingMachine } from './lib/recording-machine.js';
import { upRancherDemo } from './lib/demo-rancher.js';
import { upCoreosDemo } from './lib/demo-coreos.js';
import type { IsolatedHost } from './lib/isolated-host.js';
import { buildModel } from '../../src/model/build.js';
import { parseSnapshot } from '../../src/snapshot/file.js';
import type { RawReading, RawSnapshot } from '../../src/snapshot/types.js';

interface Demo {
  name: 'rancheros' | 'coreos';
  /** PID 1 as the host sees it; anything else means the probe saw this machine's processes. */
  init: string;
  /** What the header shows as the source of the snapshot. */
  label: string;
  up(): Promise<{ host: IsolatedHost; via: string }>;
}

const DEMOS: Demo[] = [
  { name: 'rancheros', init: 'dockerd', label: 'via the console of the cosi lab RancherOS-like host', up: upRancherDemo },
  { name: 'coreos', init: 'systemd', label: 'via nsenter into the cosi lab CoreOS-like host', up: upCoreosDemo },
];

/** Memory readings before the snapshot: SAMPLES of /proc/meminfo, EVERY seconds apart. */
const SAMPLES = 40;
const EVERY = 1.5;

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

/** SAMPLES readings of the host's /proc/meminfo, oldest first, taken in the host by one shell. */
function sampleMemory(via: string): RawReading[] {
  const script = `i=0; while [ $i -lt ${SAMPLES} ]; do echo "@@ $(date +%s)"; cat /proc/meminfo; i=$((i+1)); if [ $i -lt ${SAMPLES} ]; then sleep ${EVERY}; fi; done; exit 0\n`;
  const out = execFileSync('sh', ['-c', via], { input: script, encoding: 'utf8', timeout: (SAMPLES * EVERY + 60) * 1000 });
  const readings: RawReading[] = [];
  for (const chunk of out.split('@@ ').slice(1)) {
    const nl = chunk.indexOf('\n');
    const secs = Number(chunk.slice(0, nl));
    const text = chunk.slice(nl + 1);
    if (!Number.isFinite(secs) || !text.startsWith('MemTotal:')) continue;
    readings.push({ takenAt: new Date(secs * 1000).toISOString(), sections: { meminfo: { text, rc: 0, truncated: false, bytes: text.length, ms: null } } });
  }
  return readings;
}

async function record(d: Demo, outDir: string): Promise<boolean> {
  const file = join(outDir, `${d.name}.cosi.json`);
  const tmp = `${file}.tmp`;
  const { host, via } = await d.up();
  try {
    process.stderr.write(`record-demo: ${d.name}: ${SAMPLES} memory readings, ${EVERY} s apart\n`);
    const history = sampleMemory(via);
    process.stderr.write(`record-demo: ${d.name}: snapshot\n`);
    execFileSync('node', [join(REPO_DIR, 'bin/cosi.js'), 'snapshot', '--via', via, '-o', tmp], {
      cwd: REPO_DIR,
      stdio: ['ignore', 'inherit', 'inherit'],
      timeout: 180_000,
    });
    const raw = JSON.parse(readFileSync(tmp, 'utf8')) as RawSnapshot;
    const shown: RawSnapshot = { ...raw, target: { kind: 'command', label: d.label }, history };
    const text = `${JSON.stringify(shown, null, 1)}\n`;
    const refused = refusals(text, d.init);
    rmSync(tmp, { force: true });
    if (refused.length > 0) {
      process.stderr.write(`record-demo: ${d.name} NOT written, it shows secrets or the recording machine:\n  ${refused.join('\n  ')}\n`);
      return false;
    }
    writeFileSync(tmp, text);
    renameSync(tmp, file);
    process.stderr.write(`record-demo: wrote ${file} (${history.length} memory readings; no sign of this machine found)\n`);
    return true;
  } finally {
    await host.stop();
  }
}

async function main(which: string[]): Promise<number> {
  if (process.getuid?.() !== 0) throw new LabError('recording the demos needs root (their hosts get namespaces, cgroups and loop disks)');
  if (!existsSync(join(REPO_DIR, 'dist/src/cli.js'))) throw new LabError('cosi is not built: run `npm run build` first');
  const outDir = join(REPO_DIR, 'demo');
  mkdirSync(outDir, { recursive: true });
  let failed = 0;
  for (const d of DEMOS.filter((x) => which.length === 0 || which.includes(x.name))) {
    if (!(await record(d, outDir))) failed++;
  }
  return failed ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`record-demo: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
