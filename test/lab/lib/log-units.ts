// Units of the systemd lab host that exist for their logs (rootfs/coreos/etc/systemd/system):
// copied into the running host, not baked into the Debian image (the console and the CoreOS
// demo share it). crashloop.service is enabled and running; nostart.service only installed.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DAEMONS, dockerAt } from './daemons.js';
import { ROOTFS_SRC } from './paths.js';
import { log } from './run.js';

const UNIT_SRC = join(ROOTFS_SRC, 'coreos/etc/systemd/system');
/** Started and enabled; the others are only installed. */
const STARTED_UNITS = ['crashloop.service'];

/** Installs the units; idempotent (units already there and enabled are left running). */
export function ensureLogUnits(container: string): void {
  const exec = (args: string[], input?: string) => dockerAt(DAEMONS.docker, ['exec', ...(input === undefined ? [] : ['-i']), container, ...args], { input, timeoutMs: 30_000 });
  let changed = false;
  for (const name of readdirSync(UNIT_SRC).sort()) {
    const want = readFileSync(join(UNIT_SRC, name), 'utf8');
    const path = `/etc/systemd/system/${name}`;
    const have = dockerAt(DAEMONS.docker, ['exec', container, 'cat', path], { allowFail: true });
    if (have.status === 0 && have.stdout === want) continue;
    exec(['sh', '-c', `cat > ${path}`], want);
    changed = true;
  }
  if (changed) exec(['systemctl', 'daemon-reload']);
  for (const unit of STARTED_UNITS) {
    const enabled = dockerAt(DAEMONS.docker, ['exec', container, 'systemctl', 'is-enabled', unit], { allowFail: true }).stdout.trim();
    if (enabled !== 'enabled' || changed) {
      exec(['systemctl', 'enable', unit]);
      exec(['systemctl', 'restart', '--no-block', unit]);
      log(`${container}: ${unit} enabled and started`);
    }
  }
}
