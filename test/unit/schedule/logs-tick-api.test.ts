import { readFileSync } from 'node:fs';
import type { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { sinceAfter } from '../../../src/engines/logs.js';
import { createLogsRider } from '../../../src/schedule/logs-rider.js';
import { createAppStore, initialUi, type AppStore } from '../../../src/store/store.js';
import type { ShellAccess, TickRider } from '../../../src/transport/types.js';
import { connectUnix, startFakeDaemon, type FakeDaemon } from '../engines/fake-daemon.js';
import { discovery, fakeShell } from '../engines/fake-logs-shell.js';

// The Logs tab reads a container as `cosi logs` does: the tick's script discovers the engines (no
// docker CLI in it), then the Engine API's logs endpoint over the forwarded socket; the CLI in one
// more script only where forwarding is refused; --via (no socket) keeps the CLI in the tick. The
// shell answers as a real one frames it; the API answers are the lab's user docker's (test/fixtures/logs/).
const fx = (f: string) => readFileSync(new URL(`../../fixtures/logs/${f}`, import.meta.url));
const crashed = (JSON.parse(fx('inspect-log-crashed.json').toString()) as { Id: string }).Id;
const logsPath = (extra = '', tail = 500) => `/containers/${crashed}/logs?stdout=1&stderr=1&timestamps=1&tail=${tail}${extra}`;

let fake: FakeDaemon | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

let rider: TickRider;
function setup(): AppStore {
  const ui = initialUi();
  const store = createAppStore({ ui: { ...ui, tab: 'logs', logs: { ...ui.logs, target: { target: 'log-crashed', label: 'container log-crashed (docker)' }, request: 1 } } });
  rider = createLogsRider(store, { sudo: false, ringLines: 10_000, host: 'h' });
  return store;
}

/** One tick: the ride's script answered by the shell, then its answer (and what it asks after it). */
async function tick(_store: AppStore, access: ShellAccess): Promise<void> {
  const ride = rider.take(access);
  if (!ride) throw new Error('no ride');
  const terminator = /'(@@COSILOG:[0-9a-f]+:DONE)'/.exec(ride.script)![1]!;
  await ride.answer(await access.run(ride.script, terminator));
}

function access(answers: Parameters<typeof fakeShell>[0], connect?: (p: string) => Promise<Duplex>) {
  const sh = fakeShell(answers);
  return { scripts: sh.scripts, run: sh.run, timeoutMs: 5000, ...(connect ? { connect } : {}) };
}

const daemonConnect = (f: FakeDaemon) => (path: string) => (path === '/var/run/docker.sock' ? connectUnix(f.socket) : Promise.reject(new Error('open failed')));

describe('the Logs tab reads containers through the Engine API', () => {
  it('the tick discovers the engines, the lines come from the logs endpoint; following asks since the last line plus 1 ns', async () => {
    fake = await startFakeDaemon({ '/containers/log-crashed/json': fx('inspect-log-crashed.json').toString(), [logsPath()]: fx('api-log-crashed.bin') });
    const store = setup();
    const a = access((k) => (k === 'discovery' ? discovery() : {}), daemonConnect(fake));
    await tick(store, a);
    const d = store.getState().logs!;
    expect(d).toMatchObject({ state: 'ok', from: 'docker', error: null });
    expect(d.lines.map((l) => `${l.stream} ${l.message}`)).toEqual(['stdout log-crashed: starting worker', 'stderr log-crashed: fatal: cannot open /etc/worker.conf: No such file or directory']);
    expect(a.scripts).toHaveLength(1);
    expect(a.scripts[0]).toContain('_cl discovery ');
    expect(a.scripts[0]).not.toMatch(/ logs'? /);
    expect(fake.requests).toEqual(['/containers/log-crashed/json', logsPath()]);

    const since = sinceAfter(d.lines.at(-1)!.time!)!;
    fake.routes[logsPath(`&since=${since}`, 10_000)] = Buffer.alloc(0);
    store.setState((s) => ({ ui: { ...s.ui, logs: { ...s.ui.logs, follow: true } } }));
    await tick(store, a);
    expect(fake.requests.at(-1)).toBe(logsPath(`&since=${since}`, 10_000));
    expect(store.getState().logs!.lines).toHaveLength(2);
    expect(a.scripts).toHaveLength(2);
  });

  it('forwarding refused: the docker CLI in one more script, the same lines', async () => {
    const store = setup();
    const refused = () => Promise.reject(new Error('(SSH) Channel open failure: open failed'));
    const a = access((k) => (k === 'discovery' ? discovery() : k === 'cli-0' ? { out: fx('docker-cli.txt').toString() } : {}), refused);
    await tick(store, a);
    expect(store.getState().logs).toMatchObject({ state: 'ok', from: 'docker' });
    expect(store.getState().logs!.lines.map((l) => l.message)).toContain('out one');
    expect(a.scripts).toHaveLength(2);
    expect(a.scripts[1]).toContain("_cl cli-0 _cdl '/usr/bin/docker' -H 'unix:///var/run/docker.sock' 'logs' '--timestamps' '--tail' '500' '--' 'log-crashed'");
  });

  it('without a socket (--via): docker logs in the tick itself, no discovery', async () => {
    const store = setup();
    const a = access((k) => (k === 'docker' ? { out: fx('docker-cli.txt').toString() } : {}));
    await tick(store, a);
    expect(store.getState().logs).toMatchObject({ state: 'ok', from: 'docker' });
    expect(a.scripts).toHaveLength(1);
    expect(a.scripts[0]).not.toContain('_cl discovery ');
    expect(a.scripts[0]).toContain("'logs' '--timestamps' '--tail' '500' '--' 'log-crashed'");
  });

  it('the user left the target while the API answered: the answer is dropped', async () => {
    fake = await startFakeDaemon({ '/containers/log-crashed/json': fx('inspect-log-crashed.json').toString(), [logsPath()]: fx('api-log-crashed.bin') });
    const store = setup();
    const a = access((k) => (k === 'discovery' ? discovery() : {}), async (p) => {
      store.setState((s) => ({ ui: { ...s.ui, logs: { ...s.ui.logs, request: 2 } } }));
      return daemonConnect(fake!)(p);
    });
    await tick(store, a);
    expect(store.getState().logs!.request).toBe(1);
    expect(store.getState().logs!.lines).toEqual([]);
  });
});
