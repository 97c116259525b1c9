import { describe, expect, it } from 'vitest';
import { line } from '../../../parsers/log-line.js';
import { buildWarnings } from '../../../src/model/warnings.js';
import type { HostModel } from '../../../src/model/types.js';
import { ringAppend } from '../../../src/store/logs.js';
import type { AppState, LogsData } from '../../../src/store/types.js';
import { applyKey } from '../../../views/key-reducer.js';
import { frameState, renderState } from '../../../views/render-frame.js';
import { coreos } from '../../fixtures/models/coreos.js';
import { rancheros } from '../../fixtures/models/rancheros.js';
import { expectGolden } from './golden.js';
import { cursorLine, strip } from './helpers.js';
import { DOCKER, JOURNAL, logsState, numbered } from './logs-state.js';

const plainOf = (s: AppState): string => renderState(s, { color: false });
const colorOf = (s: AppState): string => renderState(s, { color: true });
const keys = (s: AppState, ks: string[]): AppState => ks.reduce((x, k) => applyKey(x, k).state, s);
const body = (s: AppState): string[] => plainOf(s).split('\n').slice(3, -2);
const REC = { target: 'rec', label: 'container rec (docker)' };

describe('Logs tab golden frames (review by eye; UPDATE_GOLDEN=1 rewrites)', () => {
  it("a unit that failed to start: PID 1's lines about it, at 100x30 and 80x24", () => {
    expectGolden('logs-unit-100x30', plainOf(logsState(JOURNAL)));
    expectGolden('logs-unit-80x24', plainOf(logsState(JOURNAL, { cols: 80, rows: 24 })));
  });

  it('a container with escapes in its output, a 16 KiB line and an invalid byte, at 100x30 and 80x24', () => {
    expectGolden('logs-container-100x30', plainOf(logsState(DOCKER, { target: REC, from: 'docker' })));
    expectGolden('logs-container-80x24', plainOf(logsState(DOCKER, { target: REC, from: 'docker', cols: 80, rows: 24 })));
  });

  it('before any L, and while the first read runs', () => {
    const none = frameState(coreos, { tab: 'logs', cols: 100, rows: 30, conn: { state: 'live' } });
    expect(plainOf(none)).toContain('No logs open. L on a row of Services or Engines, or on an Overview warning, opens its logs.');
    const loading = logsState([], { data: { state: 'loading' } });
    expect(plainOf(loading)).toContain('reading the logs of unit broken.service…');
    const snap = { ...logsState([]), logs: null, conn: { state: 'static' as const } };
    expect(plainOf(snap)).toContain('This snapshot has no logs');
  });

  it('an error and the notes are said under the title', () => {
    const s = logsState([], { data: { state: 'error', error: "unknown unit 'nope.service' on core@host" } });
    expect(body(s)[1].trimEnd()).toBe("unknown unit 'nope.service' on core@host");
    expect(colorOf(s)).toContain("\x1b[31munknown unit 'nope.service'");
  });
});

describe('what a line looks like', () => {
  it('is sanitized: no escape byte of the host reaches the screen', () => {
    const f = plainOf(logsState(DOCKER, { target: REC, from: 'docker' }));
    expect(f).toContain('\\e[2J\\e]0;pwned\\x07clear');
    // eslint-disable-next-line no-control-regex
    expect(f).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f]/);
  });

  it('priority err red, warning yellow, a container stderr magenta; the time dim', () => {
    const ctx = { source: 'journal', target: 'x.service' };
    const lines = [line(ctx, '2026-12-01T14:00:00Z', 'x[1]', 3, 'an error'), line(ctx, '2026-12-01T14:00:01Z', 'x[1]', 4, 'a warning'), line(ctx, '2026-12-01T14:00:02Z', 'stderr', null, 'on stderr'), line(ctx, '2026-12-01T14:00:03Z', 'x[1]', 6, 'just info')];
    const f = colorOf(logsState(lines));
    expect(f).toContain('\x1b[31mx[1]: an error');
    expect(f).toContain('\x1b[33mx[1]: a warning');
    expect(f).toContain('\x1b[35mon stderr');
    expect(f).toMatch(/\x1b\[2m12-01 14:00:03 \x1b\[22mx\[1\]: just info/);
  });
});

