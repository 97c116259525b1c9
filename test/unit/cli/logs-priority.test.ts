import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildLogsScript } from '../../../src/logs/script.js';
import { atPriority, parsePriority } from '../../../src/logs/priority.js';
import { cosiAsync, type CliResult } from '../../support/cli.js';

// `cosi logs -p PRIORITY`: journalctl is asked with --priority (a stand-in journalctl prints the
// recorded journal of the lab's broken.service, all four levels, and records how it was called);
// other sources' parsed lines are filtered by their priority where it is known.
const FIX = new URL('../../fixtures/logs/', import.meta.url).pathname;
const DEMO = new URL('../../../demo/', import.meta.url).pathname;
let dir: string;
const via = (): string => `env PATH=${dir}:/usr/bin:/bin sh`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cosi-logs-p-'));
  writeFileSync(join(dir, 'calls'), '');
  writeFileSync(join(dir, 'journalctl'), `#!/bin/sh\necho "journalctl $*" >> ${dir}/calls\ncat ${FIX}journal-broken.jsonl\n`);
  writeFileSync(join(dir, 'systemctl'), '#!/bin/sh\necho loaded\n');
  for (const f of ['journalctl', 'systemctl']) chmodSync(join(dir, f), 0o755);
});

describe('priority values', () => {
  it('names and numbers as journalctl -p takes one level; anything else is none', () => {
    expect(['emerg', 'ERR', 'warning', 'debug', '0', '7'].map(parsePriority)).toEqual([0, 3, 4, 7, 0, 7]);
    expect(['8', 'error', 'err..info', '', '22'].map(parsePriority)).toEqual([null, null, null, null, null]);
  });

  it('the journal script asks journalctl for the level; without -p it does not', () => {
    const req = { target: 'broken.service', lines: 50, sudo: false, capBytes: 1 << 20 };
    expect(buildLogsScript({ ...req, priority: 3 }, 'N')).toContain("_cl journal journalctl '--no-pager' '-o' 'json' '-n' '50' '--priority=3' _SYSTEMD_UNIT='broken.service' + _PID=1 UNIT='broken.service'");
    expect(buildLogsScript(req, 'N')).not.toMatch(/--priority/);
  });

  it('filtering keeps the level and the more important, and lines whose level is not known', () => {
    const l = (priority: number | null) => ({ time: null, source: 's', target: 't', stream: null, priority, message: String(priority) });
    expect(atPriority([l(7), l(4), l(null), l(3), l(0)], 4).map((x) => x.priority)).toEqual([4, null, 3, 0]);
    expect(atPriority([l(7)], undefined)).toHaveLength(1);
  });
});

describe('cosi logs -p', () => {
  let warn: CliResult, byName: CliResult, port: CliResult, bad: CliResult, file: CliResult, snap: CliResult;
  let d: string;
  beforeAll(async () => {
    d = mkdtempSync(join(tmpdir(), 'cosi-logfile-p-'));
    writeFileSync(join(d, 'messages'), ['Dec  1 14:00:00 rancher user.err root: disk full', 'Dec  1 14:00:01 rancher user.info root: all fine', 'Dec  1 14:00:02 rancher kernel: eth0 up', ''].join('\n'));
    [warn, byName, port, bad, file, snap] = await Promise.all([
      cosiAsync(['logs', '--via', via(), 'broken.service', '-p', '4', '--json']),
      cosiAsync(['logs', '--via', via(), 'broken.service', '--priority', 'err']),
      cosiAsync(['logs', '-p', '2222', 'nohost.invalid', 'broken.service', '--timeout', '1']),
      cosiAsync(['logs', '--via', via(), 'broken.service', '--priority', 'loud']),
      cosiAsync(['logs', '--local', join(d, 'messages'), '-p', 'err']),
      cosiAsync(['logs', '--snapshot', `${DEMO}coreos.cosi.json`, 'broken.service', '-p', 'warning']),
    ]);
  }, 120_000);

  it('the journal: journalctl asked with --priority, and only lines at that level or above printed', () => {
    const calls = readFileSync(join(dir, 'calls'), 'utf8');
    expect(calls).toContain('journalctl --no-pager -o json -n 200 --priority=4 _SYSTEMD_UNIT=broken.service + _PID=1 UNIT=broken.service');
    expect(calls).toContain('journalctl --no-pager -o json -n 200 --priority=3 _SYSTEMD_UNIT=broken.service');
    expect(warn.status).toBe(0);
    expect(warn.stdout.trim().split('\n').map((l) => JSON.parse(l).priority)).toEqual([4, 3]);
    expect([byName.status, byName.stdout]).toEqual([0, "2026-12-01T13:39:05.238553Z err systemd[1]: Failed to start broken.service - Deliberately failing unit (cosi lab).\n"]);
  });

  it('a -p that is no level is still the SSH port; a bad --priority is a usage error', () => {
    expect(port.stderr).not.toMatch(/priority/);
    expect(port.stderr).toMatch(/nohost\.invalid/);
    expect([bad.status, bad.stderr.split('\n')[0]]).toEqual([2, "cosi: --priority takes emerg, alert, crit, err, warning, notice, info, debug or 0 to 7, not 'loud'"]);
  });

  it('a plain file and a snapshot: the parsed lines filtered where their level is known', () => {
    const year = new Date().getFullYear();
    expect([file.status, file.stdout]).toEqual([0, `${year}-12-01T14:00:00 err root: disk full\n${year}-12-01T14:00:02 kernel: eth0 up\n`]);
    expect(snap.status).toBe(0);
    expect(snap.stdout.trim().split('\n').map((l) => l.split(' ')[1])).toEqual(['warning', 'err']);
  });
});
