import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cosiAsync } from '../../support/cli.js';
import { leftovers } from '../../support/tagged.js';

// `cosi logs --local FILE -f` on a plain file in a temp dir: the first lines, then lines appended
// later (read from the file's last size, as the Logs tab follows), until a signal; cosi exits 0
// and the shell it started is gone. Waits for output instead of sleeping a fixed time.
const year = new Date().getFullYear();

function follow(file: string, tag: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'logs', '--local', file, '-f', '-p', 'info'], { env: { ...process.env, COSI_TEST_TAG: tag }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  const until = async (text: string): Promise<void> => {
    for (let waited = 0; !stdout.includes(text); waited += 100) {
      if (waited > 60_000) throw new Error(`no '${text}' after 60 s; stdout: ${stdout}; stderr: ${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return { child, exited, until, out: () => stdout, err: () => stderr };
}

describe('cosi logs -f', { timeout: 120_000 }, () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('prints appended lines as they arrive, each once; %s ends it with exit 0 and nothing left running', async (sig) => {
    const d = mkdtempSync(join(tmpdir(), 'cosi-follow-'));
    const file = join(d, 'messages');
    writeFileSync(file, 'Dec  1 14:00:00 h user.err app: first\n');
    const tag = randomBytes(6).toString('hex');
    const f = follow(file, tag);
    await f.until('first');
    appendFileSync(file, 'Dec  1 14:00:01 h user.info app: second\nDec  1 14:00:02 h user.debug app: too chatty\n');
    await f.until('second');
    appendFileSync(file, 'Dec  1 14:00:03 h user.warning app: third\n');
    await f.until('third');
    f.child.kill(sig);
    expect(await f.exited).toEqual({ code: 0, signal: null });
    expect(f.out()).toBe(`${year}-12-01T14:00:00 err app: first\n${year}-12-01T14:00:01 info app: second\n${year}-12-01T14:00:03 warning app: third\n`);
    expect(f.err()).toBe('');
    expect(await leftovers(tag)).toEqual([]);
  });

  it('is a usage error with a snapshot (exit 2)', async () => {
    const r = await cosiAsync(['logs', '--demo', 'coreos', 'broken.service', '-f']);
    expect([r.status, r.stderr.split('\n')[0]]).toEqual([2, 'cosi: -f follows a live host; a snapshot has only the lines it stored']);
  });
});
