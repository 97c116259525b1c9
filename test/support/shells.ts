import { spawnSync } from 'node:child_process';

/** The absolute path of a command on PATH, or null (dash is /usr/bin/dash here, /bin/dash elsewhere, absent on some laptops). */
export function onPath(name: string): string | null {
  const r = spawnSync('sh', ['-c', 'command -v "$1"', 'sh', name], { encoding: 'utf8' });
  const p = (r.stdout ?? '').trim();
  return r.status === 0 && p.startsWith('/') ? p : null;
}

/**
 * The small shells the probe must work under (what RancherOS/k3OS consoles
 * have), as [name, command, args]: dash and busybox sh where installed, else
 * the machine's /bin/sh, so the tests run everywhere and never name a path.
 */
export function probeShells(): [string, string, string[]][] {
  const dash = onPath('dash');
  const busybox = onPath('busybox');
  const out: [string, string, string[]][] = [];
  if (dash) out.push(['dash', dash, []]);
  if (busybox) out.push(['busybox sh', busybox, ['sh']]);
  return out.length > 0 ? out : [['sh', '/bin/sh', []]];
}
