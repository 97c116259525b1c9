import { describe, expect, it } from 'vitest';
import { parseSystemctl } from '../../../parsers/systemctl.js';
import { fixture, said } from './_support.js';

// What a user pastes by mistake: `systemctl status` output, not `systemctl list-units`.
const statusPaste = `● ssh.service - OpenBSD Secure Shell server
     Loaded: loaded (/lib/systemd/system/ssh.service; enabled; preset: enabled)
     Active: active (running) since Tue 2026-12-01 10:00:00 UTC; 3h ago
       Docs: man:sshd(8)
   Main PID: 612 (sshd)
      Tasks: 1 (limit: 4915)
     Memory: 5.2M
        CPU: 41ms
     CGroup: /system.slice/ssh.service
             └─612 "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups"
`;

describe('text that is not systemctl list-units output', () => {
  it('a systemctl status paste gives no units, and says why line by line', () => {
    const r = parseSystemctl(statusPaste);
    expect(r.value).toEqual([]);
    expect(r.issues.length).toBeGreaterThanOrEqual(8);
    expect(said(r.issues)[0]).toEqual({ line: 1, message: 'not a unit line (LOAD "-" is not a load state): "● ssh.service - OpenBSD Secure Shell server"' });
    expect(said(r.issues)[1].message).toBe('not a unit line (UNIT "Loaded:" is not a unit name): "Loaded: loaded (/lib/systemd/system/ssh.service; enabled; preset: enabled)"');
  });

  it('trailing garbage after a real list is reported, the real units stay', () => {
    const real = fixture('systemctl/debian12-plain.txt');
    const units = parseSystemctl(real).value;
    const r = parseSystemctl(`${real}some trailing garbage here\nfoo.service loaded running dead\n`);
    expect(r.value).toEqual(units);
    expect(said(r.issues).map((i) => i.message)).toEqual([
      'not a unit line (UNIT "some" is not a unit name): "some trailing garbage here"',
      'not a unit line (ACTIVE "running" is not an active state): "foo.service loaded running dead"',
    ]);
  });

  it('JSON entries with states systemd does not have are reported and left out', () => {
    const r = parseSystemctl(JSON.stringify([
      { unit: 'a.service', load: 'loaded', active: 'active', sub: 'running', description: 'A' },
      { unit: 'b.service', load: 'Loaded:', active: 'active', sub: 'running', description: 'B' },
      { unit: 'c.service', load: 'loaded', active: 'active', sub: 'Running (x)', description: 'C' },
    ]));
    expect(r.value.map((u) => u.name)).toEqual(['a.service']);
    expect(said(r.issues).map((i) => i.message)).toEqual([
      'systemctl JSON entry 2: LOAD "Loaded:" is not a load state',
      'systemctl JSON entry 3: SUB "Running (x)" is not a sub state',
    ]);
  });

  it('every recorded systemctl output still reads without an issue', () => {
    for (const f of ['debian12-default-jobs.txt', 'debian12-default.txt', 'debian12-json-jobs.txt', 'debian12-json.txt', 'debian12-plain-jobs.txt', 'debian12-plain.txt']) {
      const r = parseSystemctl(fixture(`systemctl/${f}`));
      expect(r.issues, f).toEqual([]);
      expect(r.value.length, f).toBeGreaterThan(100);
    }
  });
});
