import type { HostModel, TabId } from '../../src/model/types.js';
import { SECTIONS } from '../../src/probe/sections.js';

/** The probe sections each tab needs; without them the pane cannot show its content. */
export const TAB_SECTIONS: Record<TabId, { primary: string[]; secondary: string[] }> = {
  overview: { primary: ['identity'], secondary: ['os-release', 'kube'] },
  services: { primary: ['cgroups'], secondary: ['processes', 'systemd'] },
  mounts: { primary: ['mountinfo'], secondary: ['df'] },
  engines: { primary: ['engines'], secondary: [] },
  memory: { primary: ['meminfo'], secondary: ['psi-memory', 'vmstat'] },
};

export interface SectionProblem {
  id: string;
  title: string;
  text: string;
}

function title(id: string): string {
  return SECTIONS.find((s) => s.id === id)?.title ?? id;
}

function describe(model: HostModel, id: string): SectionProblem | null {
  const s = model.sections[id];
  if (!s) return null;
  if (s.state === 'ok') return null;
  const what = { absent: 'not available on this host', error: `failed${s.rc !== null ? ` (exit ${s.rc})` : ''}`, truncated: 'cut at its size limit', missing: 'missing from the answer', ok: '' }[s.state];
  return { id, title: title(id), text: `could not read ${title(id)}: ${s.message ?? what}` };
}

/** Problems that leave the pane empty (a primary section not ok). */
export function blockingProblems(model: HostModel, tab: TabId): SectionProblem[] {
  return TAB_SECTIONS[tab].primary.map((id) => describe(model, id)).filter((p): p is SectionProblem => p !== null);
}

/** Problems that leave the pane partial (secondary sections that failed; an absent tool is normal). */
export function partialProblems(model: HostModel, tab: TabId): SectionProblem[] {
  return TAB_SECTIONS[tab].secondary
    .filter((id) => model.sections[id] && model.sections[id].state !== 'absent')
    .map((id) => describe(model, id))
    .filter((p): p is SectionProblem => p !== null);
}
