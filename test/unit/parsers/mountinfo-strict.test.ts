import { describe, expect, it } from 'vitest';
import { parseMountinfo } from '../../../parsers/mountinfo.js';
import { fixture, said } from './_support.js';

// Malformed mountinfo is reported like util-linux findmnt reports it ("parse error at line N --
// ignored"), never turned into a mount with fields from the wrong column.
const good = '36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue';
const one = (line: string) => parseMountinfo(`${good}\n${line}\n`);
const messages = (line: string) => said(one(line).issues).map((i) => `${i.line}: ${i.message}`);

describe('mountinfo lines findmnt would not accept', () => {
  it.each([
    ['no super options', '36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root', '2: too few fields after " - " (want type, source, super options) -- ignored: 36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root'],
    ['only a type after -', '36 35 98:0 / /mnt rw - ext3', '2: too few fields after " - " (want type, source, super options) -- ignored: 36 35 98:0 / /mnt rw - ext3'],
    ['an empty root', '36 35 98:0  /mnt rw - ext3 /dev/root rw', '2: extra spaces between fields; too few fields before " - " -- ignored: 36 35 98:0  /mnt rw - ext3 /dev/root rw'],
    ['an empty target', '36 35 98:0 /  rw - ext3 /dev/root rw', '2: extra spaces between fields; too few fields before " - " -- ignored: 36 35 98:0 /  rw - ext3 /dev/root rw'],
    ['empty options', '36 35 98:0 / /mnt  - ext3 /dev/root rw', '2: extra spaces between fields; too few fields before " - " -- ignored: 36 35 98:0 / /mnt  - ext3 /dev/root rw'],
    ['options that are not mount options', '36 35 98:0 / /mnt shared:1 - ext3 /dev/root rw', '2: per-mount options do not start with rw or ro -- ignored: 36 35 98:0 / /mnt shared:1 - ext3 /dev/root rw'],
    ['an empty type', '36 35 98:0 / /mnt rw -  /dev/root rw', '2: extra spaces between fields; too few fields after " - " (want type, source, super options) -- ignored: 36 35 98:0 / /mnt rw -  /dev/root rw'],
    ['text after the super options', '36 35 98:0 / /mnt rw - ext3 /dev/root rw extra', '2: too many fields after " - " -- ignored: 36 35 98:0 / /mnt rw - ext3 /dev/root rw extra'],
    ['a relative target', '36 35 98:0 / mnt rw - ext3 /dev/root rw', '2: target is not an absolute path -- ignored: 36 35 98:0 / mnt rw - ext3 /dev/root rw'],
    ['no separator', '36 35 98:0 / /mnt rw shared:1 ext3 /dev/root rw', '2: no " - " separator -- ignored: 36 35 98:0 / /mnt rw shared:1 ext3 /dev/root rw'],
  ])('%s is an issue and no mount', (_name, line, message) => {
    const r = one(line);
    expect(r.value).toHaveLength(1);
    expect(messages(line)).toEqual([message]);
  });

  it('an empty source (kernels before 5.1 print two spaces) is a mount with no issue', () => {
    const r = one('40 35 0:44 / /run/x rw,nosuid - tmpfs  rw,size=1024k');
    expect(r.issues).toEqual([]);
    expect(r.value[1]).toMatchObject({ target: '/run/x', fstype: 'tmpfs', source: '', superOptions: 'rw,size=1024k' });
  });

  it('reads indented and column-padded lines field by field, and says they were padded', () => {
    const r = parseMountinfo(['  36 35 98:0 / /mnt rw - ext3 /dev/root rw', '37\t36  0:5 /   /mnt/b   rw,relatime   shared:4   -   tmpfs   tmpfs   rw,size=4k  '].join('\n'));
    expect(r.value.map((m) => [m.target, m.options, m.optionalFields, m.fstype, m.source, m.superOptions])).toEqual([
      ['/mnt', 'rw', [], 'ext3', '/dev/root', 'rw'],
      ['/mnt/b', 'rw,relatime', ['shared:4'], 'tmpfs', 'tmpfs', 'rw,size=4k'],
    ]);
    expect(said(r.issues).map((i) => `${i.line}: ${i.message.split(' -- ')[0]}`)).toEqual(['1: extra spaces between fields (read as one)', '2: extra spaces between fields (read as one)']);
  });

  it('the real fixtures still read without an issue', () => {
    for (const f of ['local.txt', 'escapes.txt', 'docker-container.txt', 'lab-rancheros-console.txt']) expect(parseMountinfo(fixture(`mountinfo/${f}`)).issues, f).toEqual([]);
  });
});

describe('mountinfo escapes', () => {
  it('are undone in optional fields and per-mount options too', () => {
    const r = parseMountinfo('36 35 0:5 / /mnt rw,x=a\\040b shared:1\\0112 - tmpfs tmpfs rw\n');
    expect(r.value[0].options).toBe('rw,x=a b');
    expect(r.value[0].optionalFields).toEqual(['shared:1\\t2']);
  });

  it('a real tab and a literal backslash-t look different after display escaping', () => {
    const r = parseMountinfo('36 35 0:5 / /mnt/a\\011b rw - tmpfs tmpfs rw\n37 35 0:6 / /mnt/a\\134tb rw - tmpfs tmpfs rw\n');
    expect(r.value.map((m) => m.target)).toEqual(['/mnt/a\\tb', '/mnt/a\\\\tb']);
  });

  it('a comma escaped as \\054 inside an overlay upperdir stays part of the path', () => {
    const line = '50 35 0:60 / /var/lib/docker/overlay2/m/merged rw - overlay overlay rw,lowerdir=/l1:/l2,upperdir=/var/lib/a\\054b/diff,workdir=/var/lib/a\\054b/work';
    const r = parseMountinfo(line);
    expect(r.issues).toEqual([]);
    expect(r.value[0].upperDir).toBe('/var/lib/a,b/diff');
    expect(r.value[0].superOptions).toBe('rw,lowerdir=/l1:/l2,upperdir=/var/lib/a,b/diff,workdir=/var/lib/a,b/work');
  });
});
