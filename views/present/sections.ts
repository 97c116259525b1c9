import type { HostModel, TabId } from '../../src/model/types.js';
import { SECTIONS, sectionById, type SectionId } from '../../src/probe/sections.js';
import { sectionSentence } from './section-text.js';

/** The registry's sections of a tab in one role (primary: the pane is empty without them). */
function sectionsOf(tab: TabId, role: 'primary' | 'secondary'): SectionId[] {
  return SECTIONS.filter((s) => s.tab === tab && s.role === role).map((s) => s.id);
}

export interface SectionProblem {
  id: SectionId;
  title: string;
  text: string;
  /** Not read yet (the first tick of a connection reads the fast sections only): not a failure. */
  pending: boolean;
}

function title(id: SectionId): string {
  return sectionById(id)?.title ?? id;
}

function describe(model: HostModel, id: SectionId): SectionProblem | null {
  const s = model.sections[id];
  if (!s) return null;
  if (s.state === 'ok') return null;
  return { id, title: title(id), text: sectionSentence(id, s), pending: s.state === 'pending' };
}

/** Problems that leave the pane empty (a primary section not ok). */
export function blockingProblems(model: HostModel, tab: TabId): SectionProblem[] {
  return sectionsOf(tab, 'primary').map((id) => describe(model, id)).filter((p): p is SectionProblem => p !== null);
}

/** Problems that leave the pane partial (secondary sections that failed; an absent tool is normal). */
export function partialProblems(model: HostModel, tab: TabId): SectionProblem[] {
  return sectionsOf(tab, 'secondary')
    .filter((id) => model.sections[id] && model.sections[id].state !== 'absent')
    .map((id) => describe(model, id))
    .filter((p): p is SectionProblem => p !== null);
}

/** When a section had more entries than cosi keeps (src/model/limits.ts): what the pane title says. */
export function cutNote(model: HostModel, id: SectionId, what: string): string {
  const cut = model.sections[id]?.cut;
  return cut ? `first ${cut.shown} of ${cut.total} ${what} (cosi's limit)` : '';
}
