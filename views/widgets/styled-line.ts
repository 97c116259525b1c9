import chalk from 'chalk';
import type { Tone } from '../present/list.js';

/**
 * A line styled as Ink's <Text> styles its text (ink/build/components/Text.js, in its order: dim,
 * colour, inverse), with the chalk instance Ink uses (its level included), so that many lines can
 * go in one <Text>: Ink composes the same cells, with one layout node instead of one per line.
 */
export function styledLine(text: string, tone: Tone | undefined, inverse: boolean): string {
  let s = text;
  if (tone === 'dim') s = chalk.dim(s);
  else if (tone !== undefined && tone !== 'normal') s = chalk[tone](s);
  return inverse ? chalk.inverse(s) : s;
}
