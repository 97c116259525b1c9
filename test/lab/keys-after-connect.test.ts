// Keys reach the TUI on every start, whichever comes first: the target's first answer or the
// TUI's code being loaded. `cosi connect --via sh` answers at once (the first tick lands before the
// TUI has loaded); a shell that answers a few seconds late (as a slow SSH login does) lands after
// it. Each start must switch tabs on `3` then `2`. Runs the built cosi (bin/cosi.js), as a user does.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killTagged, leftovers } from '../support/tagged.js';
import { REPO_DIR } from './lib/paths.js';
import { requireBuilt } from './support/peers.js';
import { tmuxPane } from './support/tmux.js';

const pane = tmuxPane('cosi-keys-test');
const shq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const key = (k: string) => pane.tmux(['send-keys', '-t', 'cosi', k]);

beforeAll(() => {
  expect(() => execFileSync('tmux', ['-V']), 'tmux is needed (test/lab/install.sh)').not.toThrow();
  requireBuilt();
});
afterAll(() => pane.kill());

// Three starts of each kind: the first tick before the TUI module is loaded, and after it.
const STARTS = [1, 2, 3, 4, 5, 6].map((n) => ({ n, via: n % 2 ? 'sh' : 'sleep 4; exec sh' }));

describe('keys after connecting', () => {
  it.each(STARTS)('start $n (--via $via): 3 then 2 switch tabs', async ({ via }) => {
    const tag = randomBytes(6).toString('hex');
    const cmd = ['cd', shq(REPO_DIR), '&&', `COSI_TEST_TAG=${tag}`, shq(process.execPath), 'bin/cosi.js', 'connect', '--via', shq(via), '--refresh', '5'].join(' ');
    pane.start(`${cmd}; echo "EXIT=$?"; sleep 600`, 120, 30);
    try {
      await pane.waitScreen(/● live/);
      key('3');
      await pane.waitScreen(/\[3 Mounts\]/);
      key('2');
      await pane.waitScreen(/\[2 Services\]/);
      key('q');
      expect(await pane.waitScreen(/EXIT=\d+/)).toContain('EXIT=0');
      expect(await leftovers(tag)).toEqual([]);
    } finally {
      pane.kill();
      killTagged(tag);
    }
  });
});
