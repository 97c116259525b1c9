import type { HostModel, Warning } from '../../src/model/types.js';
import { engineFailureText } from './engine-failure.js';
import { plural } from './format.js';
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
  }
}
