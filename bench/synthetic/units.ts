/** The synthetic node's systemd units (`systemctl -o json`): host services, slices, container scopes and mounts. */
import type { Mnt } from './mounts.js';
import type { HostService } from './processes.js';

interface Unit {
  unit: string;
  load: string;
  active: string;
  sub: string;
  description: string;
}

export function makeUnits(services: readonly HostService[], cgroupPaths: readonly string[], mounts: readonly Mnt[]): Unit[] {
  const units: Unit[] = [];
  for (const s of services) units.push({ unit: s.unit, load: 'loaded', active: 'active', sub: 'running', description: describe(s.unit) });
  units.push({ unit: 'systemd-fsck-root.service', load: 'loaded', active: 'inactive', sub: 'dead', description: 'File System Check on Root Device' });
  units.push({ unit: 'update-engine-stub.service', load: 'loaded', active: 'failed', sub: 'failed', description: 'Update Engine Stub Updater' });
  units.push({ unit: 'getty@tty1.service', load: 'loaded', active: 'active', sub: 'running', description: 'Getty on tty1' });
  for (const path of cgroupPaths) {
    const leaf = path.split('/').pop()!;
    if (leaf.endsWith('.slice')) units.push({ unit: leaf, load: 'loaded', active: 'active', sub: 'active', description: leaf === 'kubepods.slice' ? 'libcontainer container kubepods.slice' : `Slice ${leaf}` });
    else if (leaf.startsWith('docker-') && leaf.endsWith('.scope')) units.push({ unit: leaf, load: 'loaded', active: 'active', sub: 'running', description: `libcontainer container ${leaf.slice(7, -6)}` });
  }
  for (const m of mounts.slice(0, 24)) {
    const name = m.target === '/' ? '-.mount' : `${m.target.slice(1).replace(/\//g, '-')}.mount`;
    units.push({ unit: name, load: 'loaded', active: 'active', sub: 'mounted', description: m.target });
  }
  return units;
}

function describe(unit: string): string {
  const base = unit.replace(/\.service$/, '');
  const known: Record<string, string> = {
    kubelet: 'kubelet: The Kubernetes Node Agent',
    docker: 'Docker Application Container Engine',
    containerd: 'containerd container runtime',
    'cri-docker': 'CRI Interface for Docker Application Container Engine',
    sshd: 'OpenSSH server daemon',
    dbus: 'D-Bus System Message Bus',
  };
  return known[base] ?? `${base} daemon`;
}
