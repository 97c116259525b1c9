import type { RawEngine } from '../snapshot/types.js';

/**
 * The model's joins kept between a live session's ticks: a join whose inputs are the same
 * objects as last tick (the parse cache hands back the same parsed value for an unchanged
 * section) returns last tick's value. Nothing is recomputed for sections that did not move,
 * and the unchanged parts of the model keep their identity, so the views' caches still hold.
 */
export class JoinMemo {
  private readonly slots = new Map<string, { deps: readonly unknown[]; value: unknown }>();
  private engines: RawEngine[] | null = null;

  get<T>(key: string, deps: readonly unknown[], make: () => T): T {
    const hit = this.slots.get(key);
    if (hit && hit.deps.length === deps.length && hit.deps.every((d, i) => d === deps[i])) return hit.value as T;
    const value = make();
    this.slots.set(key, { deps, value });
    return value;
  }

  /** The engine answers as one stable object while they do not change (they are new objects every tick). */
  sameEngines(engines: RawEngine[]): RawEngine[] {
    if (this.engines === null || !sameEngines(this.engines, engines)) this.engines = engines;
    return this.engines;
  }
}

/** Without a memo (a snapshot file, a test): every join runs. */
export const NO_MEMO = { get: <T>(_key: string, _deps: readonly unknown[], make: () => T): T => make(), sameEngines: (e: RawEngine[]) => e };
export type Joins = Pick<JoinMemo, 'get' | 'sameEngines'>;

/** True when two ticks' engine answers are the same texts (and the same failures and cuts). */
export function sameEngines(a: RawEngine[], b: RawEngine[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i]!;
    if (x.socket !== y.socket || x.name !== y.name || x.via !== y.via) return false;
    if (JSON.stringify(x.failure) !== JSON.stringify(y.failure) || JSON.stringify(x.cut) !== JSON.stringify(y.cut)) return false;
    const ka = Object.keys(x.answers);
    if (ka.length !== Object.keys(y.answers).length) return false;
    return ka.every((k) => x.answers[k] === y.answers[k]);
  });
}
