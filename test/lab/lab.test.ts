// A cosi snapshot of each lab host agrees with the peer tools run on the same
// host at the same time: free -b, findmnt, systemctl list-units, /proc/<pid>/cgroup.
// Needs root and `npm run build`; started by `npm run test:lab`.
import { beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_DISK_BINDS, labUp, type LabHostName } from './lab.js';
import { cosi, flattenCgroups, onHost, parseFreeB, parseListUnits, parseProcCgroup, requireBuilt, type CgNode } from './support/peers.js';

interface Model {
  memory: { totalBytes: number; availableBytes: number; usedBytes: number };
  mounts: { id: number; target: string; source: string; fstype: string }[];
  mountGroups: { source: string; fstype: string; targets: string[] }[];
  units: { name: string; load: string; active: string; sub: string }[] | null;
  cgroups: CgNode | CgNode[] | null;
}

const MiB = 1024 * 1024;

beforeAll(async () => {
  requireBuilt();
  await labUp('all');
});

describe.each(['rancher', 'systemd'] as LabHostName[])('lab host %s: cosi snapshot agrees with peers', (host) => {
  it('memory totals match free -b', async () => {
    const [json, free] = await Promise.all([cosi(host, ['--json']), onHost(host, 'free -b')]);
    const m = JSON.parse(json) as Model;
    const f = parseFreeB(free);
    expect(m.memory.totalBytes).toBe(f.total);
    // available/used move with the host's churn between the two reads
    const tolerance = Math.max(64 * MiB, f.total * 0.02);
    expect(Math.abs(m.memory.availableBytes - f.available)).toBeLessThan(tolerance);
    expect(Math.abs(m.memory.usedBytes - f.used)).toBeLessThan(tolerance);
  });

  it('mounts match findmnt -l (same mount namespace)', async () => {
    // logins of other tests mount/unmount /run/user/N: compare snapshots taken together, retry on churn
    let mine: string[] = [];
    let theirs: string[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const [json, peer] = await Promise.all([
        cosi(host, ['--json']),
        onHost(host, 'if command -v findmnt >/dev/null; then findmnt -l -n -o TARGET; else cut -d" " -f5 /proc/self/mountinfo; fi'),
      ]);
      mine = (JSON.parse(json) as Model).mounts.map((x) => x.target).sort();
      theirs = peer.split('\n').filter(Boolean).sort();
      if (mine.join('\n') === theirs.join('\n')) break;
    }
    expect(mine.length).toBe(theirs.length);
    expect(mine).toEqual(theirs);
  });

  it('each process sits in the cgroup /proc/<pid>/cgroup names', async () => {
    const m = JSON.parse(await cosi(host, ['--json'])) as Model;
    const pairs = flattenCgroups(m.cgroups);
    expect(pairs.length).toBeGreaterThan(3);
    const pids = [...new Set(pairs.map((p) => p.pid))];
    const out = await onHost(host, `for p in ${pids.join(' ')}; do echo "== $p"; cat /proc/$p/cgroup 2>/dev/null || true; done`);
    const byPid = new Map<number, string>();
    for (const chunk of out.split('== ').slice(1)) {
      const nl = chunk.indexOf('\n');
      byPid.set(Number(chunk.slice(0, nl)), chunk.slice(nl + 1));
    }
    let checked = 0;
    const wrong: string[] = [];
    for (const { pid, path } of pairs) {
      const text = byPid.get(pid) ?? '';
      if (!text.trim()) continue; // exited since the snapshot
      // the hierarchies that carry the service tree: v2, name=systemd, memory
      const lines = text.split('\n').filter((l) => /^(0::|\d+:(name=systemd|[^:]*\bmemory\b[^:]*):)/.test(l));
      const paths = parseProcCgroup(lines.join('\n'));
      checked++;
      if (!paths.has(path) && !paths.has(path.replace(/\/$/, '') || '/')) wrong.push(`pid ${pid}: cosi ${path}, /proc says ${[...paths].join(' | ')}`);
    }
    expect(checked).toBeGreaterThan(3);
    expect(wrong).toEqual([]);
  });
});

describe('lab host rancher (RancherOS-like console)', () => {
  it('groups the state disk bind mounts into one row with every target', async () => {
    const m = JSON.parse(await cosi('rancher', ['--json'])) as Model;
    const wanted = CONSOLE_DISK_BINDS.map((b) => b.target);
    const group = m.mountGroups.find((g) => wanted.every((t) => g.targets.includes(t)));
    expect(group, `no mount group holds all of ${wanted.join(', ')}`).toBeDefined();
  });
});

describe('lab host systemd (CoreOS-like)', () => {
  it('units and their states match systemctl list-units --all', async () => {
    // Units move while cosi reads them: crashloop.service restarts every few seconds (activating
    // auto-restart <-> active running, its cgroup comes and goes) and SSH logins of other tests add
    // and remove session scopes. So systemctl is read before, all through, and after cosi's
    // snapshot (a loop on the host), and cosi's state of a unit must be one systemctl reported.
    const stop = `/run/cosi-lab-units-${process.pid}-${Date.now()}`;
    const readings = onHost('systemd', `end=$(($(date +%s) + 150)); while [ ! -e ${stop} ] && [ $(date +%s) -lt $end ]; do echo '== reading'; systemctl list-units --all --no-legend --plain --no-pager --full; sleep 0.2; done; echo '== reading'; systemctl list-units --all --no-legend --plain --no-pager --full; rm -f ${stop}`, 170_000);
    const before = parseListUnits(await onHost('systemd', 'systemctl list-units --all --no-legend --plain --no-pager --full'));
    const m = JSON.parse(await cosi('systemd', ['--json'])) as Model;
    await onHost('systemd', `touch ${stop}`);
    const during = (await readings).split('== reading\n').slice(1).map(parseListUnits);
    const peer = [before, ...during];
    expect(m.units).not.toBeNull();
    const mine = new Map((m.units ?? []).map((u) => [u.name, `${u.load} ${u.active} ${u.sub}`]));
    const seen = new Map<string, Set<string>>();
    for (const r of peer) for (const u of r) seen.set(u.name, (seen.get(u.name) ?? new Set()).add(`${u.load} ${u.active} ${u.sub}`));
    // listed by systemctl in every reading: cosi lists it too; listed by cosi: systemctl listed it at some point
    const always = [...seen.keys()].filter((n) => peer.every((r) => r.some((u) => u.name === n)));
    expect(always.filter((n) => !mine.has(n))).toEqual([]);
    expect([...mine.keys()].filter((n) => !seen.has(n))).toEqual([]);
    const wrong = [...mine].filter(([n, st]) => !seen.get(n)?.has(st)).map(([n, st]) => `${n}: cosi ${st}, systemctl ${[...(seen.get(n) ?? [])].join(' | ')}`);
    expect(wrong).toEqual([]);
    expect(peer.length).toBeGreaterThan(2);
    expect(mine.size).toBeGreaterThan(50);
    expect(mine.get('broken.service')).toBe('loaded failed failed');
    expect(mine.get('demo-web.service')).toBe('loaded active running');
  });

  it('never starts the socket-activated docker.service', async () => {
    const before = await onHost('systemd', 'systemctl is-active docker.service docker.socket || true');
    expect(before.split('\n').slice(0, 2)).toEqual(['inactive', 'active']);
    await cosi('systemd', ['--json']);
    const after = await onHost('systemd', 'systemctl is-active docker.service docker.socket || true');
    expect(after.split('\n').slice(0, 2)).toEqual(['inactive', 'active']);
  });
});
