// A cgroup's CPU weight raised for the length of a test, so that a figure the test compares is
// set by a quota and not by the machine's load. On a shared box with a load of 15-25 nearly
// everything runs in the root cgroup, where a child group weighs as much as ONE task: a quota of
// half a core under /docker got about a fifth of a core. Raised to the maximum, the group gets
// what its quota allows (it never gets more: the quota caps it).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** The weight file of a cgroup (v1 cpu.shares, v2 cpu.weight), its maximum and its default. */
function weightFile(path: string): { file: string; max: number; dflt: number } | null {
  const v1 = `/sys/fs/cgroup/cpu${path}/cpu.shares`;
  if (existsSync(v1)) return { file: v1, max: 262144, dflt: 1024 };
  const v2 = `/sys/fs/cgroup${path}/cpu.weight`;
  if (existsSync(v2)) return { file: v2, max: 10000, dflt: 100 };
  return null;
}

/**
 * Raises the CPU weight of cgroup `path` (e.g. `/cosi-lab-load`) to the maximum; returns what
 * puts it back (the default when it was found at the maximum: a run that stopped half-way).
 */
export function raiseCpuWeight(path: string): () => void {
  const w = weightFile(path);
  if (!w) throw new Error(`no cpu.shares or cpu.weight for the cgroup ${path}`);
  const was = Number(readFileSync(w.file, 'utf8').trim());
  writeFileSync(w.file, `${w.max}\n`);
  const back = was === w.max ? w.dflt : was;
  return () => {
    if (existsSync(w.file)) writeFileSync(w.file, `${back}\n`);
  };
}
