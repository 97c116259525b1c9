import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cosi } from '../../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'cosi-cli-'));

describe('cosi --help', () => {
  it('explains every command and source', () => {
    const r = cosi(['--help']);
    expect(r.status).toBe(0);
    for (const word of ['cosi connect', 'cosi snapshot', 'cosi open', 'cosi demo', 'cosi screenshot', '--via CMD', '--local', '--sudo']) {
      expect(r.stdout).toContain(word);
    }
  });

  it('has a page per command', () => {
    const r = cosi(['snapshot', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: cosi snapshot/);
  });
});

describe('wrong calls get one clear line and status 2', () => {
  it.each([
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['snapshot', '--local'], /needs -o FILE .* or --json/],
    [['snapshot', '--local', '--via', 'sh', '--json'], /only one of/],
    [['snapshot', '--json'], /say what to inspect/],
    [['connect', '--refresh', 'soon', '--local'], /--refresh takes a number/],
    [['snapshot', '--local', '--interval', 'soon', '--json'], /--interval takes a number from 0 to 60, not 'soon'/],
    [['snapshot', '--local', '--bogus'], /^cosi: unknown option '--bogus'/],
    [['open'], /^cosi: open needs a snapshot FILE/],
    [['demo', 'rancheros', 'coreos'], /^cosi: unexpected argument 'coreos'/],
    [['screenshot', '--demo', 'coreos', '--tab', 'bogus', '-o', join(dir, 'x.txt')], /^cosi: unknown tab "bogus"/],
    [['screenshot', '--demo', 'coreos', '--keys', 'frob', '-o', join(dir, 'x.txt')], /^cosi: unknown key name "frob"/],
  ])('%j', (args, message) => {
    const r = cosi(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});

describe('snapshot and open', () => {
  it('a snapshot file re-opens with the same model', () => {
    const file = join(dir, 'here.cosi.json');
    const w = cosi(['snapshot', '--via', 'sh', '-o', file]);
    expect(w.status).toBe(0);
    const raw = JSON.parse(readFileSync(file, 'utf8'));
    expect(raw).toMatchObject({ format: 'cosi-snapshot', version: 1, target: { kind: 'command', label: 'via sh' } });
    expect(raw.sections.meminfo.text).toMatch(/^MemTotal:/);
    const a = cosi(['open', file, '--json']);
    const b = cosi(['open', file, '--json']);
    expect(a.status).toBe(0);
    expect(JSON.parse(a.stdout)).toEqual(JSON.parse(b.stdout));
    expect(JSON.parse(a.stdout).target.label).toBe('via sh');
  });

  it('refuses files that are not snapshots, with the reason', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"hello": 1}');
    expect(cosi(['open', bad, '--json'])).toMatchObject({ status: 1, stderr: expect.stringMatching(/not a cosi snapshot/) });
    writeFileSync(bad, '{"format":"cosi-snapshot","version":9,"sections":{}}');
    expect(cosi(['open', bad, '--json']).stderr).toMatch(/version 9 is newer/);
    expect(cosi(['open', join(dir, 'nope.json'), '--json']).stderr).toMatch(/no such file/);
  });

  it('a --via command that fails says why', () => {
    const r = cosi(['snapshot', '--via', 'echo oops >&2; exit 3', '--json']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/shell exited \(3\): oops/);
  });
});
