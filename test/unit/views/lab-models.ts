/** Models recorded in the lab, with CPU figures, shared by the Engines and sorting frame tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RawSnapshot } from '../../../src/snapshot/types.js';
import { parseSnapshot } from '../../../src/snapshot/file.js';
import { rawFrom } from '../../fixtures/docker/raw.js';

const fixture = (p: string) => readFileSync(join(import.meta.dirname, '../../fixtures', p), 'utf8');

/** The RancherOS demo as recorded from the shared lab (its user docker is the lab's, as the fixtures below). */
const demo: RawSnapshot = parseSnapshot(readFileSync(join(import.meta.dirname, '../../fixtures/demo-leaks/rancheros-recorded-on-vm.cosi.json'), 'utf8'), 'demo');

const section = (text: string) => ({ text, rc: 0, truncated: false, bytes: text.length, ms: 0 });
const WEB = '7c4ad8cd967f125672de28f5f9d242281210d3d2fc32d0f5a0cd7435978c3356';
const COREOS = 'a102869b96962d2ff9a148644965a718dcb4b1256b90b6009bc1c9ca73176bbf';
const BATCH = 'ba84a3e6745e715d452ae013d14e8b18cff7e23bd40a39c24952edfc3f33df19';

/** The RancherOS demo whose user docker and cgroups are the lab's, read in one moment with 16 MiB of page cache in web. */
export function labMemory(): RawSnapshot {
  const text = fixture('cgroups/v1-lab-docker-memory.txt');
  const engines = demo.engines.map((e) => (e.name === 'docker' ? rawFrom('lab-memory', 'docker', e.socket) : e));
  return { ...demo, engines, sections: { ...demo.sections, cgroups: section(text) } };
}

/**
 * CONSTRUCTED from that real reading: web under a half-core quota in both readings, and a second
 * reading 2 s later in which web used 1 s of CPU (50% of one core) and was throttled in 16 of 20
 * periods, coreos 0.06 s (3%); batch's inspect says its last exit was an OOM kill after 3 restarts.
 */
export function labCpu(): RawSnapshot {
  const quota = (t: string) => t.replace(`/cpu/docker/${WEB}/cpu.cfs_quota_us:-1`, `/cpu/docker/${WEB}/cpu.cfs_quota_us:50000`);
  const first = quota(fixture('cgroups/v1-lab-docker-memory.txt'));
  const second = first
    .replace('@uptime 851.29', '@uptime 853.29')
    .replace(`${WEB}/cpuacct.usage:376430431`, `${WEB}/cpuacct.usage:${376430431 + 1e9}`)
    .replace(`${WEB}/cpu.stat:nr_periods 0`, `${WEB}/cpu.stat:nr_periods 20`)
    .replace(`${WEB}/cpu.stat:nr_throttled 0`, `${WEB}/cpu.stat:nr_throttled 16`)
    .replace(`${COREOS}/cpuacct.usage:38404619452`, `${COREOS}/cpuacct.usage:${38404619452 + 6e7}`);
  const lab = labMemory();
  const engines = lab.engines.map((e) => {
    if (e.name !== 'docker') return e;
    const key = `/containers/${BATCH}/json`;
    const batch = e.answers[key]!.replace('"OOMKilled":false', '"OOMKilled":true').replace('"RestartCount":0', '"RestartCount":3');
    return { ...e, answers: { ...e.answers, [key]: batch } };
  });
  return { ...lab, engines, sections: { ...lab.sections, cgroups: section(second) }, previous: { takenAt: lab.takenAt, sections: { cgroups: section(first) } } };
}

/** The CoreOS demo with two real readings of this machine's cgroups (CPU, throttling, IO, pressure): test/fixtures/cgroups/hybrid-pressure-*.txt. */
export function coreosPressure(): RawSnapshot {
  const raw = parseSnapshot(readFileSync(join(import.meta.dirname, '../../../demo/coreos.cosi.json'), 'utf8'), 'demo');
  return {
    ...raw,
    // this machine has no systemd: its cgroups are the raw tree, not the units of the demo's systemd
    sections: { ...raw.sections, systemd: { text: '', rc: 127, truncated: false, bytes: 0, ms: 0 }, cgroups: section(fixture('cgroups/hybrid-pressure-2.txt')) },
    previous: { takenAt: raw.takenAt, sections: { cgroups: section(fixture('cgroups/hybrid-pressure-1.txt')) } },
  };
}