describe('Logs keys', () => {
  const services = (model: HostModel, ks: string[]): AppState => keys(frameState(model, { tab: 'services', cols: 100, rows: 30, conn: { state: 'live' } }), ks);

  it('L on a unit row opens its logs and asks for a read; Esc returns to the same row and filter', () => {
    const before = services(coreos, ['/', ...'docker.service', 'enter', 'n']);
    const line0 = cursorLine(renderState(before, { color: true }));
    const r = applyKey(before, 'L');
    expect(r.effect).toBe('logs');
    expect(r.state.ui.tab).toBe('logs');
    expect(r.state.ui.logs.target).toEqual({ target: 'docker.service', label: 'unit docker.service' });
    const back = applyKey(r.state, 'escape').state;
    expect(back.ui.tab).toBe('services');
    expect(cursorLine(renderState(back, { color: true }))).toBe(line0);
    expect(strip(renderState(back, { color: false }))).toContain('filter: docker.service');
  });

  it("L on a process reads its unit's logs; on a container (Engines, its details, a system-docker service) the container's", () => {
    const pid = services(coreos, ['/', ...'dockerd', 'enter', 'n']);
    expect(cursorLine(renderState(pid, { color: true }))).toMatch(/dockerd/);
    expect(applyKey(pid, 'L').state.ui.logs.target?.target).toBe('docker.service');
    const eng = keys(frameState(rancheros, { tab: 'engines', cols: 100, rows: 30 }), ['j', 'j']);
    expect(applyKey(eng, 'L').state.ui.logs.target).toEqual({ target: 'web', label: 'container web (docker)' });
    const detail = keys(eng, ['enter']);
    const fromDetail = applyKey(detail, 'L').state;
    expect(fromDetail.ui.logs.target?.target).toBe('web');
    const backToDetail = applyKey(fromDetail, 'escape').state;
    expect(plainOf(backToDetail)).toContain('Container details');
    const ros = keys(frameState(rancheros, { tab: 'services', cols: 100, rows: 30 }), ['j']);
    expect(applyKey(ros, 'L').state.ui.logs.target?.label).toMatch(/^container \w+ \(system-docker\)$/);
  });

  it('L on an Overview warning reads what it is about; where there is nothing to read, a sentence says so', () => {
    const units = [...(coreos.units ?? []), { name: 'nostart.service', load: 'loaded', active: 'failed', sub: 'failed', description: 'cannot start' }];
    const partial = { ...coreos, units };
    const model = { ...partial, warnings: buildWarnings(partial) };
    const s = frameState(model, { tab: 'overview', cols: 100, rows: 30 });
    expect(applyKey(s, 'L').state.ui.logs.target?.target).toBe('nostart.service');
    const mounts = keys(frameState(coreos, { tab: 'mounts', cols: 100, rows: 30 }), ['L']);
    expect(mounts.ui.tab).toBe('mounts');
    expect(mounts.flash?.text).toMatch(/^no logs for this row/);
  });

  it('j/k/g/G scroll; scrolled up the view stays put while lines arrive, and the title counts them', () => {
    const s = logsState(numbered(100), { keys: ['k', 'k'] });
    expect(body(s).at(-1)).toMatch(/line 97$/);
    const grown: AppState = { ...s, logs: ringAppend(s.logs!, numbered(5, 100), 10_000) };
    expect(body(grown).at(-1)).toMatch(/line 97$/);
    expect(body(grown)[0]).toContain('5 new lines below (G)');
    const atEnd = applyKey(grown, 'G').state;
    expect(body(atEnd).at(-1)).toMatch(/line 104$/);
    expect(body(atEnd)[0]).not.toContain('new lines');
    expect(body(applyKey(atEnd, 'g').state)[1]).toMatch(/line 0 needle$/);
    // sticking to the end, new lines scroll in
    const more: AppState = { ...atEnd, logs: ringAppend(atEnd.logs!, numbered(1, 105), 10_000) };
    expect(body(more).at(-1)).toMatch(/line 105 needle$/);
  });

  it('f follows (and asks for a read); on a snapshot it says it cannot', () => {
    const r = applyKey(logsState(JOURNAL), 'f');
    expect(r.effect).toBe('logs');
    expect(r.state.ui.logs.follow).toBe(true);
    expect(body(r.state)[0]).toContain('· following');
    expect(applyKey(r.state, 'f').state.ui.logs.follow).toBe(false);
    const snap = applyKey({ ...logsState(JOURNAL), conn: { state: 'static' } }, 'f').state;
    expect(snap.ui.logs.follow).toBe(false);
    expect(snap.flash?.text).toContain('a snapshot');
  });

  it('/ marks the matches, n/N go from match to match', () => {
    const s = logsState(numbered(100), { keys: ['/', ...'needle', 'enter'] });
    expect(colorOf(s)).toContain('\x1b[7mneedle');
    const n1 = applyKey(s, 'n').state;
    const first = n1.ui.logs.match!;
    expect(n1.logs!.lines[first].message).toContain('needle');
    const n2 = applyKey(n1, 'n').state;
    expect(n2.ui.logs.match).toBe(first + 7 >= 100 ? 0 : first + 7);
    expect(applyKey(n2, 'N').state.ui.logs.match).toBe(first);
    expect(body(applyKey(logsState(numbered(100), { keys: ['g'] }), 'n').state).join('\n')).toBe(body(logsState(numbered(100), { keys: ['g'] })).join('\n'));
  });

  it('w wraps the long line onto the following rows; t hides the timestamps', () => {
    const s = logsState(DOCKER, { target: REC, from: 'docker' });
    const wrapped = applyKey(s, 'w').state;
    expect(body(s).filter((l) => /^x{20}/.test(l))).toHaveLength(0);
    expect(body(wrapped).filter((l) => /^x{100}$/.test(l)).length).toBeGreaterThan(5);
    const t = applyKey(s, 't').state;
    expect(body(t)[1].trimEnd()).toBe('err one');
  });
});

describe('the ring', () => {
  it('holds at most its bound; the oldest go first and positions stay on their lines', () => {
    let d: LogsData = { request: 1, target: REC, state: 'ok', lines: [], first: 0, from: 'docker', error: null, notes: [] };
    for (let i = 0; i < 50; i++) d = ringAppend(d, numbered(1000, i * 1000), 10_000);
    expect(d.lines).toHaveLength(10_000);
    expect(d.first).toBe(40_000);
    expect(d.lines[0].message).toBe('line 40000');
    expect(d.lines.at(-1)!.message).toBe('line 49999');
    const s = logsState(d.lines, { data: { first: d.first }, keys: ['g'] });
    expect(body(s)[1]).toMatch(/line 40000$/);
  });
});
