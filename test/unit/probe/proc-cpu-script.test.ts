import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProcCpu } from '../../../parsers/proc-cpu.js';
import { procCpuScript } from '../../../src/probe/process-scripts.js';
import type { SectionSpec } from '../../../src/probe/section.js';
import { ChildShellChannel } from '../../../src/transport/child-shell.js';
import { ProbeTransport } from '../../../src/transport/probe-transport.js';
import { onPath, probeShells } from '../../support/shells.js';
import { noBudget } from '../../../src/probe/budget.js';

// #13: proc-cpu reads every /proc/PID/stat with one grep and one awk where the host has them
// (the shell's read loop took seconds on 5,000 processes). Both ways, on this machine's live
// processes in one tick, must give the same lines: the same pids with the same start times, and
// counters that only grew. A process whose command name holds a newline (its stat file has two
// lines; the second could pass for another pid's) is left out by both.

const shells: [string, string, string[]][] = [...probeShells(), ...(onPath('bash') ? [['bash', onPath('bash')!, []] as [string, string, string[]]] : [])];
const sec = (id: string, script: string): SectionSpec => ({ id, title: id, script, maxBytes: 4 << 20, timeoutSec: 0, bounded: true });
let odd: ChildProcess;

beforeAll(() => {
  // comm is the executable's file name (15 bytes): "x\n999 (y) R 1 " would forge pid 999's line
  const dir = mkdtempSync(join(tmpdir(), 'cosi-comm-'));
  const file = join(dir, 'x\n999 (y');
  writeFileSync(file, '#!/bin/sh\nwhile :; do sleep 1; done\n');
  chmodSync(file, 0o755);
  odd = spawn(file, [], { stdio: 'ignore' });
});
afterAll(() => void odd.kill());

describe.each(shells)('proc-cpu under %s', (_name, cmd, args) => {
  it('grep + awk and the builtin loop read the same processes', async () => {
    const t = new ProbeTransport(new ChildShellChannel({ kind: 'local', label: 'proc-cpu' }, cmd, args), {
      budget: noBudget(),
      sections: [sec('scan', procCpuScript), sec('loop', `_cosi_pcl=1\n${procCpuScript}`)],
      timeoutMs: 60_000,
    });
    try {
      const s = await t.collect();
      const scan = parseProcCpu(s.sections.scan!.text);
      const loop = parseProcCpu(s.sections.loop!.text);
      expect(scan.issues).toEqual([]);
      expect(loop.issues).toEqual([]);
      const both = [...scan.value.procs.keys()].filter((p) => loop.value.procs.has(p));
      // the scan's own grep and awk, and processes started or ended between the two, are in one only
      expect(both.length).toBeGreaterThan(scan.value.procs.size - 10);
      expect(both.length).toBeGreaterThan(loop.value.procs.size - 10);
      for (const pid of both) {
        const a = scan.value.procs.get(pid)!;
        const b = loop.value.procs.get(pid)!;
        expect(b.start, String(pid)).toBe(a.start);
        expect(b.ticks, String(pid)).toBeGreaterThanOrEqual(a.ticks);
      }
      expect(scan.value.procs.has(1)).toBe(true);
      expect(odd.pid).toBeDefined();
      expect(scan.value.procs.has(odd.pid!)).toBe(false);
      expect(loop.value.procs.has(odd.pid!)).toBe(false);
      // no line of its stat file's second line as pid 999 (unless a real 999 runs now)
      if (!existsSync('/proc/999')) expect(scan.value.procs.has(999) || loop.value.procs.has(999)).toBe(false);
    } finally {
      await t.close();
    }
  });
});
