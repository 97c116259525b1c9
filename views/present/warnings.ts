import type { HostModel, Warning } from '../../src/model/types.js';
import { engineFailureText } from './engine-failure.js';
import { bytes, plural, usePercent } from './format.js';
import { sectionSentence } from './section-text.js';

const GiB = 1024 ** 3;

/** The sentence of a warning (the model stores its code and figures). */
export function warningText(w: Warning, model: Pick<HostModel, 'sections'>): string {
  switch (w.code) {
    case 'failed-units': {
      const n = w.units.length;
      return `${plural(n, 'failed unit')}: ${w.units.slice(0, 4).join(', ')}${n > 4 ? ', ...' : ''}`;
    }
    case 'oom-kills':
      return `${plural(w.count, 'OOM kill')} since boot`;
    case 'memory-low':
      return `memory low: ${(w.availableBytes / GiB).toFixed(1)} GiB available of ${(w.totalBytes / GiB).toFixed(1)} GiB`;
    case 'memory-pressure':
      return `memory pressure: tasks stalled ${w.avg10.toFixed(1)}% of the last 10 s`;
    case 'engine':
      if (w.status === 'permission-denied') return `${w.engine}: permission denied — run with --sudo`;
      if (w.status === 'socket-activated') return `${w.engine}: socket-activated, not running (cosi does not start it)`;
      return `${w.engine}: ${w.failure ? engineFailureText(w.failure) : w.status}`;
    case 'kube-missing':
      return `kube-proxy IPVS prerequisites missing: ${w.missing.join(', ')}`;
    case 'usr-read-only':
      return `/usr is read-only (${w.source})`;
    case 'section': {
      const s = model.sections[w.section];
      return s ? sectionSentence(w.section, s) : `${w.section}: no status`;
    }
    case 'inotify-instances':
    case 'inotify-watches': {
      const what = w.code === 'inotify-instances' ? 'instances' : 'watches';
      const who = w.holders.map((h) => `${h.comm}[${h.pid}] ${count(h.count)}`).join(', ');
      return `inotify ${what} of uid ${w.uid}: ${of(w)}${who ? ` (${who})` : ''}`;
    }
    case 'conntrack':
      return `conntrack table: ${count(w.used)} of ${count(w.max)} entries (${pct(w.used, w.max)})`;
    case 'pid-max':
      return `pids in use: ${count(w.used)} of kernel.pid_max ${count(w.max)} (${pct(w.used, w.max)})`;
    case 'file-max':
      return `open files: ${count(w.used)} of fs.file-max ${count(w.max)} (${pct(w.used, w.max)})`;
    case 'disk-space':
      return `disk ${w.target}: ${usePercent(w.used, w.max - w.used, null)} full (${bytes(w.used)} of ${bytes(w.max)}, ${w.source})`;
    case 'disk-inodes':
      return `inodes ${w.target}: ${usePercent(w.used, w.max - w.used, null)} used (${count(w.used)} of ${count(w.max)}, ${w.source})`;
    case 'cgroup-memory':
      return `memory ${cgroupName(w)}: ${bytes(w.used)} of its ${bytes(w.max)} limit (${pct(w.used, w.max)})`;
    case 'cgroup-pids':
      return `tasks in ${cgroupName(w)}: ${count(w.used)} of its pids.max ${count(w.max)} (${pct(w.used, w.max)})`;
    case 'cgroup-oom':
      return `${plural(w.count, 'OOM kill')} in ${cgroupName(w)}`;
    case 'cgroup-throttled':
      return `CPU throttled ${cgroupName(w)}: ${w.throttledPercent.toFixed(0)}% of periods hit its quota`;
    case 'pressure':
      return `${RESOURCE[w.resource]} pressure${w.cgroup ? ` ${cgroupName({ cgroup: w.cgroup, container: w.container })}` : ''}: tasks stalled ${w.avg10.toFixed(1)}% of the last 10 s`;
  }
}

const RESOURCE = { cpu: 'CPU', memory: 'memory', io: 'I/O' };

const count = (n: number) => n.toLocaleString('en-US');
const pct = (used: number, max: number) => `${Math.floor((used / max) * 100)}%`;
const of = (w: { used: number; max: number }) => `${count(w.used)} of ${count(w.max)} (${pct(w.used, w.max)})`;

/** A container's cgroup by the container's name, any other by its path. */
function cgroupName(w: { cgroup: string; container: string | null }): string {
  return w.container ? `container ${w.container}` : w.cgroup;
}

/** The misleading symptom a warning explains, one line; null for warnings that say it all. */
export function warningSymptom(w: Warning): string | null {
  switch (w.code) {
    case 'inotify-watches':
      return 'explains "No space left on device" from file watchers while df shows free space';
    case 'inotify-instances':
      return 'explains "Too many open files" from inotify_init while no process is near its ulimit -n';
    case 'conntrack':
      return 'explains timeouts and dropped packets seen only as "nf_conntrack: table full" in dmesg';
    case 'pid-max':
      return 'explains "fork: Resource temporarily unavailable" while memory and CPU are free';
    case 'cgroup-pids':
      return 'explains "fork: Resource temporarily unavailable" in it while the host has pids to spare';
    case 'file-max':
      return 'explains "Too many open files in system" while each process is under its ulimit -n';
    case 'disk-space':
      return 'explains "No space left on device" and failing writes, logs and databases';
    case 'disk-inodes':
      return 'explains "No space left on device" while df shows free space: inodes ran out, not blocks';
    case 'cgroup-memory':
      return 'explains restarts with exit code 137 (OOM-killed) while the host has memory free';
    case 'cgroup-oom':
      return 'explains processes dying with exit code 137 or "Killed" and no error of their own';
    case 'cgroup-throttled':
      return 'explains slow responses and timeouts while the host CPU is idle: its CPU quota runs out';
    case 'pressure':
      return w.resource === 'cpu'
        ? 'explains slowness with no single busy process: runnable tasks wait for a CPU'
        : w.resource === 'io'
          ? 'explains slowness while the CPU is idle: tasks wait for the disk'
          : 'explains slowness before any OOM kill: tasks wait for memory reclaim and swap';
    default:
      return null;
  }
}

/** What `--json` adds to a warning: its sentence and the symptom it explains. */
export function warningWords(model: Pick<HostModel, 'sections'>): (w: Warning) => { message: string; symptom: string | null } {
  return (w) => ({ message: warningText(w, model), symptom: warningSymptom(w) });
}
