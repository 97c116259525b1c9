import type { HostModel, SectionStatus } from '../../src/model/types.js';
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

/**
 * The sections held back for their cost (src/probe/budget.ts), oldest first, by the time they
 * were read: "cgroups, processes read 14:02:11Z (costly here: r reads all)"; '' when none. The
 * cgroups whose rows on screen were read this tick say so: "cgroups (rows on screen live), ...".
 * An absolute time, so the header does not tick.
 */
export function staleText(sections: HostModel['sections']): string {
  const byTime = new Map<number, string[]>();
  for (const [id, s] of Object.entries(sections)) {
    if (s?.readAt === undefined) continue;
    // The rows on screen may be read every tick although the tree is old (src/model/on-screen.ts).
    const title = (sectionById(id)?.title ?? id) + (s.onScreen ? ' (rows on screen live)' : '');
    byTime.set(s.readAt, [...(byTime.get(s.readAt) ?? []), title]);
  }
  if (byTime.size === 0) return '';
  const parts = [...byTime.entries()].sort(([a], [b]) => a - b).map(([t, titles]) => `${titles.join(', ')} read ${new Date(t).toISOString().slice(11, 19)}Z`);
  return `${parts.join('; ')} (costly here: r reads all)`;
}
