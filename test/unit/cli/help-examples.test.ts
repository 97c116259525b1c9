import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_HELP, MAIN_HELP } from '../../../src/cli/help.js';
import { cosiBinDir, runPrinted } from '../../support/cli.js';

// Every example a --help shows is a command that works as printed. They use the bundled demo
// snapshots and this machine (--local), never the network; `cosi` is this checkout.
const HELPS: [string, string][] = [['cosi --help', MAIN_HELP], ...Object.entries(COMMAND_HELP).map(([c, t]): [string, string] => [`cosi ${c} --help`, t])];

/** The lines of a help's "Examples:" block. */
function examples(help: string): string[] {
  const block = /\nExamples:\n((?: {2}.*\n)+)/.exec(help);
  return block ? block[1].split('\n').filter(Boolean).map((l) => l.trim()) : [];
}

const BIN = cosiBinDir();
const hasJq = spawnSync('sh', ['-c', 'command -v jq']).status === 0;

describe('help examples', () => {
  it('no help gives an "e.g." that is not a whole command: examples are lines of an Examples block', () => {
    for (const [, text] of HELPS) expect(text).not.toMatch(/e\.g\./);
    expect(HELPS.filter(([, t]) => examples(t).length > 0).map(([n]) => n)).toEqual(['cosi --help', 'cosi snapshot --help', 'cosi open --help', 'cosi demo --help', 'cosi logs --help', 'cosi screenshot --help']);
  });

  it.each(HELPS.filter(([, t]) => examples(t).length > 0))('%s: every example runs as printed', (_name, text) => {
    const cwd = mkdtempSync(join(tmpdir(), 'cosi-example-'));
    for (const line of examples(text)) {
      expect(line).toMatch(/^cosi /);
      if (line.includes('| jq') && !hasJq) continue; // jq is the user's tool, not cosi's
      const r = runPrinted(line, BIN, cwd);
      expect({ line, status: r.status, stderr: r.stderr.split('\n').filter((l) => !/^cosi: (probing|\d+ sections|reading the logs of|wrote|no log lines for)/.test(l)).join('\n') }).toEqual({ line, status: 0, stderr: '' });
      expect(r.stdout.trim(), line).not.toBe('null');
      const out = / -o (\S+)/.exec(line)?.[1];
      if (out) expect(existsSync(join(cwd, out)) && statSync(join(cwd, out)).size > 0, `${line} wrote ${out}`).toBe(true);
    }
  }, 180_000); // a fresh tsx per example, on shared CPUs
});
