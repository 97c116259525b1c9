import { afterEach, describe, expect, it } from 'vitest';
import { render, cleanup } from 'ink-testing-library';
import { Text, useInput } from 'ink';
import { useState } from 'react';
import { keyName } from '../../../src/keys/names.js';

afterEach(() => cleanup());

function Probe() {
  const [names, setNames] = useState<string[]>([]);
  useInput((input, key) => {
    const n = keyName(input, key);
    if (n) setNames((x) => [...x, n]);
  });
  return <Text>{names.join(',')}</Text>;
}

describe('terminal input -> key names of the key table', () => {
  it('maps what a terminal sends for each special key', async () => {
    const app = render(<Probe />);
    const seqs = ['\x1b[A', '\x1b[B', '\x1b[C', '\x1b[D', '\x1b[5~', '\x1b[6~', '\x1b[H', '\x1b[F', '\r', '\t', '\x1b[Z', '\x7f', ' ', 'G', '/', '?', '\x03'];
    for (const s of seqs) {
      app.stdin.write(s);
      await new Promise((r) => setTimeout(r, 15));
    }
    expect(app.lastFrame()).toBe('up,down,right,left,pageup,pagedown,home,end,enter,tab,shift-tab,backspace,space,G,/,?,ctrl-c');
  });
});
