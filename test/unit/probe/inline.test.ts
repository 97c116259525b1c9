import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildProbeScript } from '../../../src/probe/build.js';
import type { SectionSpec } from '../../../src/probe/section.js';
import { ChildShellChannel } from '../../../src/transport/child-shell.js';
import { ProbeTransport } from '../../../src/transport/probe-transport.js';
import { onPath, probeShells } from '../../support/shells.js';
import { noBudget } from '../../../src/probe/budget.js';
import { sectionById } from '../../../src/probe/sections.js';

// Inline sections run as functions of the probe's own shell (no subshell, no process): the
// steady tick's counters cost no fork. Their answers must read exactly like a captured section's.

const open: ProbeTransport[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((t) => t.close()));
});

const sec = (id: string, script: string, extra: Partial<SectionSpec> = {}): SectionSpec => ({ id, title: id, script, maxBytes: 1 << 16, timeoutSec: 0, ...extra });

it('an inline body is a shell function call, not a subshell; root sections cannot be inline', () => {
  const s = buildProbeScript([sec('x', '_cosi_put a', { inline: true })], 'N');
  expect(s).toMatch(/^_o=; _cosi_in\(\) \{\n_cosi_put a\n\}\n_cosi_in <\/dev\/null >\/dev\/null 2>\/dev\/null; _r=\$\?/m);
  expect(s).not.toMatch(/_o=\$\(/);
  expect(() => buildProbeScript([sec('x', '_cosi_put a', { inline: true, root: true })], 'N')).toThrow(/cannot run as root/);
});

describe.each(probeShells())('inline sections under %s', (_name, cmd, args) => {
  it('give the text, exit code and "same" answers a captured section gives, and leave the shell as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cosi-inline-'));
    const file = join(dir, 'counters');
    writeFileSync(file, 'MemTotal:  100 kB\n  indented @ at\nlast\n');
    const t = new ProbeTransport(new ChildShellChannel({ kind: 'local', label: 'inline' }, cmd, args), {
      budget: noBudget(),
      sections: [
        sec('read', `_cosi_rd ${file}`, { inline: true }),
        sec('captured', `cat ${file}`),
        sec('missing', `_cosi_rd ${join(dir, 'nope')}`, { inline: true }),
        sec('lines', '_cosi_put "one"; _x=9; _cosi_put "two $_x"; return 3', { inline: true }),
        sec('noisy', 'echo stray; _cosi_put kept', { inline: true }),
        sec('pid1', 'echo ran', { skipWhen: '[ 1 = 1 ]' }),
        sec('after', 'echo "$$ ${_cosi_nl+nl}"'),
      ],
      timeoutMs: 20_000,
    });
    open.push(t);
    const first = await t.collect();
    expect(first.sections.read).toMatchObject({ text: 'MemTotal:  100 kB\n  indented @ at\nlast\n', rc: 0 });
    expect(first.sections.read.text).toBe(first.sections.captured.text);
    expect(first.sections.missing).toMatchObject({ text: '', rc: 127 });
    expect(first.sections.lines).toMatchObject({ text: 'one\ntwo 9\n', rc: 3 });
    // What a body prints goes nowhere: only what it puts is the section.
    expect(first.sections.noisy).toMatchObject({ text: 'kept\n', rc: 0 });
    expect(first.sections.pid1).toMatchObject({ text: '', rc: 127 });
    expect(first.sections.after.rc).toBe(0);
    const second = await t.collect();
    expect(t.same).toEqual(expect.arrayContaining(['read', 'lines', 'noisy']));
    expect(second.sections.read.text).toBe(first.sections.read.text);
    writeFileSync(file, 'MemTotal:  99 kB\n');
    const third = await t.collect();
    expect(t.changed).toEqual(['read', 'captured']);
    expect(third.sections.read.text).toBe('MemTotal:  99 kB\n');
  });
});

