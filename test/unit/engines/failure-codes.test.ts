import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSnapshot } from '../../../src/snapshot/file.js';
import { buildModel } from '../../../src/model/build.js';
import { describeFailure } from '../../../src/engines/errors.js';
import { engineFailureText } from '../../../views/present/engine-failure.js';
import { enginesView } from '../../../views/present/engines.js';
import type { RawSnapshot } from '../../../src/snapshot/types.js';

const load = (path: string) => parseSnapshot(readFileSync(path, 'utf8'), path);
const shown = (raw: RawSnapshot) => buildModel(raw).engines.map((e) => [e.name, e.status, e.failure ? engineFailureText(e.failure) : null]);

describe('engine failures are stored as codes', () => {
  it('an old snapshot file (English `error`, recorded before codes) reads back with the same statuses and words', () => {
    // [name, status, message] as the code before codes built them from this file.
    const before = [
      ['e0', 'socket-activated', 'socket-activated, not running'],
      ['e1', 'unknown', 'not opened: its systemd unit state is unknown (opening it could start the daemon)'],
      ['e2', 'permission-denied', 'permission denied — run with --sudo'],
      ['e3', 'error', 'sudo needs a password — cosi never types passwords'],
      ['e4', 'error', 'sudo is not installed on the host'],
      ['e5', 'error', 'neither docker nor curl on the host to read this socket'],
      ['e6', 'down', 'no such socket'],
      ['e7', 'down', 'not running (connection refused)'],
      ['e8', 'error', 'the SSH server forbids socket forwarding (AllowStreamLocalForwarding) — try --via or --sudo'],
      ['e9', 'down', 'the SSH server could not open the socket (daemon stopped?)'],
      ['e10', 'error', 'no socket access on this transport'],
      ['e11', 'error', 'no shell on this transport'],
      ['e12', 'error', 'no answer from the host (the shell timed out or closed)'],
      ['e13', 'error', 'engine answer over 8 MiB limit'],
    ];
    const raw = load('test/fixtures/snapshots/old-engine-errors.cosi.json');
    expect(shown(raw)).toEqual(before);
    expect(raw.engines.map((e) => e.failure?.code)).toEqual([
      'socket-activated', 'unit-unknown', 'permission-denied', 'sudo-password', 'no-sudo', 'no-tool', 'no-socket', 'refused',
      'forwarding-forbidden', 'forward-failed', 'no-socket-access', 'no-shell', 'no-answer', 'other',
    ]);
  });

  it('the bundled CoreOS demo (an old file) still shows its socket-activated docker', () => {
    const raw = load('demo/coreos.cosi.json');
    expect(raw.engines[0].failure).toEqual({ code: 'socket-activated' });
    const rows = enginesView(buildModel(raw), {}, '').rows.map((r) => r.cells.join(' | '));
    expect(rows.find((r) => r.includes('socket-activated, not running'))).toBeDefined();
  });

  it('a new file stores the code, not the sentence, and reads back the same', () => {
    const raw = load('test/fixtures/snapshots/old-engine-errors.cosi.json');
    raw.engines.push({ socket: '/run/x.sock', name: 'x', via: 'cli', answers: {}, failure: describeFailure('Error: daemon said no\nmore') });
    const text = JSON.stringify(raw);
    expect(text).not.toMatch(/"error"|permission denied|socket-activated, not running/);
    expect(text).toContain('"failure":{"code":"other","detail":"Error: daemon said no"}');
    const again = parseSnapshot(text, 'new.cosi.json');
    expect(again.engines).toEqual(raw.engines);
    expect(shown(again)).toEqual(shown(raw));
  });

  it('a code this cosi does not know (a newer file) shows as its detail or its code', () => {
    const raw = load('test/fixtures/snapshots/old-engine-errors.cosi.json');
    const text = JSON.stringify({ ...raw, engines: [
      { socket: '/a.sock', name: 'a', via: 'api', answers: {}, failure: { code: 'quota', detail: 'over quota' } },
      { socket: '/b.sock', name: 'b', via: 'api', answers: {}, failure: { code: 'quota' } },
    ] });
    expect(shown(parseSnapshot(text, 'newer.cosi.json'))).toEqual([['a', 'error', 'over quota'], ['b', 'error', 'quota']]);
  });
});
