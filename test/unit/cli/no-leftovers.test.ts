import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cosi } from '../../support/cli.js';
import { leftovers } from '../../support/tagged.js';

// Issue 11 item 6: a timeout or byte cap used to kill only the direct child: `--via 'sleep 1000'`
// never exited after its timeout, `--via yes` spun forever after the cap. Every child now runs in
// its own process group, killed whole; cosi exits and nothing it started is left.
const tag = () => randomBytes(6).toString('hex');

// Each test starts cosi (tsx) up to four times: on a loaded machine that is more than the default 20 s.
describe('cosi snapshot leaves nothing running', { timeout: 90_000 }, () => {
  it('--via a command that never answers: exits after --timeout with the reason, and the command is gone', async () => {
    const t = tag();
    // `sleep` under a shell that waits for it: the direct child is the shell, the sleeper its child.
    const r = cosi(['snapshot', '--via', 'sleep 1000; echo never', '--json', '--timeout', '1'], { env: { COSI_TEST_TAG: t } });
    expect(r.stderr).toContain('cosi: via sleep 1000; echo never: nothing received for 1 s');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(await leftovers(t)).toEqual([]);
  });

  it('--via yes: stops at the byte cap, exits, and `yes` is gone', async () => {
    const t = tag();
    const r = cosi(['snapshot', '--via', 'yes; echo never', '--json'], { env: { COSI_TEST_TAG: t } });
    expect(r.stderr).toMatch(/cosi: via yes; echo never: the probe printed more than \d+ bytes; stopped/);
    expect(r.status).toBe(1);
    expect(await leftovers(t)).toEqual([]);
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('%s while probing: cosi dies of it and takes the --via command with it', async (sig) => {
    const t = tag();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'snapshot', '--via', 'sleep 1000; echo never', '--json'], {
      env: { ...process.env, COSI_TEST_TAG: t },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    const exited = new Promise<NodeJS.Signals | null>((done) => child.once('exit', (_code, signal) => done(signal)));
    await new Promise<void>((probing) =>
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (stderr.includes('probing')) probing();
      }),
    );
    child.kill(sig);
    expect(await exited).toBe(sig);
    expect(await leftovers(t)).toEqual([]);
  });

  it('--timeout is in the help and takes whole seconds from 1', async () => {
    for (const cmd of ['connect', 'snapshot']) expect(cosi([cmd, '--help']).stdout).toContain('--timeout SECONDS');
    expect(cosi(['--help']).stdout).toContain('--timeout SECONDS');
    const bad = cosi(['snapshot', '--local', '--json', '--timeout', '0']);
    expect([bad.status, bad.stderr]).toEqual([2, "cosi: --timeout takes a number from 1 to 3600, not '0'\nTry 'cosi --help'.\n"]);
  });
});
