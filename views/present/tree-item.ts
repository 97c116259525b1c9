import type { Tone } from './list.js';

/** One node of a tree as a presenter describes it; children are computed only when needed. */
export interface TreeItem {
  key: string;
  /** The label (first column), without prefix or marker. */
  label: string;
  /** The other columns. */
  cells: string[];
  tone: Tone;
  /** Lower-case text the filter matches against. */
  text: string;
  defaultExpanded: boolean;
  children: () => TreeItem[];
  /** Whether children() gives any, when known without making them (a closed row's children are then never made). */
  hasChildren?: boolean;
  /** The label spans the whole line (info rows). */
  span?: boolean;
  merge?: number;
  /** Failed or not running: kept by the `f` quick filter. */
  problem?: boolean;
  /** Its figures by sort column (see sort.ts); items without them keep their place when siblings are sorted. */
  sort?: Record<string, number | string | null>;
}
