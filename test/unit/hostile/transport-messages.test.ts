import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/model/build.js';
import { ProbeTransport } from '../../../src/transport/probe-transport.js';
import { createRefresher } from '../../../src/schedule/refresh.js';
import { createAppStore } from '../../../src/store/store.js';
import { ChildShellChannel } from '../../../src/transport/child-shell.js';
import { renderState } from '../../../views/render-frame.js';
import { rawFromCapture } from '../../support/raw.js';
import { cosi } from '../../support/cli.js';
import { CONTROL, nonSgrEscapes } from './_support.js';
import { noBudget } from '../../../src/probe/budget.js';

// What the host's shell writes to stderr when it dies (`--via 'ssh host sh'`, `docker exec -i console sh`)
// is host data too: it becomes the error message of the tick, printed by `cosi snapshot` and shown in
// the header of the live TUI.
const DYING = `printf 'boom\\033]0;pwned\\007\\033[2J\\302\\233\\n' >&2; exit 3`;
const section = { id: 'x', title: 'x', script: 'echo x', maxBytes: 100, timeoutSec: 0 };

describe('error messages made of what the host printed', () => {
  it('the --via / local shell exit message shows escapes as text', async () => {
    const t = new ProbeTransport(new ChildShellChannel({ kind: 'command', label: 'via test' }, DYING, [], true), { budget: noBudget(), sections: [section], timeoutMs: 5000 });
    const e = (await t.collect().catch((x: unknown) => x)) as Error;
    expect(e.message).toMatch(/shell exited \(3\): boom/);
    expect(e.message).not.toMatch(CONTROL);
  });

  it('`cosi snapshot --via` prints no control sequence when the shell dies with one', () => {
    const r = cosi(['snapshot', '--via', DYING, '--json']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/shell exited \(3\): boom/);
    expect(nonSgrEscapes(r.stderr)).toEqual([]);
  });

  it('the live header shows the failed tick without passing the escapes to the terminal', async () => {
    const model = buildModel(rawFromCapture('test/fixtures/probe/local-dash.txt'));
    const store = createAppStore({ model, cols: 100, rows: 30, now: 0 });
    const transport = new ProbeTransport(new ChildShellChannel({ kind: 'command', label: 'via test' }, DYING, [], true), { budget: noBudget(), sections: [section], timeoutMs: 5000 });
    const refresher = createRefresher({ transport, buildModel, store, refreshMs: 60_000 });
    refresher.start();
    for (let i = 0; i < 100 && store.getState().conn.state !== 'stale'; i++) await new Promise((r) => setTimeout(r, 50));
    refresher.stop();
    await transport.close();
    const frame = renderState(store.getState(), { color: true });
    expect(frame).toMatch(/stale: .*boom/);
    expect(nonSgrEscapes(frame)).toEqual([]);
  });
});
