/** A list's sort, apart from sort.ts so top-k.ts reads it without an import cycle. */
export type SortValue = number | string | null;

export interface SortSpec {
  id: string;
  label: string;
  desc: boolean;
  /** The tab's own order (first column, not reversed): titles say nothing. */
  natural: boolean;
}
