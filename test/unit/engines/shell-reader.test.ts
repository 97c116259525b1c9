import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectEngines, type EngineAccess } from '../../../src/engines/collect.js';
import { buildEngines } from '../../../src/model/engines.js';
import type { EnginePlanEntry } from '../../../src/engines/plan.js';
import { capturedAnswers } from './fake-daemon.js';
import { probeShells } from '../../support/shells.js';

/**
 * The --via/--sudo script runs under real dash and busybox sh against stub
 * `docker`, `curl` and `sudo` commands that print what the real ones printed
 * (captured from dockerd 20.10 and docker CLI 28).
 */
let dir = '';
const fx = (p: string) => readFileSync(new URL(`../../fixtures/docker/${p}`, import.meta.url), 'utf8');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cosi-cli-'));
  writeFileSync(join(dir, 'version'), JSON.stringify(JSON.parse(fx('cli/version.jsonl')).Server) + '\n');
  writeFileSync(join(dir, 'info'), fx('cli/info.jsonl'));
  writeFileSync(join(dir, 'info-text'), fx('seed/info-rancher.txt'));
  writeFileSync(join(dir, 'ps'), fx('cli/ps.jsonl'));
  for (const o of JSON.parse(fx('cli/inspect.json')) as { Id: string }[]) writeFileSync(join(dir, `inspect-${o.Id}`), JSON.stringify(o) + '\n');
  const api = capturedAnswers('sys');
  for (const [k, v] of Object.entries(api)) writeFileSync(join(dir, 'api' + k.replace(/[/?=]/g, '_')), v);
  const stub = (name: string, body: string) => {
    writeFileSync(join(dir, name), `#!/bin/sh\nD=${dir}\n${body}\n`);
    chmodSync(join(dir, name), 0o755);
  };
  stub(
    'docker',
    `[ "$1" = -H ] || { echo "no -H" >&2; exit 2; }
sock=\${2#unix://}; shift 2
case "$sock" in
  /down.sock) echo "Cannot connect to the Docker daemon at unix:///down.sock. Is the docker daemon running?" >&2; exit 1 ;;
  /root.sock) [ -n "$STUB_ROOT" ] || { echo "permission denied while trying to connect to the Docker daemon socket at unix:///root.sock: Get \\"http://%2Froot.sock/v1.24/version\\": dial unix /root.sock: connect: permission denied" >&2; exit 1; } ;;
esac
case "$1" in
  version) cat $D/version ;;
  info) if [ "$sock" = /old.sock ]; then [ "$2" = --format ] && { echo "unknown flag: --format" >&2; exit 125; }; cat $D/info-text; else cat $D/info; fi ;;
  ps) cat $D/ps ;;
  inspect) shift 3; rc=0; for id in "$@"; do if [ -f $D/inspect-$id ]; then cat $D/inspect-$id; else echo "Error: No such object: $id" >&2; rc=1; fi; done; exit $rc ;;
  *) exit 2 ;;
esac`,
  );
  stub(
    'curl',
    `for a in "$@"; do url=$a; done
[ -e /dev/null ] && f=$D/api$(printf '%s' "\${url#http://d}" | tr '/?=' '___'); cat "$f"`,
  );
  stub('sudo', `[ "$1" = -n ] && shift; [ -n "$STUB_PASSWORD" ] && { echo "sudo: a password is required" >&2; exit 1; }; STUB_ROOT=1 exec "$@"`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function shellAccess(shell: string[], env: Record<string, string> = {}): EngineAccess {
  return {
    kind: 'shell',
    run: (script) =>
      new Promise((resolve, reject) => {
        const p = spawn(shell[0], shell.slice(1), { env: { PATH: `${dir}:/usr/bin:/bin`, ...env }, stdio: ['pipe', 'pipe', 'inherit'] });
        let out = '';
        p.stdout.on('data', (c: Buffer) => (out += c.toString()));
        p.on('error', reject);
        p.on('close', () => resolve(out));
        p.stdin.end(script);
      }),
  };
}

const entry = (socket: string, name: string, method: EnginePlanEntry['method']): EnginePlanEntry => ({ socket, name, kind: 'docker', method, status: null, failure: null });

const shells = probeShells().map(([, cmd, args]) => [cmd, ...args]);

for (const shell of shells) {
  describe(`engine script under ${shell.join(' ')}`, () => {
    it('reads every engine in one script and stores the answers under the API keys', async () => {
      const plan = [
        entry('/var/run/docker.sock', 'docker', { kind: 'cli', tool: `${dir}/docker`, sudo: false }),
        entry('/down.sock', 'stopped', { kind: 'cli', tool: `${dir}/docker`, sudo: false }),
        entry('/var/run/system-docker.sock', 'system-docker', { kind: 'curl', tool: `${dir}/curl`, sudo: false }),
      ];
      const raw = await collectEngines(plan, shellAccess(shell));
      expect(raw.map((r) => [r.name, r.via, r.failure?.code ?? 'ok'])).toEqual([
        ['docker', 'cli', 'ok'],
        ['stopped', 'cli', 'refused'],
        ['system-docker', 'curl', 'ok'],
      ]);
      expect(Object.keys(raw[0].answers).filter((k) => k.startsWith('/containers/') && k.endsWith('/json'))).toHaveLength(5);
      expect(raw[2].answers).toEqual(capturedAnswers('sys'));
      const [docker, , sys] = buildEngines(raw, null, []);
      expect(docker.containers.map((c) => `${c.name}:${c.state}:${c.health ?? '-'}`)).toEqual([
        'api:running:-', 'done:exited:-', 'never-started:created:-', 'web:running:healthy', 'weird:paused:-',
      ]);
      expect(sys.containers.map((c) => c.name)).toEqual(['console', 'ntp', 'system-volumes', 'udev-cold']);
    });

    it('a tick total that is spent: the rest of the containers show from the list alone, and the engine says how many', async () => {
      const inspected = (r: { answers: Record<string, string> }) => Object.keys(r.answers).filter((k) => /^\/containers\/[^/]+\/json$/.test(k)).length;
      // ~10 KB for inspect answers of ~4 KB each: the docker CLI's one answer is cut after two or so.
      const [cli] = await collectEngines([entry('/var/run/docker.sock', 'docker', { kind: 'cli', tool: `${dir}/docker`, sudo: false })], shellAccess(shell), { totalBytes: 11_500 });
      expect(cli.failure).toBeUndefined();
      expect(inspected(cli)).toBeGreaterThan(0);
      expect(cli.cut).toEqual({ containers: 5 - inspected(cli), capBytes: 11_500 });
      expect(cli.cut?.containers).toBeGreaterThan(0);
      expect(buildEngines([cli], null, [])[0].containers).toHaveLength(5);
      // curl asks per container and stops asking once the budget is spent.
      const [api] = await collectEngines([entry('/var/run/system-docker.sock', 'system-docker', { kind: 'curl', tool: `${dir}/curl`, sudo: false })], shellAccess(shell), { totalBytes: 4_000 });
      expect(api.failure).toBeUndefined();
      expect(api.cut?.containers).toBe(4 - inspected(api));
      expect(api.cut?.containers).toBeGreaterThan(0);
    });

    it('a root-only socket: permission denied without sudo, read with sudo -n, and a password demand is named', async () => {
      const cli = (sudo: boolean) => [entry('/root.sock', 'system-docker', { kind: 'cli', tool: `${dir}/docker`, sudo })];
      expect((await collectEngines(cli(false), shellAccess(shell)))[0].failure).toEqual({ code: 'permission-denied' });
      const ok = (await collectEngines(cli(true), shellAccess(shell)))[0];
      expect(ok.failure).toBeUndefined();
      expect(Object.keys(ok.answers)).toContain('/containers/json?all=1');
      const pw = (await collectEngines(cli(true), shellAccess(shell, { STUB_PASSWORD: '1' })))[0];
      expect(pw.failure).toEqual({ code: 'sudo-password' });
    });
  });
}

describe('an old docker client without info --format', () => {
  it('falls back to the text of docker info (RancherOS 1.5 transcript)', async () => {
    const raw = await collectEngines([entry('/old.sock', 'old', { kind: 'cli', tool: `${dir}/docker`, sudo: false })], shellAccess(shells[0]));
    expect(raw[0].failure).toBeUndefined();
    const [e] = buildEngines(raw, null, []);
    expect(e).toMatchObject({ status: 'up', storageDriver: 'overlay2', backingFilesystem: 'tmpfs', rootDir: '/var/lib/docker', cgroupDriver: 'cgroupfs' });
    expect(e.containers).toHaveLength(5);
  });
});

describe('engine script failures', () => {
  it('a shell that dies marks every shell engine, nothing throws', async () => {
    const plan = [entry('/var/run/docker.sock', 'docker', { kind: 'cli', tool: 'docker', sudo: false })];
    const raw = await collectEngines(plan, { kind: 'shell', run: () => Promise.reject(new Error('channel closed')) });
    expect(raw[0]).toMatchObject({ name: 'docker', failure: { code: 'other', detail: 'channel closed' } });
  });

  it('host output cannot forge a frame (the nonce is fresh)', async () => {
    const plan = [entry('/var/run/docker.sock', 'docker', { kind: 'cli', tool: 'docker', sudo: false })];
    const raw = await collectEngines(plan, { kind: 'shell', run: async () => '@@COSIENG:x:B:0:/version\n{"Version":"1"}\n@@COSIENG:x:E:0:0:/version\n\n@@COSIENG:x:F:0\n' });
    expect(raw[0].failure).toEqual({ code: 'no-answer' });
  });
});
