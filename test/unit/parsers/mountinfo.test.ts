import { describe, expect, it } from 'vitest';
import { parseMountinfo, unmangle } from '../../../parsers/mountinfo.js';
import { checkNeverThrows, fixture, probeSection, said } from './_support.js';

describe('parseMountinfo', () => {
  it('reads this machine\'s /proc/self/mountinfo', () => {
    const r = parseMountinfo(fixture('mountinfo/local.txt'));
    expect(r.issues).toEqual([]);
    expect(r.value).toHaveLength(27);
    expect(r.value.find((m) => m.target === '/')).toEqual({
      id: 27,
      parentId: 1,
      majorMinor: '254:0',
      root: '/',
      target: '/',
      options: 'rw,relatime',
      optionalFields: [],
      fstype: 'ext4',
      source: '/dev/vda',
      superOptions: 'rw,discard,resv_strict,resuid=65534,resgid=65534',
      upperDir: null,
      deleted: false,
    });
    const overlay = r.value.filter((m) => m.fstype === 'overlay');
    expect(overlay).toHaveLength(2);
    expect(overlay[0].optionalFields).toEqual(['shared:3']);
    expect(overlay[0].superOptions).toContain(',upperdir=/tmp/eng-sysroot/data/overlay2/04cd69be');
  });

  it('reads the mountinfo section of a recorded probe', () => {
    const r = parseMountinfo(probeSection('local-dash.txt', 'mountinfo'));
    expect(r.issues).toEqual([]);
    expect(r.value.map((m) => m.target)).toContain('/sys/fs/cgroup/unified');
  });

  it('reads a docker container\'s mountinfo: bind-mounted roots and master: propagation', () => {
    const r = parseMountinfo(fixture('mountinfo/docker-container.txt'));
    expect(r.issues).toEqual([]);
    const root = r.value[0];
    expect(root).toMatchObject({ id: 99, parentId: 53, target: '/', source: '/dev/vda', optionalFields: ['master:1'] });
    expect(root.root).toBe('/tmp/eng-docker/vfs/dir/d1d9704c9a7b979f0064b0fcb5993abae572142e6ec00b81374f85d5c7fcbd61');
    expect(r.value.find((m) => m.target === '/etc/hostname')?.root).toMatch(/\/containers\/a0d5ddeb4ecf.*\/hostname$/);
  });

  // The lab's RancherOS-like console container (test/lab): one data disk bind-mounted on many paths, like the seed's /dev/sda1.
  it('reads the lab RancherOS console: overlay root, 27 bind mounts of one disk', () => {
    const r = parseMountinfo(fixture('mountinfo/lab-rancheros-console.txt'));
    expect(r.issues).toEqual([]);
    expect(r.value).toHaveLength(71);
    expect(r.value[0]).toMatchObject({ target: '/', fstype: 'overlay', optionalFields: ['master:14'] });
    expect(r.value[0].superOptions).toMatch(/upperdir=\/work\/main\/test\/lab\/.state\/system-docker\/overlay2\/[0-9a-f]{64}\/diff/);
    const disk = r.value.filter((m) => m.source === '/dev/loop0');
    expect(disk).toHaveLength(27);
    expect(disk.find((m) => m.target === '/var/lib/rancher/cache')).toMatchObject({ root: '/console/var/lib/rancher/cache', majorMinor: '7:0' });
  });

  // Recorded in a private mount namespace on this machine (see the test below for how it was made).
  it('undoes \\040 \\011 \\012 \\134 escapes, keeps shared:/master: fields, strips //deleted', () => {
    const r = parseMountinfo(fixture('mountinfo/escapes.txt'));
    expect(r.issues).toEqual([]);
    const by = (t: string) => r.value.find((m) => m.target === t);
    expect(by('/tmp/cosi-mi/with space')?.source).toBe('src with space');
    expect(by('/tmp/cosi-mi/tab\\there')).toBeDefined();
    expect(by('/tmp/cosi-mi/new\\nline')).toBeDefined();
    // A literal backslash is doubled on display, so it cannot pass for an escape such as \t.
    expect(by('/tmp/cosi-mi/back\\\\slash')?.superOptions).toBe('rw,size=1024k');
    expect(by('/tmp/cosi-mi/slave')?.optionalFields).toEqual(['shared:6', 'master:5']);
    expect(by('/tmp/cosi-mi/slave/target')).toMatchObject({ root: '/file', deleted: true, optionalFields: ['shared:7', 'master:5'] });
    expect(r.value.filter((m) => m.deleted)).toHaveLength(2);
  });

  it('unmangles any octal escape and leaves other backslashes alone', () => {
    expect(unmangle('a\\040b\\134c\\101\\9x\\')).toBe('a b\\cA\\9x\\');
  });

  it('skips lines with too few fields or bad numbers, with their line numbers, like findmnt', () => {
    const lines = fixture('mountinfo/local.txt').split('\n');
    const text = [
      lines[0],
      '30 27 0:25 / /broken rw,relatime',
      'x 27 0:25 / /nan rw - tmpfs tmpfs rw',
      lines[1],
      lines[2].slice(0, 20),
    ].join('\n');
    const r = parseMountinfo(text);
    expect(r.value).toHaveLength(2);
    expect(said(r.issues).map((i) => i.line)).toEqual([2, 3, 5]);
    expect(said(r.issues)[0].message).toBe('no " - " separator -- ignored: 30 27 0:25 / /broken rw,relatime');
    expect(said(r.issues)[1].message).toMatch(/^mount id or parent id is not a number/);
  });

  it('sanitizes terminal controls that reach a target unescaped', () => {
    const r = parseMountinfo('30 27 0:25 / /evil\u001b[2J rw - tmpfs src\u009b rw\n');
    expect(r.value[0].target).toBe('/evil\\e[2J');
    expect(r.value[0].source).toBe('src\\x9b');
  });

  it('reads 10,000 mounts (a busy Kubernetes node) completely', () => {
    const line = (i: number) =>
      `${i + 100} 27 0:${i} /var/lib/kubelet/pods/${i} /var/lib/kubelet/pods/p${i}/volumes/kubernetes.io~secret/token\\040x rw,relatime shared:${i} master:1 - tmpfs tmpfs rw,size=${i}k`;
    const text = Array.from({ length: 10_000 }, (_, i) => line(i)).join('\n');
    const r = parseMountinfo(text);
    expect(r.issues).toEqual([]);
    expect(r.value).toHaveLength(10_000);
    expect(r.value[9999].target).toBe('/var/lib/kubelet/pods/p9999/volumes/kubernetes.io~secret/token x');
  });

  it('never throws on random, binary and truncated input', () => {
    checkNeverThrows(parseMountinfo, [fixture('mountinfo/escapes.txt'), fixture('mountinfo/docker-container.txt')]);
  });
});
