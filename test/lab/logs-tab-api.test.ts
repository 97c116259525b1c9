// The Logs tab reads a container through the Engine API over the socket
// forwarded on the TUI's own SSH connection (the reader `cosi logs` uses),
// riding in the probe's tick: its lines are what `docker logs --timestamps`
// shows of the same container, escapes sanitized, and no docker CLI runs in
// the shell. log-escapes printed its lines once at its start and then idles:
// its logs do not move between the two readings.
import { homedir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogsRider } from '../../src/schedule/logs-rider.js';
import { createAppStore, initialUi } from '../../src/store/store.js';
import { ProbeTransport } from '../../src/transport/probe-transport.js';
import { noPrompts, resolveSshConfig, SshChannel } from '../../src/transport/ssh/index.js';
import type { ShellChannel } from '../../src/transport/types.js';
import { LAB, labUp, sshConfigFor } from './lab.js';
import { dockerLogs, shown } from './support/docker-logs.js';

let ch: SshChannel;
let transport: ProbeTransport;
const scripts: string[] = [];
const forwarded: string[] = [];

beforeAll(async () => {
  await labUp('rancher');
  const { configPath } = sshConfigFor('rancher');
  const r = resolveSshConfig(LAB.rancher.sshAlias, { configFile: configPath }, { home: homedir(), env: process.env });
  if (!r.ok) throw new Error(r.error);
  ch = new SshChannel(r.value, { prompts: noPrompts() });
  // The shell as the transport uses it, recording each script it runs.
  const recorded: ShellChannel = {
    target: ch.target,
    open: () => ch.open(),
    close: () => ch.close(),
    run: (script, terminator, limits) => (scripts.push(script), ch.run(script, terminator, limits)),
  };
  transport = new ProbeTransport(recorded, { sections: [], timeoutMs: 60_000, socket: (p) => (forwarded.push(p), ch.forwardUnixSocket(p)) });
}, 600_000);

afterAll(async () => {
  await transport?.close();
});

describe('the Logs tab over SSH (RancherOS-like console, user rancher)', () => {
  it("log-escapes: the tab's lines equal docker logs --timestamps, read through the forwarded docker socket", async () => {
    const ui = initialUi();
    const store = createAppStore({ ui: { ...ui, tab: 'logs', logs: { ...ui.logs, target: { target: 'log-escapes', label: 'container log-escapes (docker)' }, request: 1 } } });
    transport.setRider(createLogsRider(store, { sudo: false, ringLines: 10_000, host: 'rancher' }));
    await transport.collect();
    const d = store.getState().logs!;
    expect(d.error).toBeNull();
    expect(d).toMatchObject({ state: 'ok', from: 'docker' });
    expect(shown(d.lines)).toEqual(dockerLogs(LAB.rancher.sockets.docker, ['--tail', '500', 'log-escapes']));
    expect(d.lines.map((l) => l.message)).toContain('escapes: title \\e]0;pwned\\x07 set');
    expect(JSON.stringify(d.lines)).not.toMatch(/\\u001b|\\u0007|\\u009b/);
    expect(forwarded).toContain(LAB.rancher.sockets.docker);
    expect(scripts.join('\n')).not.toMatch(/'logs' '--timestamps'/);
  }, 180_000);
});
