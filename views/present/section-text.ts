import type { SectionStatus } from '../../src/model/types.js';
import { sectionById, type SectionId } from '../../src/probe/sections.js';

/** The one line a user reads about a section that is not ok (the pane and the warning say the same). */
export function sectionSentence(id: SectionId, s: SectionStatus): string {
  const spec = sectionById(id);
  const title = spec?.title ?? id;
  switch (s.state) {
    case 'ok':
      return `${title}: ok`;
    case 'missing':
      return `no data for ${title} (the probe did not reach it)`;
    case 'pending':
      return `${title}: not read yet`;
    case 'absent':
      return `${title}: not available on this host`;
    case 'truncated':
      return `${title} cut at ${Math.round((spec?.maxBytes ?? s.bytes) / 1024)} KiB`;
    case 'error':
      if (s.reason === 'unfinished') return `reading ${title} did not finish (connection closed or timed out)`;
      if (s.reason === 'timeout') return `${title} timed out after ${spec?.timeoutSec ?? '?'} s`;
      return `could not read ${title}${s.rc !== null ? ` (exit ${s.rc})` : ''}`;
  }
}
