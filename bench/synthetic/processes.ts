/** The synthetic node's processes: kernel threads, host services, a shim per running container, the containers' own. */
import { appArgs, NOW, scopeOf, UPTIME, type Ctr, type SyntheticSize } from './node.js';
import type { Rng } from './rng.js';

export interface Proc {
  pid: number;
  ppid: number;
  user: string;
  rss: number;
  stat: string;
  etimes: number;
  comm: string;
  args: string;
  cgroup: string;
}

export interface HostService {
  unit: string;
  comm: string;
  args: string;
  user: string;
  rss: number;
  n: number;
}

export const SERVICES: readonly HostService[] = [
  { unit: 'systemd-journald.service', comm: 'systemd-journal', args: '/usr/lib/systemd/systemd-journald', user: 'root', rss: 88000, n: 1 },
  { unit: 'systemd-udevd.service', comm: 'systemd-udevd', args: '/usr/lib/systemd/systemd-udevd', user: 'root', rss: 9000, n: 1 },
  { unit: 'systemd-networkd.service', comm: 'systemd-network', args: '/usr/lib/systemd/systemd-networkd', user: 'systemd-network', rss: 9600, n: 1 },
  { unit: 'systemd-resolved.service', comm: 'systemd-resolve', args: '/usr/lib/systemd/systemd-resolved', user: 'systemd-resolve', rss: 12000, n: 1 },
  { unit: 'systemd-timesyncd.service', comm: 'systemd-timesyn', args: '/usr/lib/systemd/systemd-timesyncd', user: 'systemd-timesync', rss: 7000, n: 1 },
  { unit: 'systemd-logind.service', comm: 'systemd-logind', args: '/usr/lib/systemd/systemd-logind', user: 'root', rss: 7600, n: 1 },
  { unit: 'dbus.service', comm: 'dbus-daemon', args: '/usr/bin/dbus-daemon --system --address=systemd: --nofork --nopidfile --systemd-activation --syslog-only', user: 'messagebus', rss: 5000, n: 1 },
  { unit: 'sshd.service', comm: 'sshd', args: 'sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups', user: 'root', rss: 8800, n: 1 },
  { unit: 'containerd.service', comm: 'containerd', args: '/run/torcx/bin/containerd --config /run/torcx/unpack/docker/usr/share/containerd/config.toml', user: 'root', rss: 140000, n: 1 },
  { unit: 'docker.service', comm: 'dockerd', args: '/run/torcx/bin/dockerd --host=fd:// --containerd=/var/run/docker/libcontainerd/docker-containerd.sock --exec-opt native.cgroupdriver=systemd', user: 'root', rss: 420000, n: 1 },
  { unit: 'cri-docker.service', comm: 'cri-dockerd', args: '/opt/bin/cri-dockerd --container-runtime-endpoint fd:// --network-plugin=cni', user: 'root', rss: 90000, n: 1 },
  { unit: 'kubelet.service', comm: 'kubelet', args: '/opt/bin/kubelet --config=/var/lib/kubelet/config.yaml --kubeconfig=/etc/kubernetes/kubelet.conf --container-runtime-endpoint=unix:///run/cri-dockerd.sock --cgroup-driver=systemd', user: 'root', rss: 180000, n: 1 },
  { unit: 'locksmithd.service', comm: 'locksmithd', args: '/usr/lib/locksmith/locksmithd', user: 'locksmithd', rss: 11000, n: 1 },
  { unit: 'update-engine.service', comm: 'update_engine', args: '/usr/sbin/update_engine -foreground -logtostderr', user: 'root', rss: 14000, n: 1 },
  { unit: 'systemd-userdbd.service', comm: 'systemd-userwor', args: 'systemd-userwork: waiting...', user: 'root', rss: 5200, n: 3 },];

