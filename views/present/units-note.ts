/** "1524 units, 3 failed": what titles and the Overview say of a model's units, pure. */
import type { Unit } from '../../src/model/types.js';

const notes = new WeakMap<readonly Unit[], string>();

/** Counted once per list of units: Services makes a title for each view (every sort or filter key's) of a host's thousands of units. */
export function unitsNote(units: readonly Unit[]): string {
  let note = notes.get(units);
  if (note === undefined) {
    let failed = 0;
    for (const u of units) if (u.active === 'failed') failed++;
    notes.set(units, (note = `${units.length} units, ${failed} failed`));
  }
  return note;
}
