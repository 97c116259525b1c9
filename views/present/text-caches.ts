/**
 * Ink's text measure and wrap caches (ink/build/measure-text.js, wrap-text.js) keep every text
 * they ever saw: on a live screen each tick's figures make new row texts, so a session left open
 * grows without end. The bundle's Ink takes these instead (bin/ink-patches.mjs): the same lookups,
 * holding the texts of the last two generations of LIMIT entries each.
 */
export const TEXT_CACHE_LIMIT = 4096;

export class TextCache<V> {
  private current = new Map<string, V>();
  private previous = new Map<string, V>();

  constructor(private readonly limit = TEXT_CACHE_LIMIT) {
    textCaches.add(this);
  }

  get(key: string): V | undefined {
    const v = this.current.get(key);
    if (v !== undefined) return v;
    const old = this.previous.get(key);
    // still in use: it moves to the current generation
    if (old !== undefined) this.set(key, old);
    return old;
  }

  set(key: string, value: V): void {
    if (this.current.size >= this.limit) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(key, value);
  }

  /** Entries held now (at most twice the limit). */
  get size(): number {
    return this.current.size + this.previous.size;
  }
}

/** Every cache made, so a test can see they stay bounded. */
export const textCaches = new Set<TextCache<unknown>>();
