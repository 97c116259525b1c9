// q and Ctrl-C in a real terminal (tmux), in every state: while "connecting…" to a --via command
// that never answers or to an SSH server that never speaks, and in the live TUI. cosi exits at
// once, its "connecting to" line is not left on the screen, and nothing it started keeps running.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killTagged, leftovers } from '../support/tagged.js';
import { tmuxPane } from './support/tmux.js';

const pane = tmuxPane('cosi-quit-test');
const shq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Runs `cosi ARGS` in a fresh pane, tagged; the pane then prints "EXIT=<status>". Returns the tag. */
function startInTmux(args: string[]): string {
  const tag = randomBytes(6).toString('hex');
  const cmd = ['cd', shq(process.cwd()), '&&', `COSI_TEST_TAG=${tag}`, shq(process.execPath), '--import', 'tsx', 'src/cli.ts', ...args.map(shq)].join(' ');
  pane.start(`sleep 1; ${cmd}; echo "EXIT=$?"; sleep 600`, 120, 30);
  return tag;
}
const waitScreen = pane.waitScreen;
const key = (k: string) => pane.tmux(['send-keys', '-t', 'cosi', k]);

// An SSH "server" that accepts and never says a word.
let mute: Server;
let mutePort = 0;
const sockets: Socket[] = [];

beforeAll(async () => {
  expect(() => execFileSync('tmux', ['-V']), 'tmux is needed (test/lab/install.sh)').not.toThrow();
  mute = createServer((s) => sockets.push(s));
  await new Promise<void>((r) => mute.listen(0, '127.0.0.1', () => r()));
  mutePort = (mute.address() as { port: number }).port;
});
afterAll(() => {
  pane.kill();
  for (const s of sockets) s.destroy();
  mute?.close();
});

const NEVER = ['connect', '--via', 'sleep 1000; echo never'];

describe('quitting while connecting', () => {
  it.each([
    ['q', 'q', 0],
    ['Ctrl-C', 'C-c', 130],
  ])('%s to a --via command that never answers: cosi exits, the line is gone, nothing keeps running', async (_name, k, code) => {
    const tag = startInTmux(NEVER);
    await waitScreen(/cosi: connecting to via sleep 1000; echo never \.\.\./);
    key(k);
    const after = await waitScreen(/EXIT=\d+/);
    expect(after).toContain(`EXIT=${code}`);
    expect(after).not.toContain('connecting to');
    expect(await leftovers(tag)).toEqual([]);
  });

  it('q to an SSH server that never answers: cosi exits at once', async () => {
    const tag = startInTmux(['connect', `nobody@127.0.0.1:${mutePort}`, '-F', '/dev/null']);
    await waitScreen(/cosi: connecting to nobody@127\.0\.0\.1/);
    key('q');
    const after = await waitScreen(/EXIT=\d+/);
    expect(after).toContain('EXIT=0');
    expect(after).not.toContain('connecting to');
    expect(await leftovers(tag)).toEqual([]);
  });
});

describe('quitting the live TUI', () => {
  it('q: the terminal is back without the "connecting to" line, and the shell is gone', async () => {
    const tag = startInTmux(['connect', '--local', '--refresh', '1']);
    await waitScreen(/● live/);
    key('q');
    const after = await waitScreen(/EXIT=\d+/);
    expect(after).toContain('EXIT=0');
    expect(after).not.toContain('connecting to');
    expect(await leftovers(tag)).toEqual([]);
  });

  it('q while a reconnect hangs (the --via shell died; its successor never answers): cosi exits, nothing left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cosi-quit-'));
    try {
      // The first shell is a real one; every later one never answers.
      const flag = join(dir, 'first');
      const tag = startInTmux(['connect', '--via', `[ -e ${flag} ] && exec sleep 1000; : > ${flag}; exec sh`, '--refresh', '1']);
      await waitScreen(/● live/);
      // Kill the live shell (not cosi): the next refresh starts the one that never answers.
      killTagged(tag, (p) => !p.includes('src/cli.ts'));
      await waitScreen(/stale|retry|connecting|reconnect/i);
      key('q');
      const after = await waitScreen(/EXIT=\d+/);
      expect(after).toContain('EXIT=0');
      expect(await leftovers(tag)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
