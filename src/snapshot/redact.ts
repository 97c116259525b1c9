import type { RawEngine } from './types.js';

const INSPECT_KEY = /^\/containers\/[^/]+\/json$/;

/**
 * Environment values of containers often hold secrets (tokens, passwords).
 * Before a snapshot leaves the machine, the inspect answers keep the
 * variable NAMES and lose the values ("NAME="). An answer that cannot be
 * read as JSON is dropped rather than kept with its secrets.
 */
export function redactEnv(raw: RawEngine[]): RawEngine[] {
  return raw.map((e) => {
    const answers = Object.create(null) as Record<string, string>;
    for (const [k, v] of Object.entries(e.answers)) {
      if (!INSPECT_KEY.test(k)) {
        answers[k] = v;
        continue;
      }
      const r = redactInspect(v);
      if (r !== null) answers[k] = r;
    }
    return { ...e, answers };
  });
}

function redactInspect(text: string): string | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  const objs = Array.isArray(v) ? v : [v];
  for (const o of objs) {
    if (typeof o !== 'object' || o === null) continue;
    const config = (o as { Config?: unknown }).Config;
    if (typeof config !== 'object' || config === null) continue;
    const c = config as { Env?: unknown };
    if (Array.isArray(c.Env)) {
      c.Env = c.Env.map((x: unknown) => (typeof x === 'string' ? `${x.split('=', 1)[0]}=` : x));
    }
  }
  return JSON.stringify(v);
}
