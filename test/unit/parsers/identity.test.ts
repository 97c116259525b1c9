import { describe, expect, it } from 'vitest';
import { parseIdentity } from '../../../parsers/identity.js';
import { checkNeverThrows, probeSection, said } from './_support.js';

describe('parseIdentity', () => {
  it('reads the identity section recorded on this machine under dash', () => {
    const r = parseIdentity(probeSection('local-dash.txt', 'identity'));
    expect(r.issues).toEqual([]);
    expect(r.value).toEqual({
      hostname: 'vm',
      kernelName: 'Linux',
      kernelRelease: '6.18.44-fc-v782',
      kernelVersion: '#1 SMP PREEMPT_DYNAMIC @0',
      arch: 'x86_64',
      uptimeSeconds: 260.6,
      load: [0.28, 0.17, 0.08],
      cpus: 2,
      hostTime: 1795913032,
      init: 'process_api',
    });
  });

  it('reads the same section recorded under busybox sh', () => {
    const r = parseIdentity(probeSection('local-busybox.txt', 'identity'));
    expect(r.issues).toEqual([]);
    expect(r.value.uptimeSeconds).toBe(260.55);
    expect(r.value.load).toEqual([0.28, 0.17, 0.08]);
  });

  // `uname -srvm` as it reads on the seed's hosts (its `uname -a` lines minus hostname and the GNU-only fields).
  it('keeps the spaces of the kernel version, which sits between the release and the machine', () => {
    const photon = parseIdentity('uname=Linux 4.19.79-1.ph3-esx #1-photon SMP Tue Oct 22 23:53:27 UTC 2019 x86_64\n');
    expect(photon.value).toMatchObject({
      kernelName: 'Linux',
      kernelRelease: '4.19.79-1.ph3-esx',
      kernelVersion: '#1-photon SMP Tue Oct 22 23:53:27 UTC 2019',
      arch: 'x86_64',
    });
    const coreos = parseIdentity('uname=Linux 4.19.86-coreos #1 SMP Mon Dec  2 20:13:38 -00 2019 x86_64\n');
    expect(coreos.value.kernelVersion).toBe('#1 SMP Mon Dec  2 20:13:38 -00 2019');
  });

  it('leaves what the host did not say as null, and says which values were unreadable', () => {
    const r = parseIdentity('hostname=\nuname=\nuptime=abc\nloadavg=0.1 0.2\ncpus=\ntime=\nwhat is this\n');
    expect(r.value).toMatchObject({ hostname: '', kernelRelease: '', uptimeSeconds: null, load: null, cpus: null, hostTime: null, init: null });
    expect(said(r.issues).map((i) => i.line)).toEqual([3, 4, 5, 6, 7]);
    expect(said(r.issues)[0].message).toBe('uptime not readable: abc');
    expect(said(r.issues)[2].message).toBe('CPU count not readable: (empty)');
  });

  it('sanitizes a hostile hostname and init name', () => {
    const r = parseIdentity('hostname=evil\u001b[2J\u009b\ninit=sys\u0007temd\n');
    expect(r.value.hostname).toBe('evil\\e[2J\\x9b');
    expect(r.value.init).toBe('sys\\x07temd');
  });

  it('never throws on random, binary and truncated input', () => {
    checkNeverThrows(parseIdentity, [probeSection('local-dash.txt', 'identity')]);
  });
});
