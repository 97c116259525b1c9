/** The lead of a tree row ("│ │ "): the lines of its parents' levels, shared by siblings, pure. */

/** Tree lines are drawn for this many levels; deeper rows show `⋯DEPTH` and the last LEAD_KEEP levels. */
const LEAD_FULL = 8;
const LEAD_KEEP = 4;

/** One level of a row's lead ("│ " or "  "), linked to its parent's: leads are shared, not copied. */
export interface Lead {
  seg: string;
  up: Lead | null;
  n: number;
  /** Its text, made once for all the siblings that share it. */
  text?: string;
}

export function leadText(lead: Lead | null, depth: number): string {
  if (!lead) return '';
  if (lead.text !== undefined) return lead.text;
  const keep = lead.n <= LEAD_FULL ? lead.n : LEAD_KEEP;
  const segs: string[] = [];
  for (let l: Lead | null = lead; l && segs.length < keep; l = l.up) segs.push(l.seg);
  const text = segs.reverse().join('');
  // a lead is shared by the children of one row: they all have the same depth
  return (lead.text = lead.n <= LEAD_FULL ? text : `⋯${depth} ${text}`);
}

/** The lead of the children of a row at `depth` drawn with `branch` under `lead` (roots' children: none unless roots are drawn). */
export function childLead(depth: number, branch: string, lead: Lead | null, drawRoots: boolean): Lead | null {
  return depth === 0 && !drawRoots ? null : { seg: branch === '└─' ? '  ' : branch === '├─' ? '│ ' : '', up: lead, n: (lead?.n ?? 0) + 1 };
}

/** The branch of the `i`th of `n` siblings at `depth`. */
export function branchOf(depth: number, i: number, n: number, drawRoots: boolean): string {
  return depth === 0 && !drawRoots ? '' : i === n - 1 ? '└─' : '├─';
}