/** Exactly size.processes processes; sets each running container's pid and pids. */
export function makeProcesses(rng: Rng, size: SyntheticSize, running: Ctr[]): Proc[] {
  const procs: Proc[] = [];
  let nextPid = 1;
  const add = (p: Omit<Proc, 'pid'>): Proc => {
    const q = { ...p, pid: nextPid++ };
    procs.push(q);
    return q;
  };
  add({ ppid: 0, user: 'root', rss: 14200, stat: 'Ss', etimes: UPTIME, comm: 'systemd', args: '/usr/lib/systemd/systemd --switched-root --system --deserialize=32', cgroup: '/init.scope' });
  const kthreadd = add({ ppid: 0, user: 'root', rss: 0, stat: 'S', etimes: UPTIME, comm: 'kthreadd', args: '[kthreadd]', cgroup: '/' });
  for (let i = 0; i < 120; i++) {
    const name = i % 4 === 0 ? `ksoftirqd/${i / 4}` : i % 4 === 1 ? `kworker/${i % 16}:${i % 3}-events` : i % 4 === 2 ? `migration/${i % 16}` : `kworker/u64:${i}-flush-8:0`;
    add({ ppid: kthreadd.pid, user: 'root', rss: 0, stat: i % 4 === 1 ? 'I' : 'S', etimes: UPTIME, comm: name.slice(0, 15), args: `[${name}]`, cgroup: '/' });
  }
  for (const s of SERVICES) {
    for (let i = 0; i < s.n; i++) add({ ppid: 1, user: s.user, rss: s.rss, stat: 'Ssl', etimes: UPTIME - 5, comm: s.comm, args: s.args, cgroup: `/system.slice/${s.unit}` });
  }
  add({ ppid: 1, user: 'core', rss: 4800, stat: 'Ss', etimes: 3600, comm: 'bash', args: '-bash', cgroup: '/user.slice/user-500.slice/session-3.scope' });

  for (const c of running) {
    add({ ppid: 1, user: 'root', rss: 7200, stat: 'Sl', etimes: NOW - c.created, comm: 'containerd-shim', args: `/run/torcx/bin/containerd-shim-runc-v2 -namespace moby -id ${c.id} -address /run/docker/libcontainerd/docker-containerd.sock`, cgroup: '/system.slice/containerd.service' });
  }
  // Container init processes (ppid = its shim), then the remaining processes spread over the app containers.
  const shimPid = new Map(running.map((c, i) => [c.id, procs[procs.length - running.length + i]!.pid]));
  for (const c of running) {
    const p = c.pause
      ? add({ ppid: shimPid.get(c.id)!, user: '65535', rss: 400, stat: 'Ss', etimes: NOW - c.created, comm: 'pause', args: '/pause', cgroup: scopeOf(c) })
      : add({ ppid: shimPid.get(c.id)!, user: 'root', rss: rng.int(20000, 400000), stat: 'Ssl', etimes: NOW - c.created, comm: c.pod.app.slice(0, 15), args: appArgs(c.pod.app), cgroup: scopeOf(c) });
    c.pid = p.pid;
    c.pids.push(p.pid);
  }
  const apps = running.filter((c) => !c.pause);
  for (let i = 0; procs.length < size.processes; i++) {
    const c = apps[i % apps.length]!;
    const p = add({ ppid: c.pid!, user: '1000', rss: rng.int(8000, 250000), stat: rng.pick(['S', 'Sl', 'R', 'S']), etimes: NOW - c.created - 2, comm: `${c.pod.app}-w${i % 9}`.slice(0, 15), args: `${appArgs(c.pod.app)} --worker ${i % 9}`, cgroup: scopeOf(c) });
    c.pids.push(p.pid);
  }
  return procs;
}

/** The processes section as procps prints it under the probe's exact header. */
export function psText(procs: readonly Proc[]): string {
  const lines = ['@format procps', '    PID    PPID USER                               RSS STAT ELAPSED COMMAND          COMMAND'];
  for (const p of procs) {
    lines.push(`${String(p.pid).padStart(7)} ${String(p.ppid).padStart(7)} ${p.user.padEnd(32)} ${String(p.rss).padStart(5)} ${p.stat.padEnd(4)} ${String(p.etimes).padStart(7)} ${p.comm.padEnd(16)} ${p.args}`);
  }
  return lines.join('\n') + '\n';
}
