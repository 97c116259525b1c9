import { readdirSync, readFileSync } from 'node:fs';

/**
 * Processes still running whose environment holds `tag`: a test gives cosi a
 * unique COSI_TEST_TAG, every process cosi starts inherits it, and afterwards
 * none may be left (whatever group, session or parent it ended up in).
 */
export function taggedProcesses(tag: string): string[] {
  const out: string[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d) || Number(d) === process.pid) continue;
    try {
      if (!readFileSync(`/proc/${d}/environ`, 'latin1').split('\0').includes(`COSI_TEST_TAG=${tag}`)) continue;
      const stat = readFileSync(`/proc/${d}/stat`, 'latin1');
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue; // a zombie is not running
      out.push(`${d} ${readFileSync(`/proc/${d}/cmdline`, 'latin1').split('\0').join(' ').trim()}`);
    } catch {
      // gone, or not ours
    }
  }
  return out;
}

/**
 * SIGKILL to the tagged processes `which` picks (all by default). A process may exit between
 * the listing and the kill (a shell whose child was killed first): that one is already gone.
 */
export function killTagged(tag: string, which: (line: string) => boolean = () => true): void {
  for (const line of taggedProcesses(tag)) {
    if (!which(line)) continue;
    try {
      process.kill(Number(line.split(' ')[0]), 'SIGKILL');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
    }
  }
}

/**
 * The tagged processes still running after up to `ms`: a process sent SIGKILL is gone a moment
 * later, not at once, so this waits for the list to empty before it reports what stayed.
 */
export async function leftovers(tag: string, ms = 5000): Promise<string[]> {
  for (let waited = 0; ; waited += 100) {
    const left = taggedProcesses(tag);
    if (left.length === 0 || waited >= ms) return left;
    await new Promise((r) => setTimeout(r, 100));
  }
}
