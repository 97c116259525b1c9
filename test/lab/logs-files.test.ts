// Logs where there is no journal and no engine: the RancherOS-like console
// (PID 1 is system-docker's dockerd; Debian's journalctl is installed but has
// no journal) reads the kernel ring with dmesg, a service's own
// /var/log/NAME.log, else the busybox syslogd lines that name it; a
// Kubernetes pod's CRI files on the containerd node, the current attempt of
// each container. Compared with the host's own dmesg, grep and cat.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogLine } from '../../parsers/log-line.js';
import { parseCriLog } from '../../parsers/cri-log.js';
import { cosiAsync } from '../support/cli.js';
import { LAB, labUp, sshConfigFor } from './lab.js';
import { ensureKubeNode, onNode, type KubeNode } from './lib/kube-node.js';

const onConsole = (script: string) => execFileSync('docker', ['-H', `unix://${LAB.rancher.daemonSocket}`, 'exec', 'console', 'sh', '-c', script], { encoding: 'utf8', maxBuffer: 64 << 20 });
const json = (out: string) => out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as LogLine);
const tag = `cosilab${randomBytes(3).toString('hex')}`;

beforeAll(async () => {
  await labUp('all');
}, 600_000);

afterAll(() => {
  onConsole(`rm -f /var/log/${tag}file.log`);
});

describe('RancherOS-like console: no systemd, so files and dmesg', () => {
  it('kernel: the ring through dmesg (with --sudo), every line one the kernel has', async () => {
    const { configPath, alias } = sshConfigFor('rancher');
    const r = await cosiAsync(['logs', '-F', configPath, alias, 'kernel', '--sudo', '-n', '50', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const after = new Set(execFileSync('dmesg', { encoding: 'utf8', maxBuffer: 64 << 20 }).split('\n'));
    const mine = json(r.stdout);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((l) => l.source === 'dmesg')).toBe(true);
    // the ring only grows at its end; a line cosi showed is in dmesg's answer taken after (sanitized alike: plain text)
    expect(mine.filter((l) => !/\\[ex]/.test(l.message) && !after.has(l.message)).map((l) => l.message)).toEqual([]);
  }, 120_000);

  it("a name with no container and no unit: the syslog lines that name it, from busybox syslogd's /var/log/messages", async () => {
    onConsole(`logger -t ${tag} "first line"; logger -p user.err -t ${tag} "second line"`);
    const { configPath, alias } = sshConfigFor('rancher');
    const r = await cosiAsync(['logs', '-F', configPath, alias, tag, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const theirs = onConsole(`grep -F ${tag} /var/log/messages | tail -n 200`).trim().split('\n');
    const mine = json(r.stdout);
    expect(mine.map((l) => l.message)).toEqual(theirs.map((l) => l.slice(l.indexOf(`${tag}: `) + tag.length + 2)));
    expect(mine.at(-1)).toMatchObject({ source: 'syslog', stream: tag, priority: 3, message: 'second line' });
  }, 120_000);

  it('a service with its own /var/log/NAME.log: that file', async () => {
    onConsole(`printf '%s\\n' 'Dec  1 10:00:00 rancher ${tag}file[1]: started' 'Dec  1 10:00:01 rancher ${tag}file[1]: ready' > /var/log/${tag}file.log`);
    const { configPath, alias } = sshConfigFor('rancher');
    const r = await cosiAsync(['logs', '-F', configPath, alias, `${tag}file`, '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(json(r.stdout).map((l) => [l.source, l.stream, l.message])).toEqual([
      ['file', `${tag}file[1]`, 'started'],
      ['file', `${tag}file[1]`, 'ready'],
    ]);
  }, 120_000);
});

describe('Kubernetes pods on the containerd node: CRI files', () => {
  let node: KubeNode;
  beforeAll(async () => {
    node = await ensureKubeNode();
  }, 300_000);

  const files = (pattern: string) =>
    onNode(node.pid, ['sh', '-c', `for f in ${pattern}; do echo "== $f"; cat "$f"; done`]).stdout;

  it('pod/NS/POD: every container of the pod, each its current attempt (the highest N.log), as the files say', async () => {
    for (const [target, glob, n] of [
      ['pod/default/web-0', '/var/log/pods/default_web-0_*/*/0.log', 2],
      ['pod/default/crashy-7f9c/crash', '/var/log/pods/default_crashy-7f9c_*/crash/2.log', 1],
    ] as const) {
      const r = await cosiAsync(['logs', '--via', node.via, target, '--json']);
      expect(r.status, r.stderr).toBe(0);
      const mine = json(r.stdout);
      const theirs = files(glob)
        .split('== ')
        .slice(1)
        .flatMap((chunk) => {
          const [path, ...rest] = chunk.split('\n');
          const ctr = path!.split('/').at(-2)!;
          return parseCriLog(rest.join('\n'), { source: 'cri', target: `${target.split('/').slice(0, 3).join('/')}/${ctr}` }).value;
        });
      expect(mine.length, target).toBe(n);
      expect([...mine].sort((a, b) => a.target.localeCompare(b.target))).toEqual([...theirs].sort((a, b) => a.target.localeCompare(b.target)));
    }
    const crash = json((await cosiAsync(['logs', '--via', node.via, 'pod/default/crashy-7f9c', '--json'])).stdout);
    expect(crash.map((l) => l.message)).toEqual(['crash attempt 2']);
  }, 180_000);

  it('a pod that is not there is named', async () => {
    const r = await cosiAsync(['logs', '--via', node.via, 'pod/default/nosuch']);
    expect([r.status, r.stderr.trim()]).toEqual([1, `cosi: no logs of pod/default/nosuch on via ${node.via}: not under /var/log/pods`]);
  }, 120_000);
});
