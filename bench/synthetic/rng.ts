/** The seeded random source and the small hashes the synthetic node is generated with. */

export interface Rng {
  int(lo: number, hi: number): number;
  pick<T>(xs: readonly T[]): T;
  hex(n: number): string;
  uuid(): string;
}

/** mulberry32: a tiny seeded PRNG, so every run generates the same host. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One draw sequence: the generators must call it in the same order every run. */
export function seededRng(seed: number): Rng {
  const rnd = prng(seed);
  const hex = (n: number) => {
    let s = '';
    while (s.length < n) s += Math.floor(rnd() * 0x100000000).toString(16).padStart(8, '0');
    return s.slice(0, n);
  };
  return {
    int: (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1)),
    pick: (xs) => xs[Math.floor(rnd() * xs.length)]!,
    hex,
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`,
  };
}

export function hashOf(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}

export function hashHex(s: string): string {
  let out = '';
  for (let i = 0; out.length < 64; i++) out += hashOf(`${i}:${s}`).toString(16).padStart(8, '0');
  return out.slice(0, 64);
}
