import { describe, expect, it } from 'vitest';
import { parseSystemctl, type UnitEntry } from '../../../parsers/systemctl.js';
import { checkNeverThrows, fixture, said } from './_support.js';

// Real outputs of systemd 252 (test/fixtures/systemctl/README.md).
const json = fixture('systemctl/debian12-json.txt');
const plain = fixture('systemctl/debian12-plain.txt');
const table = fixture('systemctl/debian12-default.txt');
const jsonJobs = fixture('systemctl/debian12-json-jobs.txt');
const plainJobs = fixture('systemctl/debian12-plain-jobs.txt');
const tableJobs = fixture('systemctl/debian12-default-jobs.txt');

const unit = (list: UnitEntry[], name: string): UnitEntry | undefined => list.find((u) => u.name === name);

describe('parseSystemctl', () => {
  it('reads the JSON of systemd >= 246', () => {
    const r = parseSystemctl(json);
    expect(r.issues).toEqual([]);
    expect(r.value).toHaveLength(151);
    expect(unit(r.value, 'pb-fail.service')).toEqual({
      name: 'pb-fail.service',
      load: 'loaded',
      active: 'failed',
      sub: 'failed',
      description: 'Always fails (cosi fixture)',
    });
    expect(unit(r.value, '-.mount')?.description).toBe('Root Mount');
  });

  it('reads the plain table exactly as the JSON, descriptions with their inner spaces', () => {
    const r = parseSystemctl(plain);
    expect(r.issues).toEqual([]);
    expect(r.value).toEqual(parseSystemctl(json).value);
    expect(unit(r.value, 'pb-sleep.service')?.description).toBe('Sleeper   with three  spaces: and "quotes"');
    expect(unit(r.value, 'pb-missing.service')).toMatchObject({ load: 'not-found', active: 'inactive', sub: 'dead' });
  });

  it('reads the default table with ● markers, header and legend', () => {
    const r = parseSystemctl(table);
    expect(r.issues).toEqual([]);
    expect(r.value).toEqual(parseSystemctl(json).value);
  });

  it('reads a "*" marker (systemd in a non-UTF-8 locale)', () => {
    const r = parseSystemctl(table.replaceAll('●', '*'));
    expect(r.value).toEqual(parseSystemctl(json).value);
  });

  it('skips the JOB column, with or without the header', () => {
    const expected = parseSystemctl(jsonJobs).value;
    expect(expected).toHaveLength(156);
    expect(unit(expected, 'pb-slow.service')).toEqual({
      name: 'pb-slow.service',
      load: 'loaded',
      active: 'activating',
      sub: 'start',
      description: 'Slow starter (cosi fixture)',
    });
    expect(unit(expected, 'pb-after.service')?.description).toBe('Waits for the slow one');
    for (const text of [plainJobs, tableJobs]) {
      const r = parseSystemctl(text);
      expect(r.issues).toEqual([]);
      expect(r.value).toEqual(expected);
    }
  });

  it('keeps the whole unit entries of a cut-short JSON answer and says so', () => {
    const cut = json.slice(0, json.indexOf('"unit":"pb-sleep.service"') + 30);
    const r = parseSystemctl(cut);
    expect(said(r.issues)).toEqual([{ message: 'systemctl JSON is cut short or damaged; reading the whole unit entries in it' }]);
    expect(unit(r.value, 'pb-missing.service')).toBeDefined();
    expect(unit(r.value, 'pb-sleep.service')).toBeUndefined();
    const all = parseSystemctl(json).value;
    expect(r.value).toEqual(all.slice(0, all.findIndex((u) => u.name === 'pb-sleep.service')));
  });

  it('escapes terminal controls in unit descriptions', () => {
    const r = parseSystemctl('[{"unit":"x.service","load":"loaded","active":"active","sub":"running","description":"a\\u001b]0;owned\\u0007b"}]');
    expect(r.value[0]!.description).toBe('a\\e]0;owned\\x07b');
  });

  it('reports bad entries and lines with their numbers and goes on', () => {
    const bad = parseSystemctl('[{"load":"loaded"},{"unit":"a.service"}]');
    expect(bad.value).toEqual([]);
    expect(said(bad.issues)).toEqual([{ message: 'systemctl JSON entry 1 has no unit name' }, { message: 'systemctl JSON entry 2: LOAD "" is not a load state' }]);
    expect(said(parseSystemctl('{"unit":"a"}').issues)).toEqual([{ line: 1, message: 'unit line with fewer than 4 columns: "{"unit":"a"}"' }]);
    const r = parseSystemctl('a.service loaded active running A\nbroken line\nb.socket loaded active listening B\n');
    expect(r.value.map((u) => u.name)).toEqual(['a.service', 'b.socket']);
    expect(said(r.issues)).toEqual([{ line: 2, message: 'unit line with fewer than 4 columns: "broken line"' }]);
    expect(parseSystemctl('')).toEqual({ value: [], issues: [] });
  });

  it('never throws and returns only sanitized strings on random input', () => {
    checkNeverThrows(parseSystemctl, [json, plainJobs, table]);
    const deep = `[${'{"a":'.repeat(50_000)}`;
    expect(parseSystemctl(deep).value).toEqual([]);
  });
});
