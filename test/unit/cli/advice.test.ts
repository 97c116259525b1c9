import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cosi, cosiBinDir, runPrinted } from '../../support/cli.js';

// Any command cosi tells the user to type works as printed: each refusal below names one
// command, and the test runs it (bash, this checkout's cosi on PATH) and it succeeds.
const BIN = cosiBinDir();
const demo = join(process.cwd(), 'demo/coreos.cosi.json'); // as the user typed it

describe('advice is a command that works as printed', () => {
  it.each([
    ['the TUI without a terminal: connect', ['connect', '--local'], 'cosi snapshot --local --json'],
    ['the TUI without a terminal: open', ['open', demo], `cosi open ${demo} --json`],
    ['the TUI without a terminal: demo', ['demo', 'coreos'], 'cosi screenshot --demo coreos -o coreos.txt'],
    ['--snapshot given to snapshot', ['snapshot', '--snapshot', demo, '--json'], `cosi open ${demo} --json`],
    ['--demo given to connect', ['connect', '--demo', 'coreos'], 'cosi demo coreos'],
  ])('%s', (_name, args, advice) => {
    const r = cosi(args);
    expect(r.status).not.toBe(0);
    const printed = /run: (cosi .*)$/m.exec(r.stderr)?.[1];
    expect(printed).toBe(advice);
    if (advice === 'cosi demo coreos') return; // the TUI itself: shown, not run here (no terminal)
    const cwd = mkdtempSync(join(tmpdir(), 'cosi-advice-'));
    const run = runPrinted(advice, BIN, cwd);
    expect({ status: run.status, stderr: run.stderr.replace(/^cosi: (probing|\d+ sections|reading the logs|wrote).*\n/gm, '') }).toEqual({ status: 0, stderr: '' });
  }, 120_000);
});
