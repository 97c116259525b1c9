import { stripAnsi } from './ansi.js';

/**
 * The plain text of a frame: no escapes at all, trailing spaces of every line
 * trimmed, trailing empty lines dropped. No final newline (writers add one).
 */
export function frameToText(ansi: string): string {
  const lines = stripAnsi(ansi)
    .split('\n')
    .map((l) => l.trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}
