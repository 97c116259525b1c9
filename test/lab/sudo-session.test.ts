// --sudo on the RancherOS-like lab host, over SSH, through cosi's own wiring (ProbeTransport + the
// engine hook): the root-only system-docker socket is read in the session's root shell, and the
// host's sudo runs ONCE for several refreshes (its log file counts them).
import { execFileSync } from 'node:child_process';
import { homedir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineCollector } from '../../src/cli/engine-hook.js';
import { ProbeTransport } from '../../src/transport/probe-transport.js';
import { noPrompts, resolveSshConfig, SshChannel } from '../../src/transport/ssh/index.js';
import { labUp, LAB, sshConfigFor } from './lab.js';

const SYS = ['-H', `unix://${LAB.rancher.daemonSocket}`];
const LOG = '/tmp/cosi-sudo-session.log';
const RULE = '/etc/sudoers.d/zz-cosi-sudo-session';
const consoleSh = (script: string) => execFileSync('docker', [...SYS, 'exec', 'console', 'sh', '-c', script], { encoding: 'utf8' });

beforeAll(async () => {
  await labUp('rancher');
  // sudo's own log of the console, for this test only (removed afterwards).
  consoleSh(`rm -f ${LOG}; printf 'Defaults:rancher logfile=${LOG}\\n' > ${RULE}; chmod 440 ${RULE}`);
}, 600_000);

afterAll(() => {
  consoleSh(`rm -f ${RULE} ${LOG}`);
});

describe('--sudo over SSH on the lab RancherOS host', () => {
  it('reads system-docker in the root shell on every tick with one sudo for the session', async () => {
    const { configPath } = sshConfigFor('rancher');
    const r = resolveSshConfig(LAB.rancher.sshAlias, { configFile: configPath }, { home: homedir(), env: process.env });
    if (!r.ok) throw new Error(r.error);
    const ch = new SshChannel(r.value, { prompts: noPrompts() });
    const t: ProbeTransport = new ProbeTransport(ch, {
      sudo: true,
      timeoutMs: 60_000,
      collectEngines: engineCollector({ engines: [], sudo: true, socket: (p) => ch.forwardUnixSocket(p), shell: ch, root: () => t.rootShell }),
    });
    const ids = execFileSync('docker', ['-H', `unix://${LAB.rancher.sockets['system-docker']}`, 'ps', '-aq', '--no-trunc'], { encoding: 'utf8' }).split('\n').filter(Boolean).sort();
    try {
      for (let i = 0; i < 3; i++) {
        const raw = await t.collect();
        expect(raw.sections['mountinfo-host']?.rc).toBe(0);
        const sys = raw.engines.find((e) => e.socket === LAB.rancher.sockets['system-docker']);
        expect(sys?.failure ?? null).toBeNull();
        expect(Object.keys(sys?.answers ?? {}).filter((k) => /^\/containers\/[0-9a-f]+\/json$/.test(k)).map((k) => k.split('/')[2]).sort()).toEqual(ids);
      }
      expect(t.notice()).toBeNull();
    } finally {
      await t.close();
    }
    expect(consoleSh(`cat ${LOG} 2>/dev/null || true`).match(/COMMAND=/g) ?? []).toHaveLength(1);
  });
});
