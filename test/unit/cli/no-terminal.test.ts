import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cosi } from '../../support/cli.js';

// `cosi connect` starts its connection before the TUI's code loads (#13): without a terminal it
// must still say so in one line and start nothing (no --via command, no SSH connection).
it('cosi connect without a terminal: one line with the snapshot command, exit 1, the target never started', () => {
  const mark = join(mkdtempSync(join(tmpdir(), 'cosi-noterm-')), 'started');
  const via = `echo x > ${mark}; exec sh`;
  const r = cosi(['connect', '--via', via]);
  expect(r.stderr).toBe(`cosi: the TUI needs a terminal; for a script, run: cosi snapshot --via '${via}' --json\n`);
  expect(r.status).toBe(1);
  expect(existsSync(mark)).toBe(false);
}, 60_000);
