import { shQuote } from '../probe/build.js';

/** One sh word: as is when it holds only characters sh never interprets, else single-quoted. */
export function shWord(s: string): string {
  return /^[A-Za-z0-9_.:@%+=,/-]+$/.test(s) ? s : shQuote(s);
}