// The mount table is read whole every tick: bash reads it with one builtin (no process), other
// shells with `cat`. Either way the text is the file's, byte for byte, as the captured `cat` gave.
const bash = onPath('bash');
describe.each([...probeShells(), ...(bash ? [['bash', bash, []] as [string, string, string[]]] : [])])('_cosi_slurp under %s', (_name, cmd, args) => {
  it('gives a whole file exactly as cat does: trailing newline or none, empty, spaces and backslashes; 127 when unreadable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cosi-slurp-'));
    const files = { lines: '36 25 0:32 / / rw - ext4 /dev/a\\040b rw\n  two  \\ @\n\n', bare: 'no newline at the end', empty: '' };
    for (const [k, v] of Object.entries(files)) writeFileSync(join(dir, k), v);
    const t = new ProbeTransport(new ChildShellChannel({ kind: 'local', label: 'slurp' }, cmd, args), {
      budget: noBudget(),
      sections: [
        ...Object.keys(files).flatMap((k) => [sec(k, `_cosi_slurp ${join(dir, k)}`, { inline: true }), sec(`${k}-cat`, `cat ${join(dir, k)}`)]),
        sec('missing', `_cosi_slurp ${join(dir, 'nope')}`, { inline: true }),
      ],
      timeoutMs: 20_000,
    });
    open.push(t);
    const got = await t.collect();
    for (const [k, v] of Object.entries(files)) {
      expect(got.sections[k], k).toMatchObject({ text: v, rc: 0 });
      expect(got.sections[k]!.text, k).toBe(got.sections[`${k}-cat`]!.text);
    }
    expect(got.sections.missing).toMatchObject({ text: '', rc: 127 });
    await t.collect();
    expect(t.same).toEqual(expect.arrayContaining(Object.keys(files)));
  });
});

// The counters read every tick: bash reads each file with one builtin (its line reads seek back after
// each line, and /proc makes the file again at each seek), dash and busybox line by line. On copies
// of this machine's /proc files, every shell gives the lines the line loop gives.
describe.each([...probeShells(), ...(bash ? [['bash', bash, []] as [string, string, string[]]] : [])])('stat, vmstat and meminfo under %s', (_name, cmd, args) => {
  it('give the same lines as the line loop, from one read in bash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cosi-proc-'));
    const copy = (f: string) => {
      const to = join(dir, f.replace(/\//g, '_'));
      writeFileSync(to, readFileSync(f));
      return to;
    };
    const files = { stat: copy('/proc/stat'), vmstat: copy('/proc/vmstat'), meminfo: copy('/proc/meminfo') };
    const partial = join(dir, 'partial');
    writeFileSync(partial, 'MemTotal:  1 kB\n  two  \\ @\nno newline');
    const registry = (id: 'stat' | 'vmstat' | 'meminfo') => {
      const s = sectionById(id)!;
      return { ...s, script: s.script.replaceAll(`/proc/${id}`, files[id]) };
    };
    const t = new ProbeTransport(new ChildShellChannel({ kind: 'local', label: 'proc' }, cmd, args), {
      budget: noBudget(),
      sections: [registry('stat'), registry('vmstat'), registry('meminfo'), sec('partial', `_cosi_rd ${partial}`, { inline: true })],
      timeoutMs: 20_000,
    });
    open.push(t);
    const got = await t.collect();
    const lines = (f: string) => readFileSync(f, 'utf8').split('\n').slice(0, -1);
    const stat = lines(files.stat);
    expect(got.sections.stat).toMatchObject({ rc: 0, text: stat.slice(0, stat.findIndex((l) => !l.startsWith('cpu'))).join('\n') + '\n' });
    const vm = lines(files.vmstat).filter((l) => /^(oom_kill|pgmajfault|pswpin|pswpout) /.test(l));
    expect(vm.length).toBeGreaterThanOrEqual(3);
    expect(got.sections.vmstat).toMatchObject({ rc: 0, text: vm.join('\n') + '\n' });
    expect(got.sections.meminfo).toMatchObject({ rc: 0, text: readFileSync(files.meminfo, 'utf8') });
    expect(got.sections.partial).toMatchObject({ rc: 0, text: 'MemTotal:  1 kB\n  two  \\ @\n' });
  });
});
