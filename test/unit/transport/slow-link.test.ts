import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ChildShellChannel } from '../../../src/transport/child-shell.js';
import { leftovers } from '../../support/tagged.js';

// Issue 11 item 8: the tick deadline counts from the last byte received, so a slow link that keeps
// sending finishes its tick; an overall cap still ends a host that dribbles forever.
const channels: ChildShellChannel[] = [];
afterEach(async () => {
  for (const c of channels.splice(0)) await c.close();
  delete process.env.COSI_TEST_TAG;
});

function shell(): ChildShellChannel {
  const c = new ChildShellChannel({ kind: 'local', label: 'local' }, '/bin/sh', []);
  channels.push(c);
  return c;
}

/** One byte every 0.25 s, `n` times (forever when n is 0), then the terminator. */
const dribble = (n: number) => `i=0; while [ ${n} -eq 0 ] || [ $i -lt ${n} ]; do printf x; sleep 0.25; i=$((i+1)); done; printf '\\n%s\\n' END\n`;

describe('a tick that is still receiving', () => {
  it('finishes although it takes longer than the silence deadline', async () => {
    const c = shell();
    await c.open();
    // 4 s of bytes, never 2 s without one.
    const out = await c.run(dribble(16), 'END', { timeoutMs: 2000, totalMs: 60_000, maxBytes: 1000 });
    expect(out).toBe(`${'x'.repeat(16)}\n`);
  });

  it('is ended by the overall cap, with the reason, and leaves no process behind', async () => {
    const tag = randomBytes(6).toString('hex');
    process.env.COSI_TEST_TAG = tag;
    const c = shell();
    await c.open();
    // The silence deadline is longer than the cap here, so only the cap can end it.
    await expect(c.run(dribble(0), 'END', { timeoutMs: 60_000, totalMs: 2500, maxBytes: 1000 })).rejects.toMatchObject({
      reason: 'timeout',
      message: 'local: no complete answer within 2.5 s',
    });
    expect(await leftovers(tag)).toEqual([]);
  });

  it('a silent one is ended by the silence deadline', async () => {
    const c = shell();
    await c.open();
    await expect(c.run('sleep 30\n', 'END', { timeoutMs: 1000, totalMs: 60_000, maxBytes: 1000 })).rejects.toMatchObject({
      reason: 'timeout',
      message: 'local: nothing received for 1 s',
    });
  });
});
