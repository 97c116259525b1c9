import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogsRider } from '../../../src/schedule/logs-rider.js';
import { createAppStore, initialUi, type AppStore } from '../../../src/store/store.js';
import type { LogTarget } from '../../../src/store/types.js';
import { viaChannel } from '../../../src/transport/child-shell.js';
import { ProbeTransport } from '../../../src/transport/probe-transport.js';
import { noBudget } from '../../../src/probe/budget.js';

// The Logs tab's reads in the real transport: a probe round trip in a child shell whose journalctl,
// systemctl and docker are stand-ins printing what the lab's real ones printed (test/fixtures/logs/)
// and recording how they were called. The tick carries the read; nothing else runs.
const FIX = new URL('../../fixtures/logs/', import.meta.url).pathname;
let dir: string;
const calls = (): string[] => readFileSync(join(dir, 'calls'), 'utf8').split('\n').filter(Boolean);
const NEW_ENTRY = JSON.stringify({ __CURSOR: 's=1;i=99;b=2;m=3;t=4;x=5', __REALTIME_TIMESTAMP: '1796132400000000', PRIORITY: '3', SYSLOG_IDENTIFIER: 'systemd', _PID: '1', MESSAGE: 'broken.service: a new line' });

function tool(name: string, body: string): void {
  writeFileSync(join(dir, name), `#!/bin/sh\necho "${name} $*" >> ${dir}/calls\n${body}\n`);
  chmodSync(join(dir, name), 0o755);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cosi-logs-tick-'));
  writeFileSync(join(dir, 'new-entry.json'), NEW_ENTRY + '\n');
  // After the last cursor of the fixture: nothing, unless the test put a new entry there.
  tool('journalctl', `case "$*" in *--after-cursor=*i=4b*) cat ${dir}/more 2>/dev/null;; *--after-cursor=*) ;; *_SYSTEMD_UNIT=broken.service*) cat ${FIX}journal-broken.jsonl;; esac`);
  tool('systemctl', `case "$*" in *broken.service*) echo loaded;; *) echo not-found;; esac`);
  // docker logs --since T repeats the lines at T, as the real one does.
  tool('docker', `case "$*" in *' rec') grep -v '^E ' ${FIX}docker-cli.txt; grep '^E ' ${FIX}docker-cli.txt | cut -c3- >&2;; *) echo "Error response from daemon: No such container: x" >&2; exit 1;; esac`);
});

let transport: ProbeTransport | null = null;
afterEach(async () => {
  await transport?.close();
  transport = null;
});

function setup(target: LogTarget, ringLines = 10_000): AppStore {
  writeFileSync(join(dir, 'calls'), '');
  const ui = initialUi();
  const store = createAppStore({ ui: { ...ui, tab: 'logs', logs: { ...ui.logs, target, request: 1 } } });
  transport = new ProbeTransport(viaChannel(`env PATH=${dir}:/usr/bin:/bin sh`), { budget: noBudget(), sections: [], timeoutMs: 20_000 });
  transport.setRider(createLogsRider(store, { sudo: false, ringLines, host: 'test' }));
  return store;
}

const follow = (store: AppStore, on = true) => store.setState((s) => ({ ui: { ...s.ui, logs: { ...s.ui.logs, follow: on } } }));

describe('Logs reads riding in the probe round trip', () => {
  it("reads a unit's lines in the tick; following asks the journal only for what came after the last cursor", async () => {
    const store = setup({ target: 'broken.service', label: 'unit broken.service' });
    await transport!.collect();
    const first = store.getState().logs!;
    expect(first.state).toBe('ok');
    expect(first.lines.map((l) => l.message)).toContain("broken.service: Failed with result 'exit-code'.");
    expect(first.lines).toHaveLength(4);
    expect(calls().find((c) => c.startsWith('journalctl'))).toMatch(/ -n 500 /);

    // Not following: the next tick reads nothing.
    await transport!.collect();
    expect(calls().filter((c) => c.startsWith('journalctl'))).toHaveLength(1);

    follow(store);
    await transport!.collect();
    const followed = calls().filter((c) => c.startsWith('journalctl'));
    expect(followed).toHaveLength(2);
    expect(followed[1]).toContain('--after-cursor=s=3620cb43d41f4fddb999fcbb3ad3c4ed;i=4b;');
    expect(store.getState().logs!.lines).toHaveLength(4);

    writeFileSync(join(dir, 'more'), NEW_ENTRY + '\n');
    await transport!.collect();
    const lines = store.getState().logs!.lines;
    expect(lines).toHaveLength(5);
    expect(lines[4].message).toBe('broken.service: a new line');
    // The next read starts after the new entry's cursor.
    await transport!.collect();
    expect(calls().filter((c) => c.startsWith('journalctl')).at(-1)).toContain('--after-cursor=s=1;i=99;b=2;m=3;t=4;x=5');
    expect(store.getState().logs!.lines).toHaveLength(5);
  });

  it('follows a container with docker logs --since its last time, and keeps no line twice', async () => {
    const store = setup({ target: 'rec', label: 'container rec (docker)' });
    await transport!.collect();
    const first = store.getState().logs!;
    expect(first.from).toBe('docker');
    expect(first.lines).toHaveLength(5);
    follow(store);
    await transport!.collect();
    const docker = calls().filter((c) => c.startsWith('docker'));
    expect(docker.at(-1)).toContain('--since 2026-12-01T14:42:52.481092583Z');
    expect(store.getState().logs!.lines).toHaveLength(5);
  });

  it('reads nothing while following on another tab; a new L reads afresh', async () => {
    const store = setup({ target: 'broken.service', label: 'unit broken.service' });
    await transport!.collect();
    follow(store);
    store.setState((s) => ({ ui: { ...s.ui, tab: 'services' } }));
    await transport!.collect();
    expect(calls().filter((c) => c.startsWith('journalctl'))).toHaveLength(1);
    store.setState((s) => ({ ui: { ...s.ui, tab: 'logs', logs: { ...s.ui.logs, target: { target: 'rec', label: 'container rec (docker)' }, request: 2 } } }));
    await transport!.collect();
    expect(store.getState().logs!.request).toBe(2);
    expect(store.getState().logs!.from).toBe('docker');
  });
});
