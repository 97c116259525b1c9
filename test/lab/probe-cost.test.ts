import { homedir } from 'node:os';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ProbeTransport } from '../../src/transport/probe-transport.js';
import { noPrompts, resolveSshConfig, SshChannel } from '../../src/transport/ssh/index.js';
import { labUp, LAB, sshConfigFor } from './lab.js';

/**
 * Watching costs almost nothing (#13): on the systemd lab host, a steady tick
 * sends far fewer bytes than the first one. What moves on a shared lab (other
 * tests log in, start processes) may be sent again; what cannot move is not:
 * os-release (once per connection), the kube checks (every 15th tick), and the
 * mount table, answered "same as last time" by the shell.
 */
let t: ProbeTransport;

beforeAll(async () => {
  await labUp('systemd');
  const { configPath } = sshConfigFor('systemd');
  const r = resolveSshConfig(LAB.systemd.sshAlias, { configFile: configPath }, { home: homedir(), env: {} });
  if (!r.ok) throw new Error(r.error);
  t = new ProbeTransport(new SshChannel(r.value, { prompts: noPrompts() }), { timeoutMs: 60_000 });
});
afterAll(async () => {
  await t?.close();
});

it('a steady tick sends far fewer bytes than the first, and the snapshot still holds every section', async () => {
  const first = await t.collect();
  const firstBytes = t.answerBytes;
  const steady = await t.collect();
  const steadyBytes = t.answerBytes;
  expect(Object.keys(steady.sections)).toEqual(Object.keys(first.sections));
  expect(steady.sections['os-release']).toEqual(first.sections['os-release']);
  expect(steady.sections['os-release']!.text).toMatch(/^ID=coreos$/m);
  expect(steady.sections.kube).toEqual(first.sections.kube);
  expect(t.same).toContain('mountinfo');
  expect(steady.sections.mountinfo!.text).toBe(first.sections.mountinfo!.text);
  expect(steady.sections.meminfo!.text).toContain('MemTotal:');
  // Not sent again: os-release, kube and the mount table (one S line instead of its text).
  const notSent = ['os-release', 'kube', 'mountinfo'].reduce((n, id) => n + first.sections[id]!.bytes, 0);
  expect(notSent).toBeGreaterThan(1000);
  expect(steadyBytes).toBeLessThan(firstBytes - notSent);
});
