/** What a list's title and its empty screen say of the active filters (Services, Engines), pure. */

/** The title's note of the active filters. */
export function filterNote(filter: string, problemsOnly: boolean): string {
  return `${problemsOnly ? ' · failed / not running only (f)' : ''}${filter ? ` · filter: ${filter}` : ''}`;
}

/** What an empty list says under the active filters. */
export function emptyNote(filter: string, problemsOnly: boolean, none: string): string {
  if (filter) return `nothing matches "${filter}"${problemsOnly ? ' among what failed or is not running' : ''}`;
  return problemsOnly ? 'nothing failed or stopped here (f shows everything)' : none;
}
