import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { interpretLogs } from '../../../src/logs/answer.js';
import { buildLogsScript, logsTerminator, readLogsSteps, type LogsRequest } from '../../../src/logs/script.js';
import { probeShells } from '../../support/shells.js';

// `cosi logs --host-root DIR`: plain log files, a service's own log and a pod's CRI files are read
// under DIR (a name with a space and a quote), from a recorded host tree in a temporary directory.

let root = '';
const put = (rel: string, text: string) => {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), text);
};

beforeAll(() => {
  root = join(mkdtempSync(join(tmpdir(), 'cosi-logs-hr-')), "node's root");
  put('var/log/messages', 'Dec  1 10:00:01 node kernel: first\nDec  1 10:00:02 node ntpd[12]: synced\n');
  put('var/log/acpid.log', 'acpid: started\n');
  put('var/log/pods/default_web-0_1111/app/0.log', '2026-12-01T10:00:00.000000000Z stdout F old\n');
  put('var/log/pods/default_web-0_1111/app/1.log', '2026-12-01T10:00:05.000000000Z stdout F current\n');
});

function read(shell: [string, string[]], target: string) {
  const req: LogsRequest = { target, lines: 50, sudo: false, capBytes: 1 << 20, hostRoot: root };
  const script = buildLogsScript(req, 'N', 'cli');
  const r = spawnSync(shell[0], [...shell[1]], { input: script, encoding: 'utf8', timeout: 20_000 });
  expect(r.stdout).toContain(logsTerminator('N'));
  return interpretLogs(req, readLogsSteps(r.stdout, 'N'), 'node');
}

describe.each(probeShells())('cosi logs under a host root, %s', (_name, cmd, args) => {
  it('reads a plain file by its host path', () => {
    const res = read([cmd, args], '/var/log/messages');
    expect(res.ok && res.lines.map((l) => l.message)).toEqual(['first', 'synced']);
  });
  it("reads a service's own log file on a host without systemd", () => {
    const res = read([cmd, args], 'acpid');
    expect(res.ok && res.lines.map((l) => l.message)).toEqual(['acpid: started']);
  });
  it("reads a pod's current CRI file", () => {
    const res = read([cmd, args], 'pod/default/web-0');
    expect(res.ok && res.lines.map((l) => l.message)).toEqual(['current']);
  });
});
